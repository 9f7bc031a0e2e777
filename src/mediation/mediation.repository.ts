import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { LEVELS } from '../common/levels';
import { Where } from '../common/sql-where';
import { freePlacesSql } from '../offers/places';
import { DeclineReason, ProposalStatus } from '../proposals/proposal.entity';
import { TransferStatus } from '../transfer-requests/transfer-request.entity';
import { Role } from '../users/user.entity';
import { CaseOrigin, CaseStatus, CloseOutcome, Outcome } from './mediation-case.entity';
import { CaseSort } from './mediation.dto';

/** A pupil's sending school as the queries below join it; all null for a pupil moving in. */
export interface SendingSchoolColumns {
  sending_school_id: string | null;
  sending_school_name: string | null;
  sending_school_brin: string | null;
}

/** A case with its pupil's request, season and assignee (CASE_SELECT). */
export interface CaseRow extends SendingSchoolColumns {
  id: string;
  region_id: string;
  season_id: string;
  request_id: string;
  round_id: string | null;
  origin: CaseOrigin;
  status: CaseStatus;
  outcome: Outcome | null;
  outcome_note: string | null;
  placed_offer_id: string | null;
  over_capacity_reason: string | null;
  assigned_to: string | null;
  assigned_to_name: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  list_extended_at: Date | null;
  first_name: string;
  last_name: string;
  request_status: TransferStatus;
  requested_grade: number;
  requested_level: string;
  requested_profile: string;
  /** The season's summer holiday start, YYYY-MM-DD. */
  summer_holiday_start: string;
}

/** The case list's filters; every one is optional but the region. */
export interface CaseFilter {
  regionId: string;
  unassigned?: boolean;
  assignedTo?: string;
  grade?: number;
  level?: string;
  sendingSchoolId?: string;
  seasonId?: string;
  status?: CaseStatus;
  /** Only cases of these seasons. */
  seasonIds?: string[];
}

export interface LockedCase {
  id: string;
  region_id: string;
  request_id: string;
  status: CaseStatus;
}

export interface OfferToPlace {
  region_id: string;
  season_id: string;
  school_id: string;
  grade: number;
  level: string;
  profile: string;
}

/** How a case is closed; a placement names the offer (and the reason when it was full). */
export interface CaseClosing {
  outcome: CloseOutcome | 'placed';
  closedBy: string;
  note?: string | null;
  placedOfferId?: string;
  overCapacityReason?: string | null;
}

/** An offer with room for a case's pupil, with what suggestions.ts orders it by. */
export interface SuggestionRow {
  id: string;
  school_id: string;
  name: string;
  brin: string;
  board: string;
  postcode: string;
  grade: number;
  level: string;
  profile: string;
  capacity: number;
  placed: number;
  pending: number;
  pupil_postcode: string;
  remaining: number;
  preference_rank: number | null;
  /** The school declined this pupil before (in a round). */
  declined: boolean;
}

export interface NoteView {
  id: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  createdAt: Date;
}

export interface ProposalView {
  id: string;
  roundId: string;
  schoolId: string;
  schoolName: string;
  program: string;
  status: ProposalStatus;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  respondBy: string;
  createdAt: Date;
  respondedAt: Date | null;
}

export interface BoardOfferRow {
  id: string;
  school_id: string;
  name: string;
  brin: string;
  grade: number;
  level: string;
  profile: string;
  remaining: number;
}

export interface WaitingPupilRow extends SendingSchoolColumns {
  id: string;
  first_name: string;
  last_name: string;
  requested_grade: number;
  requested_level: string;
  requested_profile: string;
  status: TransferStatus;
  waiting_since: Date;
  /** The pupil's open mediation case. */
  case_id: string | null;
}

const CASE_SELECT = `
  select c.id, c.region_id, c.season_id, c.request_id, c.round_id, c.origin, c.status, c.outcome,
         c.outcome_note, c.placed_offer_id, c.over_capacity_reason, c.assigned_to,
         u.name as assigned_to_name, c.created_at, c.updated_at, c.closed_at, c.list_extended_at,
         tr.first_name, tr.last_name, tr.status as request_status, tr.requested_grade,
         tr.requested_level, tr.requested_profile, tr.sending_school_id,
         ss.name as sending_school_name, ss.brin as sending_school_brin,
         se.summer_holiday_start::text as summer_holiday_start
    from mediation_cases c
    join transfer_requests tr on tr.id = c.request_id
    join seasons se on se.id = c.season_id
    left join schools ss on ss.id = tr.sending_school_id
    left join users u on u.id = c.assigned_to`;

/**
 * The mediation desk's and the placement table's queries, in the current transaction
 * (TransactionHost; the plain manager outside one). The services hold the rules: who may, which
 * transition, what is audited.
 */
