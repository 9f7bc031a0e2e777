import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Level } from '../common/levels';
import { Where } from '../common/sql-where';
import { DeclineReason, ProposalStatus } from './proposal.entity';

/** A proposal with its round, school, offer and the pupil's columns a proposal may show. */
export interface ProposalRow {
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

/** One of the proposals rounds made for a request, with the receiving school and the offer. */
export interface ProposalOfRequest {
  id: string;
  roundId: string;
  offerId: string;
  schoolId: string;
  schoolName: string;
  grade: number;
  level: Level;
  profile: string;
  status: ProposalStatus;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  respondBy: string;
  createdAt: Date;
  respondedAt: Date | null;
  overdueNotifiedAt: Date | null;
}

/** A proposal that lapsed or was marked, with what its notice needs. */
export interface ProposalRef {
  id: string;
  offer_id: string;
  school_id: string;
  region_id: string;
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

/**
 * The proposals' SQL (issue 19 point 5), in the current transaction (TransactionHost). Access
 * checks, transitions and notices are ProposalsService's.
 */
@Injectable()
export class ProposalsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** How many proposals match `w` (over alias `p`). */
  async count(w: Where): Promise<number> {
    const [{ total }]: { total: number }[] = await this.tx.query(
      `select count(*)::int as total from proposals p ${w.sql}`,
      w.params,
    );
    return total;
  }

  /** A page of the proposals matching `w`, by last day to answer, school and pupil. */
  async page(w: Where, offset: number, limit: number): Promise<ProposalRow[]> {
    const n = w.params.length;
    return this.tx.query(
      `${SELECT} ${w.sql}
        order by p.respond_by, s.name, tr.last_name, tr.first_name, p.id
        offset $${n + 1} limit $${n + 2}`,
      [...w.params, offset, limit],
    );
  }

  async findOne(id: string): Promise<ProposalRow | undefined> {
    const [row]: ProposalRow[] = await this.tx.query(`${SELECT} where p.id = $1`, [id]);
    return row;
  }

  /** Locks the proposal row (`for update`): its answer and last day to answer. */
  async lockAnswer(id: string): Promise<Pick<ProposalRow, 'status' | 'respond_by'>> {
    const [fresh]: Pick<ProposalRow, 'status' | 'respond_by'>[] = await this.tx.query(
      `select status, respond_by::text as respond_by from proposals where id = $1 for update`,
      [id],
    );
    return fresh;
  }

  async markAccepted(id: string, userId: string): Promise<void> {
    await this.tx.query(
      `update proposals set status = 'accepted', responded_at = now(), responded_by = $2
        where id = $1`,
      [id, userId],
    );
  }

  async markDeclined(
    id: string,
    reason: DeclineReason,
    note: string | null,
    userId: string,
  ): Promise<void> {
    await this.tx.query(
      `update proposals set status = 'declined', decline_reason = $2, decline_note = $3,
              responded_at = now(), responded_by = $4
        where id = $1`,
      [id, reason, note, userId],
    );
  }

  /** Withdraws the request's open proposal (at most one); the one withdrawn, if any. */
  async withdrawPending(requestId: string): Promise<ProposalRef | undefined> {
    // (At most one: proposals_one_pending_per_request.)
    // (Wrapped in a select: TypeORM returns [rows, count] for a bare update … returning.)
    const [p]: ProposalRef[] = await this.tx.query(
      `with w as (update proposals set status = 'withdrawn'
                   where request_id = $1 and status = 'pending'
                   returning id, offer_id, school_id, region_id)
       select id, offer_id, school_id, region_id from w`,
      [requestId],
    );
    return p;
  }

  /** The school declined the pupil: later rounds leave it out for them. */
  async exclude(requestId: string, schoolId: string, proposalId: string): Promise<void> {
    await this.tx.query(
      `insert into request_exclusions (request_id, school_id, proposal_id) values ($1, $2, $3)
       on conflict (request_id, school_id) do nothing`,
      [requestId, schoolId, proposalId],
    );
  }

  /** Closes the request's open mediation case as placed by this offer; the cases closed. */
  async closeCasesPlaced(requestId: string, offerId: string, userId: string): Promise<string[]> {
    const closed: { id: string }[] = await this.tx.query(
      `with c as (update mediation_cases
                     set status = 'closed', outcome = 'placed', placed_offer_id = $2,
                         closed_by = $3, closed_at = now(), updated_at = now()
                   where request_id = $1 and status = 'open' returning id)
       select id from c`,
      [requestId, offerId, userId],
    );
    return closed.map((c) => c.id);
  }

  /** Marks the round's proposals still open after their last day (`today`) and not marked yet. */
  async markOverdue(roundId: string, today: string): Promise<{ id: string; region_id: string }[]> {
    // (A bare update's result comes back from TypeORM as [rows, count]; a select does not.)
    return this.tx.query(
      `with marked as (
         update proposals set overdue_notified_at = now()
          where round_id = $1 and status = 'pending' and respond_by < $2::date
            and overdue_notified_at is null
          returning id, region_id)
       select id, region_id from marked`,
      [roundId, today],
    );
  }

  /** The schools with proposals of the round still open and in time on `today`. */
  async schoolsWithOpen(
    roundId: string,
    today: string,
  ): Promise<{ school_id: string; region_id: string }[]> {
    return this.tx.query(
      `select distinct school_id, region_id from proposals
        where round_id = $1 and status = 'pending' and respond_by >= $2::date`,
      [roundId, today],
    );
  }

  /** The proposals rounds made for a request of the region, oldest first. */
  async ofRequest(regionId: string, requestId: string): Promise<ProposalOfRequest[]> {
    const rows: Record<string, unknown>[] = await this.tx.query(
      `select p.id, p.round_id, p.offer_id, p.school_id, s.name as school_name,
              o.grade::int as grade, o.level, o.profile, p.status, p.decline_reason,
              p.decline_note, p.respond_by::text as respond_by, p.created_at, p.responded_at,
              p.overdue_notified_at
         from proposals p
         join schools s on s.id = p.school_id
         join offers o on o.id = p.offer_id
        where p.region_id = $1 and p.request_id = $2
        order by p.created_at, p.id`,
      [regionId, requestId],
    );
    return rows.map((p) => ({
      id: String(p.id),
      roundId: String(p.round_id),
      offerId: String(p.offer_id),
      schoolId: String(p.school_id),
      schoolName: String(p.school_name),
      grade: Number(p.grade),
      level: p.level as Level,
      profile: String(p.profile ?? ''),
      status: p.status as ProposalStatus,
      declineReason: (p.decline_reason as DeclineReason) ?? null,
      declineNote: (p.decline_note as string) ?? null,
      respondBy: String(p.respond_by),
      createdAt: p.created_at as Date,
      respondedAt: (p.responded_at as Date) ?? null,
      overdueNotifiedAt: (p.overdue_notified_at as Date) ?? null,
    }));
  }

  /** The receiving school of each of these requests' open proposal. */
  async openProposalSchools(
    requestIds: string[],
  ): Promise<{ request_id: string; school_id: string }[]> {
    if (!requestIds.length) return [];
    return this.tx.query(
      `select request_id, school_id from proposals
        where request_id = any($1::uuid[]) and status = 'pending'`,
      [requestIds],
    );
  }
}
