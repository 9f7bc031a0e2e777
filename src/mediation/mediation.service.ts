import { ConflictException, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AccessService } from '../access/access.service';
import { AuditEvent, AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { AuthUser } from '../auth/auth-user';
import { Page, PageQuery } from '../common/pagination';
import { fieldError } from '../common/validation';
import { SchoolCalendar } from '../calendar';
import { todayIso } from '../seasons/calendar';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { programLabel } from '../rounds/explanation-text';
import { ProposalsRepository } from '../proposals/proposals.repository';
import { RequestLifecycle } from '../transfer-requests/lifecycle';
import { TransferRequest } from '../transfer-requests/transfer-request.entity';
import { canTransition } from '../transfer-requests/status';
import { TransferStatus } from '../transfer-requests/transfer-request.entity';
import { CaseOrigin, CaseStatus, CloseOutcome, Outcome } from './mediation-case.entity';
import { AssignDto, CaseQueryDto, CloseDto, NoteDto, OpenCaseDto, PlaceDto } from './mediation.dto';
import { District } from '../schools/district';
import { nearness, orderSuggestions, postcodeDistance } from './suggestions';
import { takePlace } from '../offers/places';
import {
  CaseRow,
  LockedCase,
  MediationRepository,
  NoteView,
  ProposalView,
  SendingSchoolColumns,
} from './mediation.repository';

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

export const INSTROMER = 'instromer';
const DAY = 86_400_000;
/** Whole calendar days between two Amsterdam dates. */
const daysBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY));

/** The reason written on the request; 'withdrawn' takes the advisor's note instead. */
const OUTCOME_REASON: Record<Exclude<CloseOutcome, 'withdrawn'>, string> = {
  'moved-out': 'Verhuisd buiten de regio',
  'special-education': 'Naar speciaal onderwijs',
  other: 'Anders',
};

/** The row's sending_school_id, _name and _brin as one object; null for a pupil moving in. */
export function sendingSchoolOf(r: SendingSchoolColumns): CaseView['sendingSchool'] {
  return r.sending_school_id
    ? {
        id: String(r.sending_school_id),
        name: String(r.sending_school_name),
        brin: String(r.sending_school_brin),
      }
    : null;
}

function toView(r: CaseRow, today: string, calendar: SchoolCalendar): CaseView {
  return {
    id: r.id,
    seasonId: r.season_id,
    requestId: r.request_id,
    roundId: r.round_id ?? null,
    origin: r.origin,
    status: r.status,
    outcome: r.outcome ?? null,
    outcomeNote: r.outcome_note ?? null,
    placedOfferId: r.placed_offer_id ?? null,
    overCapacityReason: r.over_capacity_reason ?? null,
    assignedTo: r.assigned_to ?? null,
    assignedToName: r.assigned_to_name ?? null,
    pupil: { firstName: r.first_name, lastName: r.last_name },
    requestStatus: r.request_status,
    requestedGrade: Number(r.requested_grade),
    requestedLevel: r.requested_level,
    requestedProfile: r.requested_profile,
    sendingSchool: sendingSchoolOf(r),
    sendingSchoolName: r.sending_school_id ? String(r.sending_school_name) : INSTROMER,
    schoolDaysLeft: calendar.schoolDaysBetween(today, r.summer_holiday_start),
    daysWaiting: daysBetween(todayIso(r.created_at), r.closed_at ? todayIso(r.closed_at) : today),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at ?? null,
    listExtendedAt: r.list_extended_at ?? null,
    listExtended: r.list_extended_at != null,
  };
}

/**
 * The mediation desk (bemiddeling): cases of pupils without a place, their timeline, suggestions
 * and manual placement. Advisors and admins only (the controller says so); every row is of the
 * caller's region, anything else is "not found". Every read and change of a case is audited.
 */
