import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditEvent, AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { AuthUser } from '../auth/auth-user';
import { Page, PageQuery } from '../common/pagination';
import { Where } from '../common/sql-where';
import { fieldError } from '../common/validation';
import { SchoolCalendar } from '../calendar';
import { todayIso } from '../seasons/calendar';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { RequestLifecycle, RequestState } from '../transfer-requests/lifecycle';
import { canTransition } from '../transfer-requests/status';
import { TransferStatus } from '../transfer-requests/transfer-request.entity';
import { CaseOrigin, CaseStatus, CloseOutcome, Outcome } from './mediation-case.entity';
import { AssignDto, CaseQueryDto, CloseDto, NoteDto, OpenCaseDto, PlaceDto } from './mediation.dto';
import { DeclineReason, ProposalStatus } from '../proposals/proposal.entity';
import { programLabel } from '../rounds/explanation-text';
import { District } from '../schools/district';
import { nearness, orderSuggestions, postcodeDistance } from './suggestions';
import { freePlacesSql, takePlace } from '../offers/places';

export interface CaseView {
  id: string;
  seasonId: string;
  requestId: string;
  roundId: string | null;
  origin: CaseOrigin;
  status: CaseStatus;
  outcome: Outcome | null;
  outcomeNote: string | null;
  placedOfferId: string | null;
  overCapacityReason: string | null;
  assignedTo: string | null;
  assignedToName: string | null;
  pupil: { firstName: string; lastName: string };
  requestStatus: TransferStatus;
  requestedGrade: number;
  requestedLevel: string;
  requestedProfile: string;
  sendingSchool: { id: string; name: string; brin: string } | null;
  /** The sending school's name, or 'instromer' for a pupil moving into the region. */
  sendingSchoolName: string;
  /** School days from today until the season's summer holiday starts (0 once it has). */
  schoolDaysLeft: number;
  /** Calendar days since the case was opened (until it was closed). */
  daysWaiting: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  listExtendedAt: Date | null;
  listExtended: boolean;
}

export interface NoteView {
  id: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  createdAt: Date;
}

export interface Suggestion {
  offerId: string;
  schoolId: string;
  schoolName: string;
  brin: string;
  board: string;
  postcode: string;
  grade: number;
  level: string;
  profile: string;
  capacity: number;
  placed: number;
  pending: number;
  remaining: number;
  /** Rank in the pupil's own preferences, or null when the pupil did not list the school. */
  preferenceRank: number | null;
  /** |postcode area of pupil − of school| (see suggestions.ts), null when unknown. */
  distance: number | null;
  /** The school declined this pupil before (in a round). */
  declinedBefore: boolean;
  district: District;
  pupilDistrict: District;
  /** Nearness in words: same district, or the other one and the postcode difference. */
  distanceHint: string;
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

export const INSTROMER = 'instromer';
const DAY = 86_400_000;
/** Whole calendar days between two Amsterdam dates. */
const daysBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY));

type Row = Record<string, unknown>;

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

/** The reason written on the request; 'withdrawn' takes the advisor's note instead. */
const OUTCOME_REASON: Record<Exclude<CloseOutcome, 'withdrawn'>, string> = {
  'moved-out': 'Verhuisd buiten de regio',
  'special-education': 'Naar speciaal onderwijs',
  other: 'Anders',
};

/** The row's sending_school_id, _name and _brin as one object; null for a pupil moving in. */
export function sendingSchoolOf(r: Row): CaseView['sendingSchool'] {
  return r.sending_school_id
    ? {
        id: String(r.sending_school_id),
        name: String(r.sending_school_name),
        brin: String(r.sending_school_brin),
      }
    : null;
}

