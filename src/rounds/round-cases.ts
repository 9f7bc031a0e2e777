import { EntityManager } from 'typeorm';
import { uuidArray } from '../common/ordered-uuids';

/**
 * After a (non-dry) round, in the round's transaction: every pupil it left without a place gets a
 * mediation case. Exactly once: unique (request_id, round_id) stops a replayed or retried round,
 * and the partial unique index on open cases stops a second open case for the same pupil; both
 * are absorbed by `on conflict do nothing`. Returns the number of cases opened.
 */
export async function openRoundCases(
  m: EntityManager,
  round: { id: string; regionId: string; seasonId: string },
  unplaced: string[],
): Promise<number> {
  if (!unplaced.length) return 0;
  const rows: { id: string }[] = await m.query(
    `insert into mediation_cases (region_id, season_id, request_id, round_id, origin)
     select tr.region_id, tr.season_id, tr.id, $1, 'round'
       from transfer_requests tr
      where tr.id = any($2::uuid[]) and tr.region_id = $3 and tr.season_id = $4
        and tr.status = 'mediation'
      order by tr.id
     on conflict do nothing
     returning id`,
    [round.id, uuidArray(unplaced), round.regionId, round.seasonId],
  );
  return rows.length;
}
