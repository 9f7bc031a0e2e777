import { EntityManager } from 'typeorm';

/**
 * The request lifecycle: the only module that writes `transfer_requests.status`
 * (test/architecture.spec.ts fails when another file does). Each change checks the transition
 * (./status.ts), writes the audit entry and says who must be told.
 */

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
    [regionId, requestIds, status, `round.${status}`],
  );
}