function toView(r: Row, today: string, calendar: SchoolCalendar): CaseView {
  return {
    id: String(r.id),
    seasonId: String(r.season_id),
    requestId: String(r.request_id),
    roundId: (r.round_id as string) ?? null,
    origin: r.origin as CaseOrigin,
    status: r.status as CaseStatus,
    outcome: (r.outcome as Outcome) ?? null,
    outcomeNote: (r.outcome_note as string) ?? null,
    placedOfferId: (r.placed_offer_id as string) ?? null,
    overCapacityReason: (r.over_capacity_reason as string) ?? null,
    assignedTo: (r.assigned_to as string) ?? null,
    assignedToName: (r.assigned_to_name as string) ?? null,
    pupil: { firstName: String(r.first_name), lastName: String(r.last_name) },
    requestStatus: r.request_status as TransferStatus,
    requestedGrade: Number(r.requested_grade),
    requestedLevel: String(r.requested_level),
    requestedProfile: String(r.requested_profile),
    sendingSchool: sendingSchoolOf(r),
    sendingSchoolName: r.sending_school_id ? String(r.sending_school_name) : INSTROMER,
    schoolDaysLeft: calendar.schoolDaysBetween(today, String(r.summer_holiday_start)),
    daysWaiting: daysBetween(
      todayIso(r.created_at as Date),
      r.closed_at ? todayIso(r.closed_at as Date) : today,
    ),
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
    closedAt: (r.closed_at as Date) ?? null,
    listExtendedAt: (r.list_extended_at as Date) ?? null,
    listExtended: r.list_extended_at != null,
  };
}

interface LockedCase {
  id: string;
  region_id: string;
  request_id: string;
  status: CaseStatus;
}

interface LockedRequest {
  id: string;
  region_id: string;
  season_id: string;
  status: TransferStatus;
  sending_school_id: string | null;
  requested_grade: number;
  requested_level: string;
  requested_profile: string;
  consent_recorded_at: Date | null;
}

/**
 * The mediation desk (bemiddeling): cases of pupils without a place, their timeline, suggestions
 * and manual placement. Advisors and admins only (the controller says so); every row is of the
 * caller's region, anything else is "not found". Every read and change of a case is audited.
 */
