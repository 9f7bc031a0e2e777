import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, In } from 'typeorm';
import { orderedUuidPrefix, uuidArray } from '../common/ordered-uuids';
import { freePlacesSql } from '../offers/places';
import { Region } from '../regions/region.entity';
import { SnapshotOffer, SnapshotRequest } from './engine-input';
import { SchoolIds } from './school-ids';
import { MatchingRound } from './round.entity';

/** A round's proposals by status (the round view). */
export interface RoundCounts {
  proposals: number;
  pending: number;
  accepted: number;
  declined: number;
}

/** What a completed round keeps: its JSON as text, written once. */
export interface StoredRound {
  input: string;
  output: string;
  inputHash: string;
  report: string;
  skipped: string;
}

/** A pupil a round left without a place and still in mediation, with what fits them. */
export interface UnplacedPupilRow {
  id: string;
  sending_school_id: string;
  season_id: string;
  grade: number;
  level: string;
  profile: string;
  excluded: string[];
}

/** An offer's free places, by the program it offers. */
export interface FreePlacesRow {
  season_id: string;
  school_id: string;
  grade: number;
  level: string;
  profile: string;
  free: number;
}

/** A round's region and season, and the season's next round date after a given day. */
export interface NextRoundRow {
  regionId: string;
  seasonId: string;
  /** YYYY-MM-DD, or null when no round date of the season lies ahead. */
  next: string | null;
}

/** An offer with its school, as the round's report and explanations name it. */
export interface OfferNameRow {
  id: string;
  school_id: string;
  name: string;
  brin: string;
  grade: number;
  level: string;
  profile: string | null;
}

/** The pupil's columns an explanation shows. */
export interface ExplainedRequestRow {
  id: string;
  region_id: string;
  first_name: string;
  last_name: string;
  grade: number;
  level: string;
  profile: string;
  sending_school_id: string | null;
}

/** One row of a round's pupils by name (RoundInsightService.pupils). */
export interface RoundPupilDbRow {
  id: string;
  first_name: string;
  last_name: string;
  requested_grade: number;
  requested_level: string;
  sending_school_id: string | null;
  sending_school_name: string | null;
  offer_id: string | null;
  grade: number | null;
  level: string | null;
  profile: string | null;
  school_id: string | null;
  school_name: string | null;
  rank: number | null;
}

/** A row of the snapshot's requests, as the driver gives it. */
interface SnapshotRow {
  id: string;
  reason: SnapshotRequest['reason'];
  sending_board: string | null;
  grade: number;
  level: string;
  profile: string;
  /** School uuids, 16 bytes each (see SchoolIds); null when none. */
  preferences: Buffer | null;
  excluded: Buffer | null;
}

/**
 * The rounds' SQL (issue 19 point 5): every query runs on `txHost.tx`, the current transaction's
 * EntityManager inside one (the round's), the DataSource's manager outside. The services hold
 * the rules. Four writes use the DataSource on purpose (see each).
 */
