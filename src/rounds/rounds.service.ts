import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { AccessService, requestListScope } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Page, PageQuery } from '../common/pagination';
import { JobsService } from '../jobs/jobs.service';
import { JobName, QUEUE_OF } from '../jobs/jobs.types';
import { createExplainer, match, MatchInput, MatchOutput, Mechanism } from '../matching';
import { Region } from '../regions/region.entity';
import { amsterdamInstant } from '../seasons/amsterdam-time';
import { todayIso } from '../seasons/calendar';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { SeasonsService } from '../seasons/seasons.service';
import { dutchLongDate } from '../transfer-requests/entry-window';
import {
  buildEngineInput,
  buildReport,
  canonicalJson,
  RoundReport,
  sha256,
  skippedChoices,
  SnapshotOffer,
  SnapshotRequest,
} from './engine-input';
import { MatchingRound } from './round.entity';
import { RoundHooks } from './round-hooks';
import { freePlacesSql, reserveForRound } from '../offers/places';
import { setStatusByRound } from '../transfer-requests/lifecycle';

const UNIQUE_VIOLATION = '23505';
const isUnique = (e: unknown) =>
  e instanceof QueryFailedError && (e as unknown as { code?: string }).code === UNIQUE_VIOLATION;

/** A round's job id: fixed, so adding its job twice adds it once. */
export const roundJobId = (roundId: string) => `round-${roundId}`;

export interface RoundView {
  id: string;
  seasonId: string;
  status: MatchingRound['status'];
  dryRun: boolean;
  mechanism: string;
  progress: number;
  seedHash: string;
  /** Revealed only once the round has run, so nobody can choose it after seeing the data. */
  seed: string | null;
  inputHash: string | null;
  scheduledFor: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Wall-clock time from start to finish (snapshot, engine, writing), once finished. */
  durationMs: number | null;
  /** The matching engine's own part of it, once the round has run. */
  engineMs: number | null;
  error: string | null;
  counts: { proposals: number; pending: number; accepted: number; declined: number };
  report: unknown;
}