@Injectable()
export class MediationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly calendars: SchoolCalendarService,
    private readonly lifecycle: RequestLifecycle,
    private readonly access: AccessService,
  ) {}

  async list(user: AuthUser, q: CaseQueryDto): Promise<Page<CaseView>> {
    const today = todayIso();
    const calendar = await this.calendars.forRegion(user.regionId);
    const w = new Where().add((n) => `c.region_id = ${n}`, user.regionId);
    if (q.unassigned) w.also('c.assigned_to is null');
    if (q.mine) w.add((n) => `c.assigned_to = ${n}`, user.id);
    if (q.grade) w.add((n) => `tr.requested_grade = ${n}`, q.grade);
    if (q.level) w.add((n) => `tr.requested_level = ${n}`, q.level);
    if (q.schoolId) w.add((n) => `tr.sending_school_id = ${n}`, q.schoolId);
    if (q.seasonId) w.add((n) => `c.season_id = ${n}`, q.seasonId);
    if (q.status) w.add((n) => `c.status = ${n}`, q.status);
    if (q.maxSchoolDaysLeft !== undefined) {
      // School days are counted in TypeScript (the region's SchoolCalendar), per season: few rows.
      const seasons: { id: string; start: string }[] = await this.db.query(
        `select id, summer_holiday_start::text as start from seasons where region_id = $1`,
        [user.regionId],
      );
      const max = q.maxSchoolDaysLeft;
      w.add(
        (n) => `c.season_id = any(${n}::uuid[])`,
        seasons.filter((s) => calendar.schoolDaysBetween(today, s.start) <= max).map((s) => s.id),
      );
    }
    const [{ total }] = await this.db.query(
      `select count(*)::int as total from mediation_cases c
         join transfer_requests tr on tr.id = c.request_id ${w.sql}`,
      w.params,
    );
    const rows: Row[] = await this.db.query(
      `${CASE_SELECT} ${w.sql}
        order by ${q.sort === 'waiting' ? '' : 'se.summer_holiday_start, '}c.created_at, c.id
        offset ${PageQuery.offset(q)} limit ${q.limit}`,
      w.params,
    );
    const items = rows.map((r) => toView(r, today, calendar));
    await this.audit.recordMany(
      user,
      items.map((c) => ({
        entity: 'transfer_request',
        entityId: c.requestId,
        action: 'mediation.list',
        schoolId: c.sendingSchool?.id ?? null,
      })),
    );
    return { items, total, page: q.page, limit: q.limit };
  }

  /**
   * The case with its notes as a timeline, oldest first, and every proposal the pupil had. An
   * audited read. (The pupil's form itself is GET /transfer-requests/:id, audited there.)
   */
  async get(
    user: AuthUser,
    id: string,
  ): Promise<CaseView & { notes: NoteView[]; proposals: ProposalView[] }> {
    const view = await this.view(user, id);
    const notes = await this.notesOf(id);
    const proposals = await this.proposalsOf(user, view.requestId);
    await this.audit.recordMany(user, this.events(view, 'read', 'mediation.read'));
    return { ...view, notes, proposals };
  }

  /** An advisor opens a case by hand, e.g. for a pupil who moves into the region. */
  async open(user: AuthUser, dto: OpenCaseDto): Promise<CaseView> {
    const id = await this.db.transaction(async (m) => {
      const r = await this.lockRequest(user, dto.requestId, m);
      this.ensureNoOpenProposal(r);
      // An instromer (no sending school here) an advisor entered goes to mediation straight from
      // the draft: they may list no school with places yet, which submitting asks for.
      const instromerDraft = r.status === 'draft' && r.sending_school_id === null;
      if (r.status !== 'mediation' && r.status !== 'submitted' && !instromerDraft) {
        throw new ConflictException(
          `Een aanvraag met status '${r.status}' kan niet in bemiddeling worden genomen`,
        );
      }
      if (instromerDraft && !r.consent_recorded_at)
        throw fieldError(
          'requestId',
          'requestId: leg eerst de toestemming van ouders/leerling vast (consentBy) op het formulier',
        );
      // The request row is locked, so two advisors opening at once queue up here.
      const rows: { id: string }[] = await m.query(
        `insert into mediation_cases (region_id, season_id, request_id, origin, opened_by)
         values ($1, $2, $3, 'manual', $4)
         on conflict do nothing returning id`,
        [user.regionId, r.season_id, r.id, user.id],
      );
      if (!rows.length) {
        throw new ConflictException('Deze leerling heeft al een open bemiddelingsdossier');
      }
      const caseId = rows[0].id;
      if (dto.note?.trim()) await this.insertNote(m, caseId, user.id, dto.note.trim());
      await this.audit.record(
        user,
        {
          entity: 'mediation_case',
          entityId: caseId,
          action: 'open',
          schoolId: r.sending_school_id,
        },
        m,
      );
      const event = { entity: 'transfer_request', entityId: r.id, action: 'mediation.open' };
      if (r.status === 'submitted' || instromerDraft)
        await this.lifecycle.apply(m, user, requestOf(r), 'mediation.open');
      // Already in mediation (a round put them there): the request's history still notes it.
      else await this.audit.record(user, { ...event, schoolId: r.sending_school_id }, m);
      return caseId;
    });
    return this.view(user, id);
  }

  /** Assigns the case to an advisor of the region (default: the caller). */
  async assign(user: AuthUser, id: string, dto: AssignDto): Promise<CaseView> {
    const emails = await this.db.transaction(async (m) => {
      const c = await this.lockCase(user, id, m);
      this.ensureOpen(c);
      const assignee = dto.userId ?? user.id;
      const [u]: { region_id: string; role: string; disabled: boolean }[] = await m.query(
        `select region_id, role, disabled from users where id = $1`,
        [assignee],
      );
      const ofRegion = await this.access.checkAccess(user, 'user.read', [assignee], m);
      if (!u || !ofRegion.has(assignee) || u.role !== 'advisor' || u.disabled) {
        throw fieldError(
          'userId',
          dto.userId
            ? 'userId: geen actieve onderwijsadviseur van deze regio'
            : 'userId: alleen een onderwijsadviseur kan een dossier op zich nemen; kies een adviseur',
        );
      }
      await m.query(
        `update mediation_cases set assigned_to = $2, updated_at = now() where id = $1`,
        [c.id, assignee],
      );
      await this.audit.record(
        user,
        { entity: 'mediation_case', entityId: c.id, action: 'assign' },
        m,
      );
      if (assignee === user.id) return [];
      // Someone else gave them the case: tell them (once per case and advisor).
      return this.notifications.notify(
        {
          regionId: user.regionId,
          userIds: [assignee],
          kind: 'mediation.assigned',
          subject: 'Er is een bemiddelingsdossier aan u toegewezen',
          path: `/bemiddeling/${c.id}`,
          entity: 'mediation_case',
          entityId: c.id,
          dedupeKey: `mediation:${c.id}:assigned:${assignee}`,
        },
        m,
      );
    });
    await this.notifications.enqueueEmails(emails);
    return this.view(user, id);
  }

  async addNote(user: AuthUser, id: string, dto: NoteDto): Promise<NoteView> {
    const text = dto.text.trim();
    if (!text) throw fieldError('text', 'text: de notitie is leeg');
    return this.db.transaction(async (m) => {
      const c = await this.lockCase(user, id, m);
      const note = await this.insertNote(m, c.id, user.id, text);
      await m.query(`update mediation_cases set updated_at = now() where id = $1`, [c.id]);
      await this.audit.record(
        user,
        { entity: 'mediation_case', entityId: c.id, action: 'note.add' },
        m,
      );
      return note;
    });
  }

  /**
   * Offers of the case's season with room for the pupil's requested leerjaar × niveau (profile
   * equal, or an offer without profile): the pupil's own preferences first, in their order, then
   * the other schools by postcode nearness (suggestions.ts). The sending school is left out.
   */
  async suggestions(user: AuthUser, id: string) {
    const view = await this.view(user, id);
    const rows: Row[] = await this.db.query(
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
      [
        user.regionId,
        view.requestId,
        view.seasonId,
        view.requestedGrade,
        view.requestedLevel,
        view.requestedProfile,
        view.sendingSchool?.id ?? null,
      ],
    );
    const items: Suggestion[] = orderSuggestions(
      rows.map((r) => ({
        offerId: String(r.id),
        schoolId: String(r.school_id),
        schoolName: String(r.name),
        brin: String(r.brin),
        board: String(r.board),
        postcode: String(r.postcode),
        grade: Number(r.grade),
        level: String(r.level),
        profile: String(r.profile),
        capacity: Number(r.capacity),
        placed: Number(r.placed),
        pending: Number(r.pending),
        remaining: Number(r.remaining),
        preferenceRank: r.preference_rank == null ? null : Number(r.preference_rank),
        distance: postcodeDistance(String(r.pupil_postcode), String(r.postcode)),
        declinedBefore: r.declined === true,
        ...nearness(String(r.pupil_postcode), String(r.postcode)),
      })),
    );
    await this.audit.recordMany(user, this.events(view, 'suggestions', 'mediation.suggestions'));
    return {
      caseId: view.id,
      requestId: view.requestId,
      requestedGrade: view.requestedGrade,
      requestedLevel: view.requestedLevel,
      requestedProfile: view.requestedProfile,
      items,
    };
  }

  /**
   * Places the pupil into an offer by hand, in one transaction: one update of the offer row takes
   * the place (and locks the row) and reports whether there was room, so simultaneous placements
   * never take more places than there are. A full offer only with a written reason (over
   * capacity); without one the transaction rolls the place back.
   */
  async place(user: AuthUser, id: string, dto: PlaceDto): Promise<CaseView> {
    await this.db.transaction(async (m) => {
      const c = await this.lockCase(user, id, m);
      this.ensureOpen(c);
      const r = await this.lockRequest(user, c.request_id, m);
      this.ensureNoOpenProposal(r);
      if (!canTransition(r.status, 'placed')) {
        throw new ConflictException(
          `Een aanvraag met status '${r.status}' kan niet worden geplaatst`,
        );
      }
      const [o]: {
        region_id: string;
        season_id: string;
        school_id: string;
        grade: number;
        level: string;
        profile: string;
      }[] = await m.query(
        `select region_id, season_id, school_id, grade, level, profile from offers where id = $1`,
        [dto.offerId],
      );
      await this.access.requireAccess(user, 'offer.place', [dto.offerId], m);
      if (o.season_id !== r.season_id)
        throw fieldError('offerId', 'offerId: dit aanbod hoort bij een ander seizoen');
      if (Number(o.grade) !== Number(r.requested_grade) || o.level !== r.requested_level)
        throw fieldError(
          'offerId',
          `offerId: dit aanbod is voor leerjaar ${o.grade} ${o.level}; de leerling vraagt leerjaar ${r.requested_grade} ${r.requested_level}`,
        );
      if (o.profile !== '' && o.profile !== r.requested_profile)
        throw fieldError('offerId', `offerId: dit aanbod is alleen voor profiel ${o.profile}`);
      if (o.school_id === r.sending_school_id)
        throw fieldError('offerId', 'offerId: dit is de school van herkomst van de leerling');

      const overCapacity = await takePlace(m, dto.offerId, dto.overCapacityReason);
      await m.query(
        `update mediation_cases set status = 'closed', outcome = 'placed', placed_offer_id = $2,
                over_capacity_reason = $3, closed_by = $4, closed_at = now(), updated_at = now()
          where id = $1`,
        [c.id, dto.offerId, overCapacity, user.id],
      );
      const action = overCapacity ? 'place.over-capacity' : 'place';
      const school = r.sending_school_id;
      await this.audit.record(
        user,
        { entity: 'mediation_case', entityId: c.id, action, schoolId: school },
        m,
      );
      await this.lifecycle.apply(m, user, requestOf(r), `mediation.${action}`, {
        placedOfferId: dto.offerId,
      });
      await this.audit.record(
        user,
        { entity: 'offer', entityId: dto.offerId, action, schoolId: o.school_id },
        m,
      );
    });
    return this.view(user, id);
  }

  /**
   * Closes the case without a placement. Every outcome withdraws the request (unless it already
   * is): 'withdrawn' with the note as the reason, the others with the outcome (and the note).
   */
  async close(user: AuthUser, id: string, dto: CloseDto): Promise<CaseView> {
    const note = dto.note?.trim() || null;
    if ((dto.outcome === 'withdrawn' || dto.outcome === 'other') && !note) {
      throw fieldError('note', `note: geef bij uitkomst '${dto.outcome}' de reden op`);
    }
    const reason =
      dto.outcome === 'withdrawn'
        ? (note as string)
        : `${OUTCOME_REASON[dto.outcome]}${note ? `: ${note}` : ''}`;
    await this.db.transaction(async (m) => {
      const c = await this.lockCase(user, id, m);
      this.ensureOpen(c);
      const r = await this.lockRequest(user, c.request_id, m);
      if (r.status === 'placed') {
        throw new ConflictException(
          'De leerling is al geplaatst; dit dossier kan zo niet worden gesloten',
        );
      }
      this.ensureNoOpenProposal(r);
      await m.query(
        `update mediation_cases set status = 'closed', outcome = $2, outcome_note = $3,
                closed_by = $4, closed_at = now(), updated_at = now()
          where id = $1`,
        [c.id, dto.outcome, note, user.id],
      );
      await this.audit.record(
        user,
        {
          entity: 'mediation_case',
          entityId: c.id,
          action: `close.${dto.outcome}`,
          schoolId: r.sending_school_id,
        },
        m,
      );
      // Left: draft, submitted or mediation, each of which may be withdrawn.
      if (r.status !== 'withdrawn')
        await this.lifecycle.apply(m, user, requestOf(r), 'mediation.withdraw', {
          withdrawalReason: reason,
        });
    });
    return this.view(user, id);
  }

  // ---- helpers

  private async view(user: AuthUser, id: string) {
    await this.access.requireAccess(user, 'case.read', [id]);
    const [row]: Row[] = await this.db.query(`${CASE_SELECT} where c.id = $1`, [id]);
    return toView(row, todayIso(), await this.calendars.forRegion(user.regionId));
  }

  private async proposalsOf(user: AuthUser, requestId: string): Promise<ProposalView[]> {
    const rows: Row[] = await this.db.query(
      `select p.id, p.round_id, p.school_id, s.name as school_name, o.grade, o.level, o.profile,
              p.status, p.decline_reason, p.decline_note, p.respond_by::text as respond_by,
              p.created_at, p.responded_at
         from proposals p
         join schools s on s.id = p.school_id
         join offers o on o.id = p.offer_id
        where p.request_id = $1 and p.region_id = $2
        order by p.created_at, p.id`,
      [requestId, user.regionId],
    );
    return rows.map((p) => ({
      id: String(p.id),
      roundId: String(p.round_id),
      schoolId: String(p.school_id),
      schoolName: String(p.school_name),
      program: programLabel(Number(p.grade), String(p.level), String(p.profile ?? '')),
      status: p.status as ProposalStatus,
      declineReason: (p.decline_reason as DeclineReason) ?? null,
      declineNote: (p.decline_note as string) ?? null,
      respondBy: String(p.respond_by),
      createdAt: p.created_at as Date,
      respondedAt: (p.responded_at as Date) ?? null,
    }));
  }

  private async notesOf(caseId: string): Promise<NoteView[]> {
    const rows: Row[] = await this.db.query(
      `select n.id, n.author_id, u.name as author_name, n.text, n.created_at
         from mediation_notes n left join users u on u.id = n.author_id
        where n.case_id = $1
        order by n.created_at, n.id`,
      [caseId],
    );
    return rows.map((n) => ({
      id: String(n.id),
      authorId: (n.author_id as string) ?? null,
      authorName: (n.author_name as string) ?? null,
      text: String(n.text),
      createdAt: n.created_at as Date,
    }));
  }

  private async insertNote(m: EntityManager, caseId: string, authorId: string, text: string) {
    const [n]: { id: string; created_at: Date; author_name: string }[] = await m.query(
      // clock_timestamp(): notes written in one transaction keep their order in the timeline.
      `insert into mediation_notes (case_id, author_id, text, created_at)
       values ($1, $2, $3, clock_timestamp())
       returning id, created_at, (select name from users where id = $2) as author_name`,
      [caseId, authorId, text],
    );
    return { id: n.id, authorId, authorName: n.author_name, text, createdAt: n.created_at };
  }

  private events(view: CaseView, caseAction: string, requestAction: string): AuditEvent[] {
    const schoolId = view.sendingSchool?.id ?? null;
    return [
      { entity: 'mediation_case', entityId: view.id, action: caseAction, schoolId },
      { entity: 'transfer_request', entityId: view.requestId, action: requestAction, schoolId },
    ];
  }

  private async lockCase(user: AuthUser, id: string, m: EntityManager): Promise<LockedCase> {
    await this.access.requireAccess(user, 'case.manage', [id], m);
    const [c]: LockedCase[] = await m.query(
      `select id, region_id, request_id, status from mediation_cases where id = $1 for update`,
      [id],
    );
    return c;
  }

  private async lockRequest(user: AuthUser, id: string, m: EntityManager): Promise<LockedRequest> {
    await this.access.requireAccess(user, 'request.mediate', [id], m);
    const [r]: LockedRequest[] = await m.query(
      `select id, region_id, season_id, status, sending_school_id, requested_grade,
              requested_level, requested_profile, consent_recorded_at
         from transfer_requests where id = $1 for update`,
      [id],
    );
    return r;
  }

  private ensureOpen(c: LockedCase): void {
    if (c.status !== 'open') throw new ConflictException('Dit dossier is al gesloten');
  }

  /** The receiving school decides first; the advisor acts once it has answered. */
  private ensureNoOpenProposal(r: LockedRequest): void {
    if (r.status === 'proposed') {
      throw new ConflictException(
        'Er staat een plaatsingsvoorstel open voor deze leerling; wacht eerst het antwoord van de school af',
      );
    }
  }
}

/** The locked request as the lifecycle needs it. */
function requestOf(r: LockedRequest): RequestState {
  return {
    id: r.id,
    status: r.status,
    sendingSchoolId: r.sending_school_id,
    regionId: r.region_id,
  };
}