@Injectable()
export class MediationService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: MediationRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly calendars: SchoolCalendarService,
    private readonly lifecycle: RequestLifecycle,
    private readonly access: AccessService,
    private readonly proposals: ProposalsRepository,
  ) {}

  async list(user: AuthUser, q: CaseQueryDto): Promise<Page<CaseView>> {
    const today = todayIso();
    const calendar = await this.calendars.forRegion(user.regionId);
    let seasonIds: string[] | undefined;
    if (q.maxSchoolDaysLeft !== undefined) {
      // School days are counted in TypeScript (the region's SchoolCalendar), per season: few rows.
      const max = q.maxSchoolDaysLeft;
      seasonIds = (await this.repo.seasonsOf(user.regionId))
        .filter((s) => calendar.schoolDaysBetween(today, s.start) <= max)
        .map((s) => s.id);
    }
    const { total, rows } = await this.repo.list(
      {
        regionId: user.regionId,
        unassigned: q.unassigned,
        assignedTo: q.mine ? user.id : undefined,
        grade: q.grade,
        level: q.level,
        sendingSchoolId: q.schoolId,
        seasonId: q.seasonId,
        status: q.status,
        seasonIds,
      },
      q.sort,
      PageQuery.offset(q),
      q.limit,
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
    const notes = await this.repo.notesOf(id);
    const proposals = (await this.proposals.ofRequest(user.regionId, view.requestId)).map(
      (p): ProposalView => ({
        id: p.id,
        roundId: p.roundId,
        schoolId: p.schoolId,
        schoolName: p.schoolName,
        program: programLabel(p.grade, p.level, p.profile),
        status: p.status,
        declineReason: p.declineReason,
        declineNote: p.declineNote,
        respondBy: p.respondBy,
        createdAt: p.createdAt,
        respondedAt: p.respondedAt,
      }),
    );
    await this.audit.recordMany(user, this.events(view, 'read', 'mediation.read'));
    return { ...view, notes, proposals };
  }

  /** An advisor opens a case by hand, e.g. for a pupil who moves into the region. */
  async open(user: AuthUser, dto: OpenCaseDto): Promise<CaseView> {
    const id = await this.txHost.withTransaction(async () => {
      const r = await this.lockRequest(user, dto.requestId);
      this.ensureNoOpenProposal(r);
      // An instromer (no sending school here) an advisor entered goes to mediation straight from
      // the draft: they may list no school with places yet, which submitting asks for.
      const instromerDraft = r.status === 'draft' && r.sendingSchoolId === null;
      if (r.status !== 'mediation' && r.status !== 'submitted' && !instromerDraft) {
        throw new ConflictException(
          `Een aanvraag met status '${r.status}' kan niet in bemiddeling worden genomen`,
        );
      }
      if (instromerDraft && !r.consentRecordedAt)
        throw fieldError(
          'requestId',
          'requestId: leg eerst de toestemming van ouders/leerling vast (consentBy) op het formulier',
        );
      // The request row is locked, so two advisors opening at once queue up here.
      const caseId = await this.repo.openCase({
        regionId: user.regionId,
        seasonId: r.seasonId,
        requestId: r.id,
        openedBy: user.id,
      });
      if (!caseId) {
        throw new ConflictException('Deze leerling heeft al een open bemiddelingsdossier');
      }
      if (dto.note?.trim()) await this.repo.insertNote(caseId, user.id, dto.note.trim());
      await this.audit.record(user, {
        entity: 'mediation_case',
        entityId: caseId,
        action: 'open',
        schoolId: r.sendingSchoolId,
      });
      const event = { entity: 'transfer_request', entityId: r.id, action: 'mediation.open' };
      if (r.status === 'submitted' || instromerDraft)
        await this.lifecycle.apply(user, r, 'mediation.open');
      // Already in mediation (a round put them there): the request's history still notes it.
      else await this.audit.record(user, { ...event, schoolId: r.sendingSchoolId });
      return caseId;
    });
    return this.view(user, id);
  }

  /** Assigns the case to an advisor of the region (default: the caller). */
  async assign(user: AuthUser, id: string, dto: AssignDto): Promise<CaseView> {
    await this.txHost.withTransaction(async () => {
      const c = await this.lockCase(user, id);
      this.ensureOpen(c);
      const assignee = dto.userId ?? user.id;
      const u = await this.repo.userRole(assignee);
      const ofRegion = await this.access.checkAccess(user, 'user.read', [assignee]);
      if (!u || !ofRegion.has(assignee) || u.role !== 'advisor' || u.disabled) {
        throw fieldError(
          'userId',
          dto.userId
            ? 'userId: geen actieve onderwijsadviseur van deze regio'
            : 'userId: alleen een onderwijsadviseur kan een dossier op zich nemen; kies een adviseur',
        );
      }
      await this.repo.assign(c.id, assignee);
      await this.audit.record(user, { entity: 'mediation_case', entityId: c.id, action: 'assign' });
      if (assignee === user.id) return;
      // Someone else gave them the case: tell them (once per case and advisor); e-mailed after
      // the commit.
      await this.notifications.notify({
        regionId: user.regionId,
        userIds: [assignee],
        kind: 'mediation.assigned',
        subject: 'Er is een bemiddelingsdossier aan u toegewezen',
        path: `/bemiddeling/${c.id}`,
        entity: 'mediation_case',
        entityId: c.id,
        dedupeKey: `mediation:${c.id}:assigned:${assignee}`,
      });
    });
    return this.view(user, id);
  }

  async addNote(user: AuthUser, id: string, dto: NoteDto): Promise<NoteView> {
    const text = dto.text.trim();
    if (!text) throw fieldError('text', 'text: de notitie is leeg');
    return this.txHost.withTransaction(async () => {
      const c = await this.lockCase(user, id);
      const note = await this.repo.insertNote(c.id, user.id, text);
      await this.repo.touch(c.id);
      await this.audit.record(user, {
        entity: 'mediation_case',
        entityId: c.id,
        action: 'note.add',
      });
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
    const rows = await this.repo.suggestionsFor(user.regionId, {
      requestId: view.requestId,
      seasonId: view.seasonId,
      grade: view.requestedGrade,
      level: view.requestedLevel,
      profile: view.requestedProfile,
      sendingSchoolId: view.sendingSchool?.id ?? null,
    });
    const items: Suggestion[] = orderSuggestions(
      rows.map((r) => ({
        offerId: r.id,
        schoolId: r.school_id,
        schoolName: r.name,
        brin: r.brin,
        board: r.board,
        postcode: r.postcode,
        grade: Number(r.grade),
        level: r.level,
        profile: r.profile,
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
    await this.txHost.withTransaction(async () => {
      const c = await this.lockCase(user, id);
      this.ensureOpen(c);
      const r = await this.lockRequest(user, c.request_id);
      this.ensureNoOpenProposal(r);
      if (!canTransition(r.status, 'placed')) {
        throw new ConflictException(
          `Een aanvraag met status '${r.status}' kan niet worden geplaatst`,
        );
      }
      const o = await this.repo.offerToPlace(dto.offerId);
      await this.access.requireAccess(user, 'offer.place', [dto.offerId]);
      if (o.season_id !== r.seasonId)
        throw fieldError('offerId', 'offerId: dit aanbod hoort bij een ander seizoen');
      if (Number(o.grade) !== Number(r.requestedGrade) || o.level !== r.requestedLevel)
        throw fieldError(
          'offerId',
          `offerId: dit aanbod is voor leerjaar ${o.grade} ${o.level}; de leerling vraagt leerjaar ${r.requestedGrade} ${r.requestedLevel}`,
        );
      if (o.profile !== '' && o.profile !== r.requestedProfile)
        throw fieldError('offerId', `offerId: dit aanbod is alleen voor profiel ${o.profile}`);
      if (o.school_id === r.sendingSchoolId)
        throw fieldError('offerId', 'offerId: dit is de school van herkomst van de leerling');

      const overCapacity = await takePlace(this.txHost.tx, dto.offerId, dto.overCapacityReason);
      await this.repo.closeCase(c.id, {
        outcome: 'placed',
        placedOfferId: dto.offerId,
        overCapacityReason: overCapacity,
        closedBy: user.id,
      });
      const action = overCapacity ? 'place.over-capacity' : 'place';
      const school = r.sendingSchoolId;
      await this.audit.record(user, {
        entity: 'mediation_case',
        entityId: c.id,
        action,
        schoolId: school,
      });
      await this.lifecycle.apply(user, r, `mediation.${action}`, {
        placedOfferId: dto.offerId,
      });
      await this.audit.record(user, {
        entity: 'offer',
        entityId: dto.offerId,
        action,
        schoolId: o.school_id,
      });
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
    await this.txHost.withTransaction(async () => {
      const c = await this.lockCase(user, id);
      this.ensureOpen(c);
      const r = await this.lockRequest(user, c.request_id);
      if (r.status === 'placed') {
        throw new ConflictException(
          'De leerling is al geplaatst; dit dossier kan zo niet worden gesloten',
        );
      }
      this.ensureNoOpenProposal(r);
      await this.repo.closeCase(c.id, { outcome: dto.outcome, note, closedBy: user.id });
      await this.audit.record(user, {
        entity: 'mediation_case',
        entityId: c.id,
        action: `close.${dto.outcome}`,
        schoolId: r.sendingSchoolId,
      });
      // Left: draft, submitted or mediation, each of which may be withdrawn.
      if (r.status !== 'withdrawn')
        await this.lifecycle.apply(user, r, 'mediation.withdraw', {
          withdrawalReason: reason,
        });
    });
    return this.view(user, id);
  }

  // ---- helpers

  private async view(user: AuthUser, id: string) {
    await this.access.requireAccess(user, 'case.read', [id]);
    return toView(
      await this.repo.caseRow(id),
      todayIso(),
      await this.calendars.forRegion(user.regionId),
    );
  }

  private events(view: CaseView, caseAction: string, requestAction: string): AuditEvent[] {
    const schoolId = view.sendingSchool?.id ?? null;
    return [
      { entity: 'mediation_case', entityId: view.id, action: caseAction, schoolId },
      { entity: 'transfer_request', entityId: view.requestId, action: requestAction, schoolId },
    ];
  }

  private async lockCase(user: AuthUser, id: string): Promise<LockedCase> {
    await this.access.requireAccess(user, 'case.manage', [id]);
    return this.repo.lockCase(id);
  }

  private async lockRequest(user: AuthUser, id: string): Promise<TransferRequest> {
    await this.access.requireAccess(user, 'request.mediate', [id]);
    return this.lifecycle.lock(id);
  }

  private ensureOpen(c: LockedCase): void {
    if (c.status !== 'open') throw new ConflictException('Dit dossier is al gesloten');
  }

  /** The receiving school decides first; the advisor acts once it has answered. */
  private ensureNoOpenProposal(r: Pick<TransferRequest, 'status'>): void {
    if (r.status === 'proposed') {
      throw new ConflictException(
        'Er staat een plaatsingsvoorstel open voor deze leerling; wacht eerst het antwoord van de school af',
      );
    }
  }
}