@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seasons: SeasonsService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly hooks: RoundHooks,
    private readonly calendars: SchoolCalendarService,
    private readonly access: AccessService,
  ) {}

  /**
   * Starts a round now. A second active round in the season is refused by a unique index: 409.
   * With Redis unreachable the answer is 503 within 2 s and no round is left behind: 503 means
   * nothing will run.
   */
  async start(
    user: AuthUser,
    seasonId: string,
    opts: { dryRun: boolean; mechanism: Mechanism },
  ): Promise<RoundView> {
    const season = await this.seasons.get(user, seasonId);
    // Most outages are seen here, before anything is written.
    await this.jobs.ensureAvailable();
    const seed = randomBytes(16).toString('hex');
    let round: MatchingRound;
    try {
      round = await this.db.getRepository(MatchingRound).save({
        regionId: user.regionId,
        seasonId: season.id,
        status: 'queued',
        dryRun: opts.dryRun,
        mechanism: opts.mechanism,
        seed,
        seedHash: sha256(seed),
        createdBy: user.id,
      });
    } catch (e) {
      if (isUnique(e))
        throw new ConflictException('Er loopt al een matchingsronde voor dit seizoen');
      throw e;
    }
    // The answer shows the round as made (queued); a worker may take it up the moment it is queued.
    let view = await this.view(user, round.id);
    try {
      await this.enqueue(round.id);
    } catch (e) {
      // A round a worker's reconciliation already took up runs, so it is answered as started.
      if ((await this.withdrawUnstarted([round.id], 'queued')).length) throw e;
      view = await this.view(user, round.id);
    }
    await this.audit.record(user, {
      entity: 'matching_round',
      entityId: round.id,
      action: opts.dryRun ? 'start.dry-run' : 'start',
    });
    return view;
  }

  /** Schedules a round on every round date of the season still ahead (idempotent). */
  async schedule(
    user: AuthUser,
    seasonId: string,
    mechanism: Mechanism,
  ): Promise<{ items: RoundView[]; warning: string | null }> {
    const season = await this.seasons.get(user, seasonId);
    await this.jobs.ensureAvailable();
    const now = Date.now();
    const today = todayIso();
    const beforeSummer = season.roundDates.filter(
      (d) => d > today && d < season.summerHolidayStart,
    );
    const warning = beforeSummer.length
      ? null
      : `Er staat na vandaag geen ronde meer gepland vóór de zomervakantie (${dutchLongDate(season.summerHolidayStart)}): leerlingen zonder plaats krijgen dan geen tweede kans in een ronde. Voeg een vervolgronde toe aan de kalender van het seizoen, bijvoorbeeld 3 schooldagen na de vorige ronde.`;
    const ids: string[] = [];
    const added: string[] = [];
    try {
      for (const date of season.roundDates) {
        const at = amsterdamInstant(date);
        if (at.getTime() <= now) continue;
        const seed = randomBytes(16).toString('hex');
        const rows: { id: string }[] = await this.db.query(
          `insert into matching_rounds (region_id, season_id, status, mechanism, seed, seed_hash, scheduled_for, created_by)
           values ($1, $2, 'scheduled', $3, $4, $5, $6, $7)
           on conflict (season_id, scheduled_for) where status = 'scheduled' do nothing returning id`,
          [user.regionId, season.id, mechanism, seed, sha256(seed), at, user.id],
        );
        if (rows[0]) added.push(rows[0].id);
        const id =
          rows[0]?.id ??
          (
            await this.db
              .getRepository(MatchingRound)
              .findOneByOrFail({ seasonId: season.id, scheduledFor: at, status: 'scheduled' })
          ).id;
        ids.push(id);
        await this.enqueue(id, at.getTime() - now);
      }
    } catch (e) {
      // Rounds scheduled before this request stay (the worker's reconciliation keeps their jobs).
      await this.withdrawUnstarted(added, 'scheduled');
      throw e;
    }
    await this.audit.record(user, {
      entity: 'season',
      entityId: season.id,
      action: 'rounds.schedule',
    });
    return { items: await Promise.all(ids.map((id) => this.view(user, id))), warning };
  }

  /** Puts the job on the queue; the round id is the job id, so adding twice is harmless. */
  async enqueue(roundId: string, delay = 0): Promise<void> {
    await this.jobs.enqueue(
      JobName.RunRound,
      { roundId },
      { jobId: roundJobId(roundId), delay: Math.max(0, delay), attempts: 5 },
    );
  }

  /**
   * Deletes rounds of a refused request that no worker has started yet; returns the ids deleted.
   * A job that was added after all finds no round and does nothing.
   */
  private async withdrawUnstarted(
    ids: string[],
    status: 'queued' | 'scheduled',
  ): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await this.db.query(
      `delete from matching_rounds where id = any($1::uuid[]) and status = $2 and started_at is null returning id`,
      [ids, status],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The worker's reconciliation (RoundReconciler, at start and periodically): every round that
   * should run (scheduled, queued, or running when its worker or Redis went away) and has no job
   * under its fixed id gets one again, delayed to its time when scheduled; e.g. after Redis lost
   * its data. A round whose job BullMQ gave up on without the round hearing of it is marked
   * failed. Running a round twice writes nothing twice (see execute), so a race is harmless.
   */
  async reconcile(): Promise<{ requeued: string[]; failed: string[] }> {
    const rows = await this.db.getRepository(MatchingRound).find({
      where: { status: In(['scheduled', 'queued', 'running']) },
      order: { createdAt: 'ASC' },
    });
    const requeued: string[] = [];
    const failed: string[] = [];
    for (const r of rows) {
      const job = await this.jobs.findJob(QUEUE_OF[JobName.RunRound], roundJobId(r.id));
      if (!job) {
        await this.enqueue(r.id, r.scheduledFor ? r.scheduledFor.getTime() - Date.now() : 0);
        requeued.push(r.id);
      } else if ((await job.getState()) === 'failed') {
        await this.markFailed(r.id, job.failedReason || 'job failed');
        failed.push(r.id);
      }
    }
    return { requeued, failed };
  }

  /**
   * The worker's part. Snapshot, engine and writing all happen in one transaction, with the
   * requests and offers locked: a kill at any moment leaves the round fully written or not at
   * all, and a retry finds the round completed and writes nothing.
   */
  async execute(
    roundId: string,
    progress: (pct: number) => Promise<void> = async () => undefined,
  ): Promise<void> {
    const repo = this.db.getRepository(MatchingRound);
    const round = await repo
      .createQueryBuilder('r')
      .addSelect('r.seed')
      .where('r.id = :id', { id: roundId })
      .getOne();
    if (!round || ['failed', 'cancelled'].includes(round.status)) return;
    if (round.status === 'completed') {
      // A retry after the commit: notices (deduplicated) or deadline jobs may still be missing.
      if (!round.dryRun) await this.hooks.afterCommit(round);
      return;
    }
    if (round.status === 'scheduled') {
      // Raises a unique violation while another round runs; the job retries with backoff.
      await repo.update({ id: round.id, status: 'scheduled' }, { status: 'queued' });
    }
    await this.db.query(
      `update matching_rounds set status = 'running', started_at = coalesce(started_at, clock_timestamp()), progress = 5 where id = $1 and status in ('queued', 'running')`,
      [round.id],
    );
    await progress(5);
    const region = await this.db.getRepository(Region).findOneByOrFail({ id: round.regionId });
    const season = await this.db.query(`select response_school_days from seasons where id = $1`, [
      round.seasonId,
    ]);
    const calendar = await this.calendars.forRegion(round.regionId);

    try {
      await this.db.transaction('READ COMMITTED', async (m) => {
        // Serialises attempts at the same round without locking its row, which progress updates
        // (on another connection) must still be able to write.
        await m.query(`select pg_advisory_xact_lock(hashtext($1))`, [round.id]);
        const [current] = await m.query(`select status from matching_rounds where id = $1`, [
          round.id,
        ]);
        if (current?.status !== 'running') return;
        // Whole-season statements: JIT compiling cost ~0.6 s a statement and saved nothing, and
        // the snapshot's sorts of 200k pupils spilled to disk with the default work_mem.
        await m.query(`set local jit = off`);
        await m.query(`set local work_mem = '64MB'`);
        const { requests, offers } = await this.snapshot(m, round.seasonId, !round.dryRun);
        await this.setProgress(round.id, 30);
        await progress(30);
        const input = buildEngineInput(
          requests,
          offers,
          region.priorityRules ?? {},
          round.seed,
          round.mechanism as Mechanism,
        );
        const t0 = performance.now();
        const output = match(input, { timing: false });
        const engineMs = Math.round(performance.now() - t0);
        await this.setProgress(round.id, 70);
        await progress(70);
        const report = buildReport(
          input,
          output,
          requests,
          offers,
          engineMs,
          region.priorityRules ?? {},
        );
        const returning = await this.returningPupils(
          m,
          round,
          requests.map((r) => r.id),
        );
        report.returning = {
          pupils: returning.length,
          placed: returning.filter((id) => output.assignments[id]).length,
        };
        const unplaced = requests.filter((r) => !output.assignments[r.id]).map((r) => r.id);
        const respondBy = calendar.addSchoolDays(todayIso(), season[0].response_school_days);
        // PostgreSQL writes the proposals, statuses and cases while this process builds the JSON the
        // round keeps (~100 MB at 200k pupils): side by side, not one after the other.
        const writes = round.dryRun
          ? Promise.resolve()
          : (async () => {
              await this.writeProposals(m, round, output, offers, respondBy);
              await this.hooks.afterRound(m, round, unplaced);
            })();
        // Awaited below; this only keeps a failure while the JSON is built from counting as unhandled.
        writes.catch(() => undefined);
        const stored = await storedJson(input, output, report, requests, offers);
        await writes;
        // clock_timestamp(), not now(): now() is the transaction's start, before the engine ran.
        await m.query(
          `update matching_rounds set status = 'completed', progress = 100, finished_at = clock_timestamp(),
             input = $2, output = $3, input_hash = $4, report = $5, skipped_choices = $6
           where id = $1`,
          [round.id, stored.input, stored.output, stored.inputHash, stored.report, stored.skipped],
        );
      });
    } catch (e) {
      await this.db.query(`update matching_rounds set error = $2 where id = $1`, [
        round.id,
        (e as Error).message.slice(0, 500),
      ]);
      throw e;
    }
    await progress(100);
    if (!round.dryRun) await this.hooks.afterCommit(round);
  }

  /** The reminder job the school day before the next round (see RoundHooks). */
  async sendExtendReminder(roundId: string): Promise<number> {
    return this.hooks.sendExtendReminder(roundId);
  }

  /** Marks a round failed once BullMQ has given up on it, so the season can run another. */
  async markFailed(roundId: string, message: string): Promise<void> {
    await this.db.query(
      `update matching_rounds set status = 'failed', error = $2, finished_at = clock_timestamp() where id = $1 and status in ('queued', 'running', 'scheduled')`,
      [roundId, message.slice(0, 500)],
    );
  }

  async get(user: AuthUser, id: string): Promise<RoundView> {
    return this.view(user, id);
  }

  async list(user: AuthUser, seasonId: string, q: PageQuery): Promise<Page<RoundView>> {
    await this.seasons.get(user, seasonId);
    const [rows, total] = await this.db.getRepository(MatchingRound).findAndCount({
      where: { seasonId, regionId: user.regionId },
      order: { createdAt: 'DESC' },
      skip: PageQuery.offset(q),
      take: q.limit,
    });
    return {
      items: await Promise.all(rows.map((r) => this.view(user, r.id))),
      total,
      page: q.page,
      limit: q.limit,
    };
  }

  /** Per pupil: the result with the engine's explanation. Coordinators see their own pupils only. */
  async results(user: AuthUser, id: string, q: PageQuery) {
    const round = await this.loadFull(user, id);
    const scope = requestListScope(user);
    const qb = this.db
      .createQueryBuilder()
      .select('tr.id', 'id')
      .from('transfer_requests', 'tr')
      .where(scope.sql, scope.params)
      .andWhere(
        "tr.id in (select (jsonb_object_keys(r.output -> 'assignments'))::uuid from matching_rounds r where r.id = :round)",
        { round: id },
      )
      .orderBy('tr.id');
    const total = await qb.getCount();
    const ids: { id: string }[] = await qb.offset(PageQuery.offset(q)).limit(q.limit).getRawMany();
    const explain = createExplainer(round.input as MatchInput, round.output as MatchOutput);
    const items = ids.map(({ id: pupil }) => ({
      requestId: pupil,
      offerId: (round.output as MatchOutput).assignments[pupil],
      explanation: explain(pupil),
    }));
    await this.audit.recordMany(
      user,
      items.map((i) => ({
        entity: 'transfer_request',
        entityId: i.requestId,
        action: 'round.result',
      })),
    );
    return { items, total, page: q.page, limit: q.limit };
  }

  /** Runs the engine again on the stored input and seed and compares the result byte for byte. */
  async replay(user: AuthUser, id: string) {
    const round = await this.loadFull(user, id);
    const again = match(round.input as MatchInput, { timing: false });
    const stored = canonicalJson(round.output);
    const fresh = canonicalJson(again);
    return {
      roundId: id,
      inputHash: round.inputHash,
      identical: stored === fresh,
      outputHash: sha256(fresh),
      storedOutputHash: sha256(stored),
    };
  }

  // ---- helpers

  private async loadFull(user: AuthUser, id: string) {
    await this.access.requireAccess(user, 'round.read', [id]);
    const round = await this.db
      .getRepository(MatchingRound)
      .createQueryBuilder('r')
      .addSelect(['r.input', 'r.output'])
      .where('r.id = :id', { id })
      .getOneOrFail();
    if (round.status !== 'completed')
      throw new ConflictException(`De ronde is nog niet klaar (status: ${round.status})`);
    return round;
  }

  private async view(user: AuthUser, id: string): Promise<RoundView> {
    await this.access.requireAccess(user, 'round.read', [id]);
    const r = await this.db
      .getRepository(MatchingRound)
      .createQueryBuilder('r')
      .addSelect('r.seed')
      .where('r.id = :id', { id })
      .getOneOrFail();
    const [c] = await this.db.query(
      `select count(*)::int as proposals,
              count(*) filter (where status = 'pending')::int as pending,
              count(*) filter (where status = 'accepted')::int as accepted,
              count(*) filter (where status = 'declined')::int as declined
         from proposals where round_id = $1`,
      [id],
    );
    return {
      id: r.id,
      seasonId: r.seasonId,
      status: r.status,
      dryRun: r.dryRun,
      mechanism: r.mechanism,
      progress: r.progress,
      seedHash: r.seedHash,
      seed: r.status === 'completed' ? r.seed : null,
      inputHash: r.inputHash,
      scheduledFor: r.scheduledFor,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      durationMs:
        r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
      engineMs: (r.report as { engineMs?: number } | null)?.engineMs ?? null,
      error: r.error,
      counts: c,
      report: r.report,
    };
  }

  private async setProgress(id: string, pct: number): Promise<void> {
    // Outside the round's transaction, so GET /rounds/:id shows it while the round runs.
    await this.db.query(`update matching_rounds set progress = $2 where id = $1`, [id, pct]);
  }

  private async snapshot(m: EntityManager, seasonId: string, lock: boolean) {
    // Each pupil's schools in one grouped pass over the preferences (not two subqueries per
    // pupil), as text the worker splits: 200k pupils list ~1.6M schools.
    const requests: SnapshotRequest[] = (
      await m.query(
        `with tr as materialized (
           select id, reason, sending_school_id, requested_grade, requested_level, requested_profile
             from transfer_requests where season_id = $1 and status = 'submitted'
           ${lock ? 'for update' : ''})
         select tr.id, tr.reason, sb.board as sending_board, tr.requested_grade as grade,
                tr.requested_level as level, tr.requested_profile as profile,
                p.ids as preferences, e.ids as excluded
           from tr left join schools sb on sb.id = tr.sending_school_id
           left join (select p.request_id, string_agg(p.school_id::text, ',' order by p.rank) as ids
                        from transfer_request_preferences p join tr on tr.id = p.request_id
                       group by p.request_id) p on p.request_id = tr.id
           left join (select e.request_id, string_agg(e.school_id::text, ',') as ids
                        from request_exclusions e join tr on tr.id = e.request_id
                       group by e.request_id) e on e.request_id = tr.id`,
        [seasonId],
      )
    ).map((r: Record<string, unknown>) => ({
      id: r.id,
      reason: r.reason,
      sendingBoard: r.sending_board,
      grade: r.grade,
      level: r.level,
      profile: r.profile,
      preferences: r.preferences ? (r.preferences as string).split(',') : [],
      excluded: r.excluded ? (r.excluded as string).split(',') : [],
    }));
    const offers: SnapshotOffer[] = (
      await m.query(
        `select o.id, o.school_id, s.board, o.grade, o.level, o.profile,
                ${freePlacesSql('o')}::int as remaining
           from offers o join schools s on s.id = o.school_id
          where o.season_id = $1
          ${lock ? 'for update of o' : ''}`,
        [seasonId],
      )
    ).map((o: Record<string, unknown>) => ({
      id: o.id,
      schoolId: o.school_id,
      board: o.board,
      grade: o.grade,
      level: o.level,
      profile: o.profile,
      remaining: o.remaining,
    }));
    return { requests, offers };
  }

  /**
   * Of these pupils, those who took part in an earlier (non-dry, completed) round of the season:
   * they are in its output, placed or not.
   */
  private async returningPupils(
    m: EntityManager,
    round: MatchingRound,
    ids: string[],
  ): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await m.query(
      `select distinct k.id from matching_rounds r
         cross join lateral jsonb_object_keys(r.output -> 'assignments') as k(id)
        where r.season_id = $1 and r.region_id = $2 and r.id <> $3 and r.status = 'completed'
          and not r.dry_run and k.id = any($4::text[])`,
      [round.seasonId, round.regionId, round.id, ids],
    );
    return rows.map((r) => r.id);
  }

  private async writeProposals(
    m: EntityManager,
    round: MatchingRound,
    output: MatchOutput,
    offers: SnapshotOffer[],
    respondBy: string,
  ) {
    const schoolOf = new Map(offers.map((o) => [o.id, o.schoolId]));
    const reqIds: string[] = [];
    const offerIds: string[] = [];
    const schoolIds: string[] = [];
    const perOffer = new Map<string, number>();
    for (const [req, offer] of Object.entries(output.assignments)) {
      if (!offer) continue;
      reqIds.push(req);
      offerIds.push(offer);
      schoolIds.push(schoolOf.get(offer) as string);
      perOffer.set(offer, (perOffer.get(offer) ?? 0) + 1);
    }
    if (!reqIds.length) return;
    // unique (round_id, request_id) is the last line of defence against a second set.
    await m.query(
      `insert into proposals (region_id, round_id, request_id, offer_id, school_id, respond_by)
       select $1, $2, t.r, t.o, t.s, $3 from unnest($4::uuid[], $5::uuid[], $6::uuid[]) as t(r, o, s)`,
      [round.regionId, round.id, respondBy, reqIds, offerIds, schoolIds],
    );
    await reserveForRound(m, perOffer);
    await setStatusByRound(m, round.regionId, reqIds, 'proposed');
  }
}

/**
 * The JSON a round keeps, built in steps with a turn of the event loop between them, so the
 * database connection's traffic goes on meanwhile. The input is written once, canonically (what
 * its hash is taken of), and stored as that same text.
 */
async function storedJson(
  input: MatchInput,
  output: MatchOutput,
  report: RoundReport,
  requests: SnapshotRequest[],
  offers: SnapshotOffer[],
) {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  await turn();
  const inputJson = canonicalJson(input);
  await turn();
  const inputHash = sha256(inputJson);
  await turn();
  const outputJson = JSON.stringify(output);
  await turn();
  const skipped = JSON.stringify(skippedChoices(requests, offers));
  return {
    input: inputJson,
    inputHash,
    output: outputJson,
    report: JSON.stringify(report),
    skipped,
  };
}
