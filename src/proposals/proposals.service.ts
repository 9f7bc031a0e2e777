import { ConflictException, Injectable } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService, actsForSchool, proposalListScope } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { Page, PageQuery } from '../common/pagination';
import { fieldError } from '../common/validation';
import { confirmProposal, releaseProposal } from '../offers/places';
import { RequestLifecycle } from '../transfer-requests/lifecycle';
import { TransferRequest } from '../transfer-requests/transfer-request.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { SchoolCalendar } from '../calendar/school-calendar';
import { todayIso } from '../seasons/calendar';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { isOverdue } from './deadline';
import { ProposalStatus } from './proposal.entity';
import { DeclineProposalDto, ProposalQueryDto, ProposalView } from './proposals.dto';
import { ProposalRow, ProposalsRepository } from './proposals.repository';

const STATUS_NL: Record<ProposalStatus, string> = {
  pending: 'open',
  accepted: 'geaccepteerd',
  declined: 'afgewezen',
  withdrawn: 'ingetrokken',
};

const dutchDate = (iso: string) => iso.split('-').reverse().join('-');

@Injectable()
export class ProposalsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: ProposalsRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly calendars: SchoolCalendarService,
    private readonly lifecycle: RequestLifecycle,
    private readonly access: AccessService,
  ) {}

  /** Coordinators: proposals to their own schools; advisors and admins: the region. Audited. */
  async list(user: AuthUser, q: ProposalQueryDto): Promise<Page<ProposalView>> {
    const w = proposalListScope(user);
    if (q.status) w.add((n) => `p.status = ${n}`, q.status);
    if (q.roundId) w.add((n) => `p.round_id = ${n}`, q.roundId);
    if (q.schoolId) w.add((n) => `p.school_id = ${n}`, q.schoolId);
    const total = await this.repo.count(w);
    const rows = await this.repo.page(w, PageQuery.offset(q), q.limit);
    await this.recordReads(user, rows);
    const cal = await this.calendars.forRegion(user.regionId);
    return { items: rows.map((r) => view(r, user, cal)), total, page: q.page, limit: q.limit };
  }

  async get(user: AuthUser, id: string): Promise<ProposalView> {
    const row = await this.findOne(user, id, true);
    await this.recordReads(user, [row]);
    return view(row, user, await this.calendars.forRegion(user.regionId));
  }

  /**
   * Accepts within the response window. The offer row is locked and its capacity checked again
   * (it may have been lowered since the round); pending −1, placed +1, the pupil placed.
   */
  async accept(user: AuthUser, id: string): Promise<ProposalView> {
    await this.txHost.withTransaction(async () => {
      const { proposal: p, request } = await this.lockPending(user, id, true);
      await confirmProposal(this.txHost.tx, p.offer_id);
      await this.repo.markAccepted(p.id, user.id);
      const tell = await this.lifecycle.apply(user, request, 'proposal.accept', {
        placedOfferId: p.offer_id,
        auditSchoolId: p.school_id,
      });
      // A pupil who took part in a round again from mediation: the case closes as placed.
      const closed = await this.repo.closeCasesPlaced(p.request_id, p.offer_id, user.id);
      for (const caseId of closed)
        await this.audit.record(user, {
          entity: 'mediation_case',
          entityId: caseId,
          action: 'close.placed-by-round',
        });
      await this.notifications.tell(tell, `proposal:${p.id}:placed`);
    });
    return view(
      await this.findOne(user, id, false),
      user,
      await this.calendars.forRegion(user.regionId),
    );
  }

  /**
   * The request is withdrawn while a proposal is open: the proposal lapses, its place is freed and
   * the receiving school is told. The caller holds the request's row lock (request, then proposal,
   * then offer: the order accept and decline lock them in), in its transaction.
   */
  async lapsePending(requestId: string): Promise<void> {
    const p = await this.repo.withdrawPending(requestId);
    if (!p) return;
    await releaseProposal(this.txHost.tx, p.offer_id);
    await this.notifications.notify({
      regionId: p.region_id,
      userIds: await this.notifications.coordinatorsOf([p.school_id]),
      kind: 'proposal.withdrawn',
      subject: 'Een voorstel is vervallen: de aanmelding is ingetrokken',
      path: '/voorstellen',
      entity: 'proposal',
      entityId: p.id,
      dedupeKey: `proposal:${p.id}:withdrawn`,
    });
  }

  /**
   * Declines with a reason from the fixed list: the pupil goes back to the next round without
   * this school (request_exclusions), the place is freed, and the advisors are told.
   */
  async decline(user: AuthUser, id: string, dto: DeclineProposalDto): Promise<ProposalView> {
    const note = dto.note?.trim() || null;
    if (dto.reason === 'anders' && !note) {
      throw fieldError('note', "note: geef een toelichting bij reden 'anders'");
    }
    await this.txHost.withTransaction(async () => {
      // A late decline is still taken: it frees the place and returns the pupil to the next round.
      const { proposal: p, request } = await this.lockPending(user, id, false);
      await releaseProposal(this.txHost.tx, p.offer_id);
      await this.repo.markDeclined(p.id, dto.reason, note, user.id);
      await this.lifecycle.apply(user, request, 'proposal.decline', {
        auditSchoolId: p.school_id,
      });
      await this.repo.exclude(p.request_id, p.school_id, p.id);
      await this.notifications.notify({
        regionId: p.region_id,
        userIds: await this.notifications.advisorsOf(p.region_id),
        kind: 'proposal.declined',
        subject: 'Een plaatsingsvoorstel is afgewezen',
        path: `/voorstellen/${p.id}`,
        entity: 'proposal',
        entityId: p.id,
        dedupeKey: `proposal:${p.id}:declined`,
      });
    });
    const row = await this.findOne(user, id, false);
    // The receiving school no longer sees this pupil once it has declined.
    const v = view(row, user, await this.calendars.forRegion(user.regionId));
    return (await this.access.checkAccess(user, 'proposal.read', [id])).has(id)
      ? v
      : { ...v, pupil: null };
  }

  /**
   * The round's deadline job: proposals still pending after their last day are marked, and the
   * advisors told once. Safe to run any number of times.
   */
  @Transactional()
  async handleDeadline(roundId: string, now = new Date()): Promise<number> {
    const rows = await this.repo.markOverdue(roundId, todayIso(now));
    if (!rows.length) return 0;
    const regionId = rows[0].region_id;
    await this.notifications.notify({
      regionId,
      userIds: await this.notifications.advisorsOf(regionId),
      kind: 'proposals.overdue',
      subject: 'Plaatsingsvoorstellen zonder reactie binnen de termijn',
      path: '/voorstellen',
      entity: 'matching_round',
      entityId: roundId,
      dedupeKey: `round:${roundId}:overdue`,
    });
    return rows.length;
  }

  /** The reminder job: coordinators of schools with proposals still open in the round. */
  async sendReminder(roundId: string, now = new Date()): Promise<number> {
    const schools = await this.repo.schoolsWithOpen(roundId, todayIso(now));
    if (!schools.length) return 0;
    const ids = await this.notifications.notify({
      regionId: schools[0].region_id,
      userIds: await this.notifications.coordinatorsOf(schools.map((s) => s.school_id)),
      kind: 'proposals.reminder',
      subject: 'Herinnering: plaatsingsvoorstellen wachten op uw reactie',
      path: '/voorstellen',
      entity: 'matching_round',
      entityId: roundId,
      dedupeKey: `round:${roundId}:reminder`,
    });
    return ids.length;
  }

  // ---- helpers

  private async findOne(user: AuthUser, id: string, reading: boolean): Promise<ProposalRow> {
    // Reading: only while open or accepted for the receiving school; responding: any status.
    await this.access.requireAccess(user, reading ? 'proposal.read' : 'proposal.respond', [id]);
    return (await this.repo.findOne(id)) as ProposalRow;
  }

  /**
   * Locks the pupil's request and then the proposal (the order withdraw() uses too) and checks
   * the proposal is still open (and, with `inWindow`, within its response window today).
   */
  private async lockPending(
    user: AuthUser,
    id: string,
    inWindow: boolean,
  ): Promise<{ proposal: ProposalRow; request: TransferRequest }> {
    const seen = await this.findOne(user, id, false);
    const request = await this.lifecycle.lock(seen.request_id);
    // Once locked, only the proposal's answer can differ from what was seen: read that again.
    const p = { ...seen, ...(await this.repo.lockAnswer(id)) };
    if (p.status !== 'pending') {
      throw new ConflictException(`Dit voorstel is al ${STATUS_NL[p.status]}`);
    }
    if (inWindow && isOverdue(p.respond_by)) {
      throw new ConflictException(
        `Reactietermijn verlopen: reageren kon tot en met ${dutchDate(p.respond_by)}`,
      );
    }
    return { proposal: p, request };
  }

  private recordReads(user: AuthUser, rows: ProposalRow[]): Promise<void> {
    return this.audit.recordMany(
      user,
      rows.map((r) => ({
        entity: 'transfer_request',
        entityId: r.request_id,
        action: 'proposal.read',
        schoolId: r.school_id,
      })),
    );
  }
}

