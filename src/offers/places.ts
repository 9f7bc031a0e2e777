import { ConflictException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { fieldError } from '../common/validation';

/**
 * Place accounting: the only module that writes an offer's `placed` and `pending` counters
 * (src/ownership.spec.ts fails when another file does), and the one definition of its free
 * places: capacity − placed − pending, never below zero (capacity may be lowered under what is
 * taken).
 */
export function freePlaces(o: { capacity: number; placed: number; pending: number }): number {
  return Math.max(0, o.capacity - o.placed - o.pending);
}

/** The same definition in SQL, over the offers row aliased `alias` (null: unqualified columns). */
export function freePlacesSql(alias: string | null): string {
  const c = alias ? `${alias}.` : '';
  return `greatest(${c}capacity - ${c}placed - ${c}pending, 0)`;
}

/** A round's proposals hold their places: `pending` + `counts[k]` for `offerIds[k]`, one statement. */
export async function reserveForRound(
  m: EntityManager,
  offerIds: string[],
  counts: number[],
): Promise<void> {
  if (!offerIds.length) return;
  await m.query(
    `update offers o set pending = o.pending + c.n, updated_at = now()
       from unnest($1::uuid[], $2::int[]) as c(id, n) where o.id = c.id`,
    [offerIds, counts],
  );
}

/**
 * A school accepts a proposal: its held place becomes a placement (pending − 1, placed + 1). The
 * offer row is locked and its capacity checked again, as it may have been lowered since the round;
 * a full offer refuses (409) and nothing changes.
 */
export async function confirmProposal(m: EntityManager, offerId: string): Promise<void> {
  const [o]: { capacity: number; placed: number }[] = await m.query(
    `select capacity, placed from offers where id = $1 for update`,
    [offerId],
  );
  if (o.placed + 1 > o.capacity) {
    throw new ConflictException(
      `Geen plaats meer in dit aanbod: de capaciteit is ${o.capacity} en er ${o.placed === 1 ? 'is' : 'zijn'} al ${o.placed} leerling${o.placed === 1 ? '' : 'en'} geplaatst. Verhoog de capaciteit of wijs het voorstel af.`,
    );
  }
  await m.query(
    `update offers set pending = greatest(pending - 1, 0), placed = placed + 1, updated_at = now()
      where id = $1`,
    [offerId],
  );
}

/** A proposal that lapsed or was declined gives its held place back to the offer. */
export async function releaseProposal(m: EntityManager, offerId: string): Promise<void> {
  await m.query(
    `update offers set pending = greatest(pending - 1, 0), updated_at = now() where id = $1`,
    [offerId],
  );
}

/** Below this many characters a reason to place over capacity is refused. */
export const MIN_OVER_CAPACITY_REASON = 10;

/**
 * An advisor places a pupil by hand. One update takes the place and locks the offer row, and says
 * whether there was room, so simultaneous placements never take more places than there are. A
 * full offer only with a written reason (over capacity); without one this throws, and the caller's
 * transaction rolls the place back. Returns the over-capacity reason used, or null.
 */
export async function takePlace(
  m: EntityManager,
  offerId: string,
  overCapacityReason: string | null | undefined,
): Promise<string | null> {
  // (Wrapped in a select: TypeORM returns [rows, count] for a bare update … returning.)
  const [{ had_room }]: { had_room: boolean }[] = await m.query(
    `with taken as (
       update offers set placed = placed + 1, updated_at = now()
        where id = $1 returning capacity - placed - pending >= 0 as had_room)
     select had_room from taken`,
    [offerId],
  );
  if (had_room) return null;
  const reason = overCapacityReason?.trim() ?? '';
  if (!reason) {
    throw new ConflictException(
      `Dit aanbod heeft geen vrije plaats meer; plaatsen boven de capaciteit kan alleen met een schriftelijke reden (overCapacityReason, minstens ${MIN_OVER_CAPACITY_REASON} tekens)`,
    );
  }
  if (reason.length < MIN_OVER_CAPACITY_REASON) {
    throw fieldError(
      'overCapacityReason',
      `overCapacityReason: geef een reden van minstens ${MIN_OVER_CAPACITY_REASON} tekens`,
    );
  }
  return reason;
}
