/** Arithmetic of the season monitor, kept free of the database so it can be tested alone. */

export interface Counts {
  placed: number;
  /** Of those placed, placed before the first day of the summer holiday (the season's goal). */
  placedBeforeSummer: number;
  proposed: number;
  mediation: number;
  /** Submitted, not (yet) proposed or placed. */
  unplaced: number;
  /** Every request that counts: not a draft, not withdrawn (the four above together). */
  total: number;
}

export const ZERO: Counts = {
  placed: 0,
  placedBeforeSummer: 0,
  proposed: 0,
  mediation: 0,
  unplaced: 0,
  total: 0,
};

/**
 * Counts from one status's number of requests (`beforeSummer`: how many of them were placed before
 * the summer holiday). Drafts and withdrawn requests count nowhere.
 */
export function countsOf(status: string, n: number, beforeSummer = 0): Counts {
  const c = { ...ZERO };
  if (status === 'placed') {
    c.placed = n;
    c.placedBeforeSummer = beforeSummer;
  } else if (status === 'proposed') c.proposed = n;
  else if (status === 'mediation') c.mediation = n;
  else if (status === 'submitted') c.unplaced = n;
  else return c;
  c.total = n;
  return c;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    placed: a.placed + b.placed,
    placedBeforeSummer: a.placedBeforeSummer + b.placedBeforeSummer,
    proposed: a.proposed + b.proposed,
    mediation: a.mediation + b.mediation,
    unplaced: a.unplaced + b.unplaced,
    total: a.total + b.total,
  };
}

/**
 * A share of all requests that count, as a fraction rounded to 4 decimals; null when no request
 * counts (0 of 0 is no share at all).
 */
export function shareOf(part: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((part / total) * 10_000) / 10_000;
}

/** Placed / all requests that count. */
export function placedShare(c: Pick<Counts, 'placed' | 'total'>): number | null {
  return shareOf(c.placed, c.total);
}

/** The headline: placed before the summer holiday / all requests that count. */
export function placedBeforeSummerShare(
  c: Pick<Counts, 'placedBeforeSummer' | 'total'>,
): number | null {
  return shareOf(c.placedBeforeSummer, c.total);
}

/** A share as a Dutch percentage with one decimal ("37,5"); empty when there is none. */
export function percentNl(share: number | null): string {
  if (share === null) return '';
  return (Math.round(share * 1000) / 10).toFixed(1).replace('.', ',');
}
