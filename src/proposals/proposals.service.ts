import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService, actsForSchool, proposalListScope } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { Level } from '../common/levels';
import { Page, PageQuery } from '../common/pagination';
import { fieldError } from '../common/validation';
import { confirmProposal, releaseProposal } from '../offers/places';
import { RequestLifecycle, RequestState } from '../transfer-requests/lifecycle';
import { TransferStatus } from '../transfer-requests/transfer-request.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { SchoolCalendar } from '../calendar/school-calendar';
import { todayIso } from '../seasons/calendar';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { isOverdue } from './deadline';
import { DeclineReason, ProposalStatus } from './proposal.entity';
import { DeclineProposalDto, ProposalQueryDto, ProposalView } from './proposals.dto';

interface ProposalRow {
  id: string;
  round_date: string;
  region_id: string;
  round_id: string;
  request_id: string;
  offer_id: string;
  school_id: string;
  status: ProposalStatus;
  respond_by: string;
  responded_at: Date | null;
  decline_reason: DeclineReason | null;
  decline_note: string | null;
  school_name: string;
  grade: number;
  level: Level;
  profile: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  requested_grade: number;
  requested_level: Level;
  requested_profile: string;
  reason: string;
  justification: string;
  support_categories: string[];
  request_school_id: string | null;
}