@Injectable()
export class MediationRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  /** A page of the region's cases, by summer holiday (unless 'waiting') and age; the total. */
  async list(
    f: CaseFilter,
    sort: CaseSort | undefined,
    offset: number,
    limit: number,
  ): Promise<{ total: number; rows: CaseRow[] }> {
    const w = new Where().add((n) => `c.region_id = ${n}`, f.regionId);
    if (f.unassigned) w.also('c.assigned_to is null');
    if (f.assignedTo) w.add((n) => `c.assigned_to = ${n}`, f.assignedTo);
    if (f.grade) w.add((n) => `tr.requested_grade = ${n}`, f.grade);
    if (f.level) w.add((n) => `tr.requested_level = ${n}`, f.level);
    if (f.sendingSchoolId) w.add((n) => `tr.sending_school_id = ${n}`, f.sendingSchoolId);
    if (f.seasonId) w.add((n) => `c.season_id = ${n}`, f.seasonId);
    if (f.status) w.add((n) => `c.status = ${n}`, f.status);
    if (f.seasonIds) w.add((n) => `c.season_id = any(${n}::uuid[])`, f.seasonIds);
    const [{ total }] = await this.query<{ total: number }>(
      `select count(*)::int as total from mediation_cases c
         join transfer_requests tr on tr.id = c.request_id ${w.sql}`,
      w.params,
    );
    const rows = await this.query<CaseRow>(
      `${CASE_SELECT} ${w.sql}
        order by ${sort === 'waiting' ? '' : 'se.summer_holiday_start, '}c.created_at, c.id
        offset ${offset} limit ${limit}`,
      w.params,
    );
    return { total, rows };
  }

  /** The region's seasons with the start of their summer holiday (YYYY-MM-DD). */
  seasonsOf(regionId: string): Promise<{ id: string; start: string }[]> {
    return this.query(
      `select id, summer_holiday_start::text as start from seasons where region_id = $1`,
      [regionId],
    );
  }

  /** The case (whose existence the caller's access check has shown). */
  async caseRow(id: string): Promise<CaseRow> {
    const [row] = await this.query<CaseRow>(`${CASE_SELECT} where c.id = $1`, [id]);
    return row;
  }

  /** Locks the case row until the transaction ends (the caller has checked access to it). */
  async lockCase(id: string): Promise<LockedCase> {
    const [c] = await this.query<LockedCase>(
      `select id, region_id, request_id, status from mediation_cases where id = $1 for update`,
      [id],
    );
    return c;
  }

  /** Opens a manual case; its id, or null when the pupil already has an open case. */
  async openCase(c: {
    regionId: string;
    seasonId: string;
    requestId: string;
    openedBy: string;
  }): Promise<string | null> {
    const rows = await this.query<{ id: string }>(
      `insert into mediation_cases (region_id, season_id, request_id, origin, opened_by)
       values ($1, $2, $3, 'manual', $4)
       on conflict do nothing returning id`,
      [c.regionId, c.seasonId, c.requestId, c.openedBy],
    );
    return rows[0]?.id ?? null;
  }

  async assign(caseId: string, userId: string): Promise<void> {
    await this.query(
      `update mediation_cases set assigned_to = $2, updated_at = now() where id = $1`,
      [caseId, userId],
    );
  }

  /** Marks the case changed (a note was added). */
  async touch(caseId: string): Promise<void> {
    await this.query(`update mediation_cases set updated_at = now() where id = $1`, [caseId]);
  }

  async closeCase(caseId: string, c: CaseClosing): Promise<void> {
    await this.query(
      `update mediation_cases set status = 'closed', outcome = $2, outcome_note = $3,
              placed_offer_id = $4, over_capacity_reason = $5, closed_by = $6,
              closed_at = now(), updated_at = now()
        where id = $1`,
      [
        caseId,
        c.outcome,
        c.note ?? null,
        c.placedOfferId ?? null,
        c.overCapacityReason ?? null,
        c.closedBy,
      ],
    );
  }

  async insertNote(caseId: string, authorId: string, text: string): Promise<NoteView> {
    const [n] = await this.query<{ id: string; created_at: Date; author_name: string }>(
      // clock_timestamp(): notes written in one transaction keep their order in the timeline.
      `insert into mediation_notes (case_id, author_id, text, created_at)
       values ($1, $2, $3, clock_timestamp())
       returning id, created_at, (select name from users where id = $2) as author_name`,
      [caseId, authorId, text],
    );
    return { id: n.id, authorId, authorName: n.author_name, text, createdAt: n.created_at };
  }

  /** The case's notes, oldest first. */
  async notesOf(caseId: string): Promise<NoteView[]> {
    const rows = await this.query<{
      id: string;
      author_id: string | null;
      author_name: string | null;
      text: string;
      created_at: Date;
    }>(
      `select n.id, n.author_id, u.name as author_name, n.text, n.created_at
         from mediation_notes n left join users u on u.id = n.author_id
        where n.case_id = $1
        order by n.created_at, n.id`,
      [caseId],
    );
    return rows.map((n) => ({
      id: n.id,
      authorId: n.author_id ?? null,
      authorName: n.author_name ?? null,
      text: n.text,
      createdAt: n.created_at,
    }));
  }

  /** A user's role and whether they are disabled; undefined when there is no such user. */
  async userRole(id: string): Promise<{ role: Role; disabled: boolean } | undefined> {
    const [u] = await this.query<{ role: Role; disabled: boolean }>(
      `select role, disabled from users where id = $1`,
      [id],
    );
    return u;
  }

  /** The offer (whose existence the caller's access check shows). */
  async offerToPlace(id: string): Promise<OfferToPlace> {
    const [o] = await this.query<OfferToPlace>(
      `select region_id, season_id, school_id, grade, level, profile from offers where id = $1`,
      [id],
    );
    return o;
  }

  /**
   * Offers of the season with free places for this leerjaar × niveau (profile equal, or an offer
   * without profile), but the sending school's; with the pupil's preference rank of the school.
   */
  suggestionsFor(
    regionId: string,
    c: {
      requestId: string;
      seasonId: string;
      grade: number;
      level: string;
      profile: string;
      sendingSchoolId: string | null;
    },
  ): Promise<SuggestionRow[]> {
    return this.query<SuggestionRow>(
      `select o.id, o.school_id, s.name, s.brin, s.board, s.postcode, o.grade, o.level, o.profile,
              o.capacity, o.placed, o.pending,
              (select postcode from transfer_requests where id = $2) as pupil_postcode,
              ${freePlacesSql('o')}::int as remaining,
              p.rank as preference_rank,
              exists (select 1 from request_exclusions e
                       where e.request_id = $2 and e.school_id = o.school_id) as declined
         from offers o
         join schools s on s.id = o.school_id
         left join transfer_request_preferences p on p.request_id = $2 and p.school_id = o.school_id
        where o.region_id = $1 and o.season_id = $3 and o.grade = $4 and o.level = $5
          and (o.profile = '' or o.profile = $6)
          and ${freePlacesSql('o')} > 0
          and o.school_id is distinct from $7::uuid`,
      [regionId, c.requestId, c.seasonId, c.grade, c.level, c.profile, c.sendingSchoolId],
    );
  }

  /** The board's schools in the region, by name. */
  schoolsOfBoard(
    regionId: string,
    board: string,
  ): Promise<{ id: string; brin: string; name: string }[]> {
    return this.query(
      `select id, brin, name from schools where region_id = $1 and board = $2 order by name, brin`,
      [regionId, board],
    );
  }

  /** The board's offers of the season with free places, by school, leerjaar and niveau. */
  freeOffersOfBoard(regionId: string, seasonId: string, board: string): Promise<BoardOfferRow[]> {
    return this.query<BoardOfferRow>(
      `select o.id, o.school_id, s.name, s.brin, o.grade, o.level, o.profile,
              ${freePlacesSql('o')}::int as remaining
         from offers o join schools s on s.id = o.school_id
        where o.region_id = $1 and o.season_id = $2 and s.board = $3
          and ${freePlacesSql('o')} > 0
        order by s.name, s.brin, o.grade, array_position($4::text[], o.level::text), o.profile`,
      [regionId, seasonId, board, [...LEVELS]],
    );
  }

  /**
   * The region's pupils of the season still without a place (submitted or in mediation) who ask
   * for a leerjaar × niveau that one of the board's offers has room for.
   */
  waitingPupilsForBoard(
    regionId: string,
    seasonId: string,
    board: string,
  ): Promise<WaitingPupilRow[]> {
    return this.query<WaitingPupilRow>(
      `select tr.id, tr.first_name, tr.last_name, tr.requested_grade, tr.requested_level,
              tr.requested_profile, tr.status, tr.sending_school_id,
              ss.name as sending_school_name, ss.brin as sending_school_brin,
              coalesce(tr.submitted_at, tr.created_at) as waiting_since,
              (select c.id from mediation_cases c
                where c.request_id = tr.id and c.status = 'open') as case_id
         from transfer_requests tr
         left join schools ss on ss.id = tr.sending_school_id
        where tr.region_id = $1 and tr.season_id = $2 and tr.status in ('submitted', 'mediation')
          and exists (
            select 1 from offers o join schools s on s.id = o.school_id
             where o.season_id = tr.season_id and s.region_id = $1 and s.board = $3
               and o.grade = tr.requested_grade and o.level = tr.requested_level
               and ${freePlacesSql('o')} > 0)
        order by tr.requested_grade, array_position($4::text[], tr.requested_level::text),
                 tr.last_name, tr.first_name, tr.id`,
      [regionId, seasonId, board, [...LEVELS]],
    );
  }
}
