import { ConflictException, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { uuidArray } from '../common/ordered-uuids';
import { AuthUser } from '../auth/auth-user';
import { Tell } from '../notifications/notifications.service';
import { canApply, TRANSITIONS, TransitionAction } from './status';
import { TransferRequest, TransferStatus } from './transfer-request.entity';

/**
 * The request lifecycle: the only module that writes `transfer_requests.status`
 * (src/ownership.spec.ts fails when another file does). Each change checks the transition
 * (./status.ts), writes the request's audit entry and says who must be told.
 */

/** The actions a person starts (a round moves many pupils at once: setStatusByRound). */
export type RequestAction = Exclude<TransitionAction, 'round.proposed' | 'round.mediation'>;

/** The request as the caller read (and locked) it. */
export interface RequestState {
  id: string;
  status: TransferStatus;
  sendingSchoolId: string | null;
  regionId: string;
}

/** What comes with a change: the place, the reason, the late mark, the school the audit names. */
export interface ChangeDetails {
  placedOfferId?: string;
  withdrawalReason?: string;
  lateEntry?: boolean;
  /** The school the audit entry is about (default: the sending school). */
  auditSchoolId?: string | null;
}

@Injectable()
export class RequestLifecycle {
  constructor(
    private readonly audit: AuditService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * The request with its row locked (`for update`) until the transaction ends: what every change
   * of a request starts with (the form, an answer to a proposal, the desk), before `apply`.
   */
  lock(id: string): Promise<TransferRequest> {
    return this.txHost.tx
      .getRepository(TransferRequest)
      .findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** A 409 unless the action may start from the request's status (callers check early with it). */
  ensureCan(r: Pick<RequestState, 'status' | 'sendingSchoolId'>, action: RequestAction): void {
    // From the draft into mediation only for a pupil moving into the region (no sending school).
    const instromerDraft = r.status === 'draft' && r.sendingSchoolId === null;
    if (
      !canApply(action, r.status) ||
      (action === 'mediation.open' && r.status === 'draft' && !instromerDraft)
    ) {
      const to = TRANSITIONS[action].to;
      throw new ConflictException(`Van status '${r.status}' kan niet naar '${to}' worden gegaan`);
    }
  }

  /**
   * Moves the request (its row locked by the caller, in the current transaction) and writes its
   * audit entry. A transition the lifecycle does not allow, or a status changed since the caller read
   * it, is a 409 and nothing is written.
   */
  async apply(
    user: AuthUser,
    r: RequestState,
    action: RequestAction,
    details: ChangeDetails = {},
  ): Promise<Tell[]> {
    this.ensureCan(r, action);
    const to = TRANSITIONS[action].to;
    const set = ['status = $3', 'updated_at = now()'];
    const params: unknown[] = [r.id, r.status, to];
    const add = (column: string, value: unknown) => {
      params.push(value);
      set.push(`${column} = $${params.length}`);
    };
    if (to === 'placed') {
      if (!details.placedOfferId) throw new Error('placing a request needs the offer');
      add('placed_offer_id', details.placedOfferId);
      set.push('placed_at = now()');
    }
    if (to === 'withdrawn') add('withdrawal_reason', details.withdrawalReason ?? null);
    if (action === 'submit' || action === 'submit.late') {
      set.push('submitted_at = now()');
      add('late_entry', details.lateEntry ?? false);
    }
    // An instromer an advisor takes into mediation from the draft counts as entered then.
    if (action === 'mediation.open') set.push('submitted_at = coalesce(submitted_at, now())');
    const changed: unknown[] = await this.txHost.tx.query(
      `with c as (update transfer_requests set ${set.join(', ')}
                   where id = $1 and status = $2 returning id)
       select id from c`,
      params,
    );
    if (!changed.length) {
      throw new ConflictException('De aanvraag is intussen gewijzigd; laad de pagina opnieuw');
    }
    await this.audit.record(user, {
      entity: 'transfer_request',
      entityId: r.id,
      action,
      schoolId: details.auditSchoolId !== undefined ? details.auditSchoolId : r.sendingSchoolId,
    });
    if (to !== 'placed' || action !== 'proposal.accept') return [];
    // The sending school keeps its duty of care until the pupil is placed: tell it. A pupil
    // moving into the region has no sending school; the advisors entered them, so tell them.
    return [
      {
        kind: 'pupil.placed',
        subject: 'Een leerling is geplaatst',
        path: `/leerlingen/${r.id}`,
        regionId: r.regionId,
        entity: 'transfer_request',
        entityId: r.id,
        to: r.sendingSchoolId
          ? { coordinatorsOf: [r.sendingSchoolId] }
          : { advisorsOf: r.regionId },
      },
    ];
  }
}

/**
 * A round moves pupils to `proposed` or `mediation`: the status change and each pupil's audit entry
 * (`round.<status>`, by the system: no user or role, the request's sending school) in one
 * statement, as a round changes up to ~200k rows.
 */
export async function setStatusByRound(
  m: EntityManager,
  regionId: string,
  requestIds: string[],
  status: 'proposed' | 'mediation',
): Promise<void> {
  if (!requestIds.length) return;
  await m.query(
    `with changed as (
       update transfer_requests set status = $3, updated_at = now()
        where id = any($2::uuid[]) and region_id = $1
       returning id, sending_school_id)
     insert into audit_log (region_id, school_id, entity, entity_id, action)
     select $1, sending_school_id, 'transfer_request', id::text, $4 from changed`,
    [regionId, uuidArray(requestIds), status, `round.${status}`],
  );
}