/**
 * The proposal as the caller may see it. The form's id only to those who may open the form
 * (advisors, admins, a coordinator of the sending school); the offer is the receiving school's own.
 */
function view(r: ProposalRow, user: AuthUser, cal: SchoolCalendar): ProposalView {
  const today = todayIso();
  const mayOpenForm = actsForSchool(user, r.request_school_id);
  return {
    id: r.id,
    roundId: r.round_id,
    requestId: mayOpenForm ? r.request_id : null,
    offerId: r.offer_id,
    status: r.status,
    respondBy: r.respond_by,
    overdue: r.status === 'pending' && isOverdue(r.respond_by),
    // School days after today up to and including the last day to answer (0 on that day).
    schoolDaysLeft:
      r.respond_by <= today
        ? 0
        : cal.schoolDaysBetween(today, r.respond_by) + (cal.isSchoolDay(r.respond_by) ? 1 : 0),
    roundDate: r.round_date,
    respondedAt: r.responded_at,
    declineReason: r.decline_reason,
    declineNote: r.decline_note,
    school: { id: r.school_id, name: r.school_name },
    offer: { grade: r.grade, level: r.level, profile: r.profile },
    pupil: {
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
      requestedGrade: r.requested_grade,
      requestedLevel: r.requested_level,
      requestedProfile: r.requested_profile,
      reason: r.reason,
      justification: r.justification,
      supportCategories: r.support_categories,
    },
  };
}