/** Only these columns of the pupil are read: no postcode, support-needs text or preferences. */
const SELECT = `
  select p.id, p.region_id, p.round_id, p.request_id, p.offer_id, p.school_id, p.status,
         p.respond_by::text as respond_by, p.responded_at, p.decline_reason, p.decline_note,
         s.name as school_name, o.grade, o.level, o.profile,
         tr.first_name, tr.last_name, tr.date_of_birth::text as date_of_birth,
         tr.requested_grade, tr.requested_level, tr.requested_profile, tr.reason::text as reason,
         tr.justification, tr.support_categories, tr.sending_school_id as request_school_id,
         (coalesce(mr.scheduled_for, mr.started_at, mr.created_at)
            at time zone 'Europe/Amsterdam')::date::text as round_date
    from proposals p
    join matching_rounds mr on mr.id = p.round_id
    join schools s on s.id = p.school_id
    join offers o on o.id = p.offer_id
    join transfer_requests tr on tr.id = p.request_id`;

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
    @InjectDataSource() private readonly db: DataSource,
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
    const [{ total }] = await this.db.query(
      `select count(*)::int as total from proposals p ${w.sql}`,
      w.params,
    );
    const n = w.params.length;
    const rows: ProposalRow[] = await this.db.query(
      `${SELECT} ${w.sql}
        order by p.respond_by, s.name, tr.last_name, tr.first_name, p.id
        offset $${n + 1} limit $${n + 2}`,
      [...w.params, PageQuery.offset(q), q.limit],
    );
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
    const emails = await this.db.transaction(async (m) => {
      const p = await this.lockPending(user, id, m, true);
      await confirmProposal(m, p.offer_id);
      await m.query(
        `update proposals set status = 'accepted', responded_at = now(), responded_by = $2
          where id = $1`,
        [p.id, user.id],
      );
      const tell = await this.lifecycle.apply(m, user, requestOf(p), 'proposal.accept', {
        placedOfferId: p.offer_id,
        auditSchoolId: p.school_id,
      });
      // A pupil who took part in a round again from mediation: the case closes as placed.
      const closed: { id: string }[] = await m.query(
        `with c as (update mediation_cases
                       set status = 'closed', outcome = 'placed', placed_offer_id = $2,
                           closed_by = $3, closed_at = now(), updated_at = now()
                     where request_id = $1 and status = 'open' returning id)
         select id from c`,
        [p.request_id, p.offer_id, user.id],
      );
      for (const c of closed)
        await this.audit.record(
          user,
          { entity: 'mediation_case', entityId: c.id, action: 'close.placed-by-round' },
          m,
        );
      return this.notifications.tell(tell, `proposal:${p.id}:placed`, m);
    });
    await this.notifications.enqueueEmails(emails);
    return view(
      await this.findOne(user, id, false),
      user,
      await this.calendars.forRegion(user.regionId),
    );
  }

  /**
   * The request is withdrawn while a proposal is open: the proposal lapses, its place is freed and
   * the receiving school is told. The caller holds the request's row lock (request, then proposal,
   * then offer: the order accept and decline lock them in). Returns the notices to e-mail.
   */
  async lapsePending(m: EntityManager, requestId: string): Promise<string[]> {
    // (At most one: proposals_one_pending_per_request.)
    // (Wrapped in a select: TypeORM returns [rows, count] for a bare update … returning.)
    const [p]: { id: string; offer_id: string; school_id: string; region_id: string }[] =
      await m.query(
        `with w as (update proposals set status = 'withdrawn'
                     where request_id = $1 and status = 'pending'
                     returning id, offer_id, school_id, region_id)
         select id, offer_id, school_id, region_id from w`,
        [requestId],
      );
    if (!p) return [];
    await releaseProposal(m, p.offer_id);
    return this.notifications.notify(
      {
        regionId: p.region_id,
        userIds: await this.notifications.coordinatorsOf([p.school_id], m),
        kind: 'proposal.withdrawn',
        subject: 'Een voorstel is vervallen: de aanmelding is ingetrokken',
        path: '/voorstellen',
        entity: 'proposal',
        entityId: p.id,
        dedupeKey: `proposal:${p.id}:withdrawn`,
      },
      m,
    );
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
    const emails = await this.db.transaction(async (m) => {
      // A late decline is still taken: it frees the place and returns the pupil to the next round.
      const p = await this.lockPending(user, id, m, false);
      await releaseProposal(m, p.offer_id);
      await m.query(
        `update proposals set status = 'declined', decline_reason = $2, decline_note = $3,
                responded_at = now(), responded_by = $4
          where id = $1`,
        [p.id, dto.reason, note, user.id],
      );
      await this.lifecycle.apply(m, user, requestOf(p), 'proposal.decline', {
        auditSchoolId: p.school_id,
      });
      await m.query(
        `insert into request_exclusions (request_id, school_id, proposal_id) values ($1, $2, $3)
         on conflict (request_id, school_id) do nothing`,
        [p.request_id, p.school_id, p.id],
      );
      return this.notifications.notify(
        {
          regionId: p.region_id,
          userIds: await this.notifications.advisorsOf(p.region_id, m),
          kind: 'proposal.declined',
          subject: 'Een plaatsingsvoorstel is afgewezen',
          path: `/voorstellen/${p.id}`,
          entity: 'proposal',
          entityId: p.id,
          dedupeKey: `proposal:${p.id}:declined`,
        },
        m,
      );
    });
    await this.notifications.enqueueEmails(emails);
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
  async handleDeadline(roundId: string, now = new Date()): Promise<number> {
    const { count, emails } = await this.db.transaction(async (m) => {
      // (A bare update's result comes back from TypeORM as [rows, count]; a select does not.)
      const rows: { id: string; region_id: string }[] = await m.query(
        `with marked as (
           update proposals set overdue_notified_at = now()
            where round_id = $1 and status = 'pending' and respond_by < $2::date
              and overdue_notified_at is null
            returning id, region_id)
         select id, region_id from marked`,
        [roundId, todayIso(now)],
      );
      if (!rows.length) return { count: 0, emails: [] as string[] };
      const regionId = rows[0].region_id;
      const emails = await this.notifications.notify(
        {
          regionId,
          userIds: await this.notifications.advisorsOf(regionId, m),
          kind: 'proposals.overdue',
          subject: 'Plaatsingsvoorstellen zonder reactie binnen de termijn',
          path: '/voorstellen',
          entity: 'matching_round',
          entityId: roundId,
          dedupeKey: `round:${roundId}:overdue`,
        },
        m,
      );
      return { count: rows.length, emails };
    });
    await this.notifications.enqueueEmails(emails);
    return count;
  }

  /** The reminder job: coordinators of schools with proposals still open in the round. */
  async sendReminder(roundId: string, now = new Date()): Promise<number> {
    const schools: { school_id: string; region_id: string }[] = await this.db.query(
      `select distinct school_id, region_id from proposals
        where round_id = $1 and status = 'pending' and respond_by >= $2::date`,
      [roundId, todayIso(now)],
    );
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

  private async findOne(
    user: AuthUser,
    id: string,
    reading: boolean,
    m: EntityManager = this.db.manager,
  ): Promise<ProposalRow> {
    // Reading: only while open or accepted for the receiving school; responding: any status.
    await this.access.requireAccess(user, reading ? 'proposal.read' : 'proposal.respond', [id], m);
    const [row]: ProposalRow[] = await m.query(`${SELECT} where p.id = $1`, [id]);
    return row;
  }

  /**
   * Locks the pupil's request and then the proposal (the order withdraw() uses too) and checks
   * the proposal is still open (and, with `inWindow`, within its response window today).
   */
  private async lockPending(
    user: AuthUser,
    id: string,
    m: EntityManager,
    inWindow: boolean,
  ): Promise<ProposalRow & { sending_school_id: string | null; request_status: TransferStatus }> {
    const seen = await this.findOne(user, id, false, m);
    const [req]: { sending_school_id: string | null; request_status: TransferStatus }[] =
      await m.query(
        `select sending_school_id, status as request_status from transfer_requests
          where id = $1 for update`,
        [seen.request_id],
      );
    // Once locked, only the proposal's answer can differ from what was seen: read that again.
    const [fresh]: Pick<ProposalRow, 'status' | 'respond_by'>[] = await m.query(
      `select status, respond_by::text as respond_by from proposals where id = $1 for update`,
      [id],
    );
    const p = { ...seen, ...fresh, ...req };
    if (p.status !== 'pending') {
      throw new ConflictException(`Dit voorstel is al ${STATUS_NL[p.status]}`);
    }
    if (inWindow && isOverdue(p.respond_by)) {
      throw new ConflictException(
        `Reactietermijn verlopen: reageren kon tot en met ${dutchDate(p.respond_by)}`,
      );
    }
    return p;
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

/** The request behind a locked proposal, as the lifecycle needs it. */
function requestOf(p: {
  request_id: string;
  request_status: TransferStatus;
  sending_school_id: string | null;
  region_id: string;
}): RequestState {
  return {
    id: p.request_id,
    status: p.request_status,
    sendingSchoolId: p.sending_school_id,
    regionId: p.region_id,
  };
}
