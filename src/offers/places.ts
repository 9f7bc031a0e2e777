import { EntityManager } from 'typeorm';

/**
 * Place accounting: the only module that writes an offer's `placed` and `pending` counters
 * (test/architecture.spec.ts fails when another file does), and the one definition of its free
 * places: capacity − placed − pending, never below zero (capacity may be lowered under what is
 * taken).
 */
export function freePlaces(o: { capacity: number; placed: number; pending: number }): number {
  return Math.max(0, o.capacity - o.placed - o.pending);
}

/** The same definition in SQL, over the offers row aliased `alias`. */
export function freePlacesSql(alias = 'o'): string {
  return `greatest(${alias}.capacity - ${alias}.placed - ${alias}.pending, 0)`;
}

/** A round's proposals hold their places: `pending` + n per offer, one statement. */
export async function reserveForRound(
  m: EntityManager,
  perOffer: Map<string, number>,
): Promise<void> {
  if (!perOffer.size) return;
  await m.query(
    `update offers o set pending = o.pending + c.n, updated_at = now()
       from unnest($1::uuid[], $2::int[]) as c(id, n) where o.id = c.id`,
    [[...perOffer.keys()], [...perOffer.values()]],
  );
}
