/** Arithmetic of the season monitor, kept free of the database so it can be tested alone. */

export interface Counts {
  placed: number;
  proposed: number;
  mediation: number;
  /** Submitted, not (yet) proposed or placed. */
  unplaced: number;
  /** Every request that counts: not a draft, not withdrawn (the four above together). */
  total: number;
}

export const ZERO: Counts = { placed: 0, proposed: 0, mediation: 0, unplaced: 0, total: 0 };

/** Counts from one status's number of requests. Drafts and withdrawn requests count nowhere. */
export function countsOf(status: string, n: number): Counts {
  const c = { ...ZERO };
  if (status === 'placed') c.placed = n;
  else if (status === 'proposed') c.proposed = n;
  else if (status === 'mediation') c.mediation = n;
  else if (status === 'submitted') c.unplaced = n;
  else return c;
  c.total = n;
  return c;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    placed: a.placed + b.placed,
    proposed: a.proposed + b.proposed,
    mediation: a.mediation + b.mediation,
    unplaced: a.unplaced + b.unplaced,
    total: a.total + b.total,
  };
}

/**
 * The headline: placed / all requests that count, as a fraction rounded to 4 decimals;
 * null when no request counts (0 of 0 is no share at all).
 */
export function placedShare(c: Pick<Counts, 'placed' | 'total'>): number | null {
  if (c.total <= 0) return null;
  return Math.round((c.placed / c.total) * 10_000) / 10_000;
}

/** A share as a Dutch percentage with one decimal ("37,5"); empty when there is none. */
export function percentNl(share: number | null): string {
  if (share === null) return '';
  return (Math.round(share * 1000) / 10).toFixed(1).replace('.', ',');
}