@Injectable()
export class RoundsRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  private get tx() {
    return this.txHost.tx;
  }

  // ---- the round row

  /** The round with its seed (not selected by default), or null. */
  withSeed(id: string): Promise<MatchingRound | null> {
    return this.tx
      .getRepository(MatchingRound)
      .createQueryBuilder('r')
      .addSelect('r.seed')
      .where('r.id = :id', { id })
      .getOne();
  }

  /** The round with its seed; throws if none. */
  withSeedOrFail(id: string): Promise<MatchingRound> {
    return this.tx
      .getRepository(MatchingRound)
      .createQueryBuilder('r')
      .addSelect('r.seed')
      .where('r.id = :id', { id })
      .getOneOrFail();
  }

  /** The round with its stored input and output (and skipped choices when asked); throws if none. */
  withStored(id: string, skippedChoices = false): Promise<MatchingRound> {
    return this.tx
      .getRepository(MatchingRound)
      .createQueryBuilder('r')
      .addSelect(['r.input', 'r.output', ...(skippedChoices ? ['r.skippedChoices'] : [])])
      .where('r.id = :id', { id })
      .getOneOrFail();
  }

  /** The round's row without its JSON; throws if none. */
  plain(id: string): Promise<MatchingRound> {
    return this.tx.getRepository(MatchingRound).findOneByOrFail({ id });
  }

  /** Inserts a queued round; a second active round of the season raises a unique violation. */
  insertQueued(round: Partial<MatchingRound>): Promise<MatchingRound> {
    return this.tx.getRepository(MatchingRound).save({ ...round, status: 'queued' });
  }

  /**
   * A scheduled round at `at`, unless the season has one then already: its id, or the id of the
   * one there was, and whether it is new.
   */
  async insertScheduled(r: {
    regionId: string;
    seasonId: string;
    mechanism: string;
    seed: string;
    seedHash: string;
    at: Date;
    createdBy: string;
  }): Promise<{ id: string; added: boolean }> {
    const rows: { id: string }[] = await this.tx.query(
      `insert into matching_rounds (region_id, season_id, status, mechanism, seed, seed_hash, scheduled_for, created_by)
       values ($1, $2, 'scheduled', $3, $4, $5, $6, $7)
       on conflict (season_id, scheduled_for) where status = 'scheduled' do nothing returning id`,
      [r.regionId, r.seasonId, r.mechanism, r.seed, r.seedHash, r.at, r.createdBy],
    );
    if (rows[0]) return { id: rows[0].id, added: true };
    const existing = await this.tx
      .getRepository(MatchingRound)
      .findOneByOrFail({ seasonId: r.seasonId, scheduledFor: r.at, status: 'scheduled' });
    return { id: existing.id, added: false };
  }

  /** Deletes those of these rounds in `status` that no worker has started; the ids deleted. */
  async deleteUnstarted(ids: string[], status: 'queued' | 'scheduled'): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.query(
      `delete from matching_rounds where id = any($1::uuid[]) and status = $2 and started_at is null returning id`,
      [ids, status],
    );
    return rows.map((r) => r.id);
  }

  /** Rounds that should run (scheduled, queued or running), oldest first. */
  active(): Promise<MatchingRound[]> {
    return this.tx.getRepository(MatchingRound).find({
      where: { status: In(['scheduled', 'queued', 'running']) },
      order: { createdAt: 'ASC' },
    });
  }

  /** A scheduled round becomes queued (a unique violation while another round of the season runs). */
  async queueScheduled(id: string): Promise<void> {
    await this.tx
      .getRepository(MatchingRound)
      .update({ id, status: 'scheduled' }, { status: 'queued' });
  }

  /** A queued (or already running) round is running, at 5%. */
  async markRunning(id: string): Promise<void> {
    await this.tx.query(
      `update matching_rounds set status = 'running', started_at = coalesce(started_at, clock_timestamp()), progress = 5 where id = $1 and status in ('queued', 'running')`,
      [id],
    );
  }

  /**
   * Waits for any other attempt at the same round (an advisory lock until the transaction ends,
   * not a row lock: progress is written on another connection meanwhile); then the round's status.
   */
  async lockAttempt(id: string): Promise<MatchingRound['status'] | undefined> {
    await this.tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [id]);
    const [row]: { status: MatchingRound['status'] }[] = await this.tx.query(
      `select status from matching_rounds where id = $1`,
      [id],
    );
    return row?.status;
  }

  /**
   * For the rest of the transaction, settings for whole-season statements: JIT compiling cost
   * ~0.6 s a statement and saved nothing, the snapshot's sorts of 200k pupils spilled to disk
   * with the default work_mem, and no parallel plans (see below).
   */
  async tuneForWholeSeason(): Promise<void> {
    await this.tx.query(`set local jit = off`);
    await this.tx.query(`set local work_mem = '64MB'`);
    // The snapshot's string_agg takes each pupil's schools in the order its sorted subquery gives
    // them; partial aggregates from parallel workers would be combined in any order.
    await this.tx.query(`set local max_parallel_workers_per_gather = 0`);
  }

  /**
   * The JSON a round keeps (~100 MB at 200k pupils), on a connection of its own, committed at
   * once: it is written while the round's transaction writes proposals, statuses and cases, not
   * after them. Nothing reads it before the round is completed (the same transaction's
   * `complete`), and a retried round writes it again; a round that failed may keep it.
   */
  async storeJson(id: string, stored: StoredRound): Promise<void> {
    // As bytes (the driver sends a Buffer in binary format), not strings: the driver copies a
    // string parameter into its message with the event loop blocked, ~0.85 s for these ~100 MB,
    // which held up the round's next statement. The binary format of json is its text; that of
    // jsonb is a version byte (1) and the text.
    await this.db.query(
      `update matching_rounds set input = $2, output = $3, skipped_choices = $4 where id = $1`,
      [
        id,
        Buffer.from(stored.input),
        Buffer.concat([Buffer.of(1), Buffer.from(stored.output)]),
        stored.skipped,
      ],
    );
  }

  /** The round's end, in its transaction: completed, with its input's hash and its report. */
  async complete(id: string, stored: Pick<StoredRound, 'inputHash' | 'report'>): Promise<void> {
    // clock_timestamp(), not now(): now() is the transaction's start, before the engine ran.
    await this.tx.query(
      `update matching_rounds set status = 'completed', progress = 100, finished_at = clock_timestamp(),
         input_hash = $2, report = $3
       where id = $1`,
      [id, stored.inputHash, stored.report],
    );
  }

  /** Progress, on a connection of its own: visible to GET /rounds/:id while the round's transaction runs. */
  async setProgress(id: string, pct: number): Promise<void> {
    await this.db.query(`update matching_rounds set progress = $2 where id = $1`, [id, pct]);
  }

  /** The error of a failed attempt, on a connection of its own: the round's transaction rolled back. */
  async setError(id: string, message: string): Promise<void> {
    await this.db.query(`update matching_rounds set error = $2 where id = $1`, [
      id,
      message.slice(0, 500),
    ]);
  }

  /** Failed for good, on a connection of its own: BullMQ gave up, there is no transaction to join. */
  async markFailed(id: string, message: string): Promise<void> {
    await this.db.query(
      `update matching_rounds set status = 'failed', error = $2, finished_at = clock_timestamp() where id = $1 and status in ('queued', 'running', 'scheduled')`,
      [id, message.slice(0, 500)],
    );
  }

  /** A page of the season's rounds in the region (with their seeds), newest first, and their number. */
  page(
    seasonId: string,
    regionId: string,
    skip: number,
    take: number,
  ): Promise<[MatchingRound[], number]> {
    return this.tx
      .getRepository(MatchingRound)
      .createQueryBuilder('r')
      .addSelect('r.seed')
      .where('r.seasonId = :seasonId and r.regionId = :regionId', { seasonId, regionId })
      .orderBy('r.createdAt', 'DESC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
  }

  /** The round's proposals by status. */
  async counts(roundId: string): Promise<RoundCounts> {
    return (await this.countsOf([roundId])).get(roundId) as RoundCounts;
  }

  /** These rounds' proposals by status, in one query (zeros for a round without proposals). */
  async countsOf(roundIds: string[]): Promise<Map<string, RoundCounts>> {
    const rows: (RoundCounts & { round_id: string })[] = await this.tx.query(
      `select r.id as round_id, count(p.id)::int as proposals,
              count(*) filter (where p.status = 'pending')::int as pending,
              count(*) filter (where p.status = 'accepted')::int as accepted,
              count(*) filter (where p.status = 'declined')::int as declined
         from unnest($1::uuid[]) as r(id) left join proposals p on p.round_id = r.id
        group by r.id`,
      [uuidArray(roundIds)],
    );
    return new Map(rows.map(({ round_id, ...c }) => [round_id, c]));
  }

  /**
   * A page of the round's pupils (ids, in id order) within a list scope (requestListScope, alias
   * `tr`), and their number.
   */
  async resultIds(
    roundId: string,
    scope: { sql: string; params: Record<string, unknown> },
    offset: number,
    limit: number,
  ): Promise<{ ids: string[]; total: number }> {
    const qb = this.tx
      .createQueryBuilder()
      .select('tr.id', 'id')
      .from('transfer_requests', 'tr')
      .where(scope.sql, scope.params)
      .andWhere(
        "tr.id in (select (jsonb_object_keys(r.output -> 'assignments'))::uuid from matching_rounds r where r.id = :round)",
        { round: roundId },
      )
      .orderBy('tr.id');
    const total = await qb.getCount();
    const rows: { id: string }[] = await qb.offset(offset).limit(limit).getRawMany();
    return { ids: rows.map((r) => r.id), total };
  }

  // ---- what a round runs on

  /** The region's priority rules (and the rest of its row). */
  region(id: string): Promise<Region> {
    return this.tx.getRepository(Region).findOneByOrFail({ id });
  }

  /** School days a receiving school has to answer a proposal in this season. */
  async responseSchoolDays(seasonId: string): Promise<number> {
    const [row]: { response_school_days: number }[] = await this.tx.query(
      `select response_school_days from seasons where id = $1`,
      [seasonId],
    );
    return row.response_school_days;
  }

  /**
   * The season's submitted requests in id order and its offers with their free places, locked
   * when `lock` (FOR UPDATE) until the transaction ends.
   */
  async snapshot(
    seasonId: string,
    lock: boolean,
  ): Promise<{ requests: SnapshotRequest[]; offers: SnapshotOffer[] }> {
    // Each pupil's schools in one grouped pass over the preferences (not two subqueries per
    // pupil): 200k pupils list ~1.6M schools. They come in the primary key's order (request_id,
    // rank), which its index scan gives without a sort, and string_agg takes them in that order (a
    // sorted subquery is not flattened; an aggregate's own ORDER BY sorted each pupil's few rows
    // again, ~0.4 s at 200k). As 16 bytes each (uuid_send, one bytea a pupil), not as text: no
    // text conversion per listing here, and SchoolIds reads them without a string per listing.
    // The pupils come in id order (the merge joins'), so buildEngineInput only checks it.
    const rows: SnapshotRow[] = await this.tx.query(
      `with tr as materialized (
         select id, reason, sending_school_id, requested_grade, requested_level, requested_profile
           from transfer_requests where season_id = $1 and status = 'submitted'
         ${lock ? 'for update' : ''})
       select tr.id, tr.reason, sb.board as sending_board, tr.requested_grade as grade,
              tr.requested_level as level, tr.requested_profile as profile,
              p.ids as preferences, e.ids as excluded
         from tr left join schools sb on sb.id = tr.sending_school_id
         left join (select p.request_id, string_agg(uuid_send(p.school_id), '') as ids
                      from (select p.request_id, p.school_id
                              from transfer_request_preferences p join tr on tr.id = p.request_id
                             order by p.request_id, p.rank) p
                     group by p.request_id) p on p.request_id = tr.id
         left join (select e.request_id, string_agg(uuid_send(e.school_id), '') as ids
                      from request_exclusions e join tr on tr.id = e.request_id
                     group by e.request_id) e on e.request_id = tr.id
        order by tr.id`,
      [seasonId],
    );
    const schools = new SchoolIds();
    const requests: SnapshotRequest[] = [];
    for (const r of rows) {
      requests.push({
        id: r.id,
        reason: r.reason,
        sendingBoard: r.sending_board,
        grade: r.grade,
        level: r.level,
        profile: r.profile,
        preferences: schools.list(r.preferences),
        excluded: schools.list(r.excluded),
      });
    }
    const offers: SnapshotOffer[] = (
      await this.tx.query(
        `select o.id, o.school_id, s.board, o.grade, o.level, o.profile,
                ${freePlacesSql('o')}::int as remaining
           from offers o join schools s on s.id = o.school_id
          where o.season_id = $1
          ${lock ? 'for update of o' : ''}`,
        [seasonId],
      )
    ).map((o: Record<string, unknown>) => ({
      id: o.id,
      // The same string objects as the pupils' lists: Map lookups by them compare no characters.
      schoolId: schools.one(o.school_id as string),
      board: o.board,
      grade: o.grade,
      level: o.level,
      profile: o.profile,
      remaining: o.remaining,
    }));
    return { requests, offers };
  }

  /**
   * Of these pupils, those in the output of another completed, non-dry round of the same season
   * and region, placed or not.
   */
  async inEarlierRounds(round: MatchingRound, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await this.tx.query(
      `select distinct k.id from matching_rounds r
         cross join lateral jsonb_object_keys(r.output -> 'assignments') as k(id)
        where r.season_id = $1 and r.region_id = $2 and r.id <> $3 and r.status = 'completed'
          and not r.dry_run and k.id = any($4::text[])`,
      [round.seasonId, round.regionId, round.id, uuidArray(ids)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The round's proposals, one per placed pupil, in one statement: `requestIds[k]` gets
   * `offerIds[offerOf[k]]` (an index into the offers, so ~160k pupils send 3,000 offer ids and
   * small numbers, not 160k offer and school ids); the school is the offer's. Ids ascend
   * (orderedUuidPrefix), as do the request ids (the engine's pupils are in id order).
   */
  async insertProposals(
    round: { id: string; regionId: string },
    respondBy: string,
    p: { requestIds: string[]; offerOf: number[]; offerIds: string[] },
  ): Promise<void> {
    // unique (round_id, request_id) is the last line of defence against a second set. An offer
    // index without an offer leaves offer_id null, which the insert refuses.
    await this.tx.query(
      `with o as (
         select u.n, f.id, f.school_id
           from unnest($7::uuid[]) with ordinality as u(id, n) left join offers f on f.id = u.id)
       insert into proposals (id, region_id, round_id, request_id, offer_id, school_id, respond_by)
       select ($4 || lpad(to_hex(t.n), 12, '0'))::uuid, $1, $2, t.r, o.id, o.school_id, $3
         from unnest($5::uuid[], $6::int[]) with ordinality as t(r, i, n)
         left join o on o.n = t.i
        order by t.n`,
      [
        round.regionId,
        round.id,
        respondBy,
        orderedUuidPrefix(),
        uuidArray(p.requestIds),
        `{${p.offerOf.join(',')}}`,
        uuidArray(p.offerIds),
      ],
    );
  }

  // ---- after a round

  /** The receiving schools of the round's proposals. */
  async proposalSchools(roundId: string): Promise<string[]> {
    const rows: { school_id: string }[] = await this.tx.query(
      `select distinct school_id from proposals where round_id = $1`,
      [roundId],
    );
    return rows.map((r) => r.school_id);
  }

  /** The earliest respond_by (YYYY-MM-DD) of the round's proposals, or null when it made none. */
  async firstRespondBy(roundId: string): Promise<string | null> {
    const [row]: { respond_by: string | null }[] = await this.tx.query(
      `select min(respond_by)::text as respond_by from proposals where round_id = $1`,
      [roundId],
    );
    return row?.respond_by ?? null;
  }

  /** The round's region and season and the season's first round date after `today`; undefined if no round. */
  async nextRound(roundId: string, today: string): Promise<NextRoundRow | undefined> {
    const [row]: { region_id: string; season_id: string; next: string | null }[] =
      await this.tx.query(
        `select r.region_id, s.id as season_id,
                (select min(d)::text from unnest(s.round_dates) d where d > $2::date) as next
           from matching_rounds r join seasons s on s.id = r.season_id
          where r.id = $1`,
        [roundId, today],
      );
    return row && { regionId: row.region_id, seasonId: row.season_id, next: row.next };
  }

  /**
   * Pupils the round left without a place who are still in mediation, with a sending school;
   * with `unchangedOnly`, only those whose open case's list was not extended since the round.
   */
  unplacedPupils(
    roundId: string,
    regionId: string,
    unchangedOnly: boolean,
  ): Promise<UnplacedPupilRow[]> {
    return this.tx.query(
      `select tr.id, tr.sending_school_id, tr.season_id, tr.requested_grade as grade,
              tr.requested_level as level, tr.requested_profile as profile,
              array(select e.school_id from request_exclusions e where e.request_id = tr.id) as excluded
         from matching_rounds r
         cross join lateral jsonb_each(r.output -> 'assignments') as a(id, offer)
         join transfer_requests tr on tr.id = a.id::uuid
        where r.id = $1 and r.region_id = $2 and a.offer = 'null'::jsonb
          and tr.status = 'mediation' and tr.sending_school_id is not null
          and (not $3 or not exists (
                select 1 from mediation_cases c
                 where c.request_id = tr.id and c.status = 'open'
                   and c.list_extended_at >= r.finished_at))
        order by tr.id`,
      [roundId, regionId, unchangedOnly],
    );
  }

  /** Every offer of these seasons with its free places. */
  freePlaces(seasonIds: string[]): Promise<FreePlacesRow[]> {
    return this.tx.query(
      `select o.season_id, o.school_id, o.grade, o.level, o.profile, ${freePlacesSql('o')} as free
         from offers o where o.season_id = any($1::uuid[])`,
      [seasonIds],
    );
  }

  // ---- what the office reads about a round (RoundInsightService)

  /** The round's accepted proposals per offer. */
  async acceptedPerOffer(roundId: string): Promise<Map<string, number>> {
    const rows: { offer_id: string; n: number }[] = await this.tx.query(
      `select offer_id, count(*)::int as n from proposals
        where round_id = $1 and status = 'accepted' group by offer_id`,
      [roundId],
    );
    return new Map(rows.map((r) => [r.offer_id, r.n]));
  }

  /** What these pupils of the region asked for: leerjaar and niveau. */
  requestedPrograms(
    regionId: string,
    ids: string[],
  ): Promise<{ id: string; grade: number; level: string }[]> {
    return this.tx.query(
      `select id, requested_grade::int as grade, requested_level as level
         from transfer_requests where region_id = $1 and id = any($2::uuid[])`,
      [regionId, ids],
    );
  }

  /** The pupil's columns an explanation shows, or undefined. */
  async explainedRequest(id: string): Promise<ExplainedRequestRow | undefined> {
    const [row]: ExplainedRequestRow[] = await this.tx.query(
      `select id, region_id, first_name, last_name, requested_grade::int as grade,
              requested_level as level, requested_profile as profile, sending_school_id
         from transfer_requests where id = $1`,
      [id],
    );
    return row;
  }

  /**
   * A page of the round's pupils by name (last name, first name), with the offer and school they
   * got and its rank on their list; `like` (an ILIKE pattern) matches first, last or full name.
   */
  async pupilsPage(
    roundId: string,
    regionId: string,
    like: string | null,
    offset: number,
    limit: number,
  ): Promise<{ rows: RoundPupilDbRow[]; total: number }> {
    const from = `from matching_rounds r
      cross join lateral jsonb_each_text(r.output -> 'assignments') as a(request_id, offer_id)
      join transfer_requests tr on tr.id = a.request_id::uuid and tr.region_id = r.region_id
      where r.id = $1 and r.region_id = $2
        and ($3::text is null or tr.first_name ilike $3 or tr.last_name ilike $3
             or (tr.first_name || ' ' || tr.last_name) ilike $3)`;
    const [{ total }]: { total: number }[] = await this.tx.query(
      `select count(*)::int as total ${from}`,
      [roundId, regionId, like],
    );
    const rows: RoundPupilDbRow[] = await this.tx.query(
      `select tr.id, tr.first_name, tr.last_name, tr.requested_grade::int as requested_grade,
              tr.requested_level, tr.sending_school_id, ss.name as sending_school_name,
              o.id as offer_id, o.grade::int as grade, o.level, o.profile, s.id as school_id,
              s.name as school_name,
              (select p.rank from transfer_request_preferences p
                where p.request_id = tr.id and p.school_id = o.school_id)::int as rank
         ${from.replace(
           'where r.id',
           `left join schools ss on ss.id = tr.sending_school_id
            left join offers o on o.id = a.offer_id::uuid
            left join schools s on s.id = o.school_id
            where r.id`,
         )}
        order by tr.last_name, tr.first_name, tr.id
        offset ${Number(offset)} limit ${Number(limit)}`,
      [roundId, regionId, like],
    );
    return { rows, total };
  }

  /** These offers of the region with their school's name and BRIN. */
  offerNames(regionId: string, ids: string[]): Promise<OfferNameRow[]> {
    return this.tx.query(
      `select o.id, o.school_id, s.name, s.brin, o.grade::int as grade, o.level, o.profile
         from offers o join schools s on s.id = o.school_id
        where o.region_id = $1 and o.id = any($2::uuid[])`,
      [regionId, ids],
    );
  }

  /** These schools of the region by name. */
  async schoolNames(regionId: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.tx.query(
      `select id, name from schools where region_id = $1 and id = any($2::uuid[])`,
      [regionId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
