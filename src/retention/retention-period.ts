/**
 * How long a season's pupil data is kept: until `years` after the season's last day (`ends_on`),
 * that day included; from the next day it is expired and erased. Dates are YYYY-MM-DD (Amsterdam).
 * Free of the database and the clock, so the boundaries can be tested alone.
 */

export const DEFAULT_RETENTION_YEARS = 2;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The last day the data of a season ending on `endsOn` is kept: the same calendar day `years`
 * later. A season ending on 29 February is kept until 28 February of a year without one.
 */
export function keptUntil(endsOn: string, years: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endsOn)) throw new Error(`not a date: ${endsOn}`);
  if (!Number.isInteger(years) || years < 1) throw new Error(`not a retention period: ${years}`);
  const [y, m, d] = endsOn.split('-').map(Number);
  const year = y + years;
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, daysIn(year, m)))}`;
}

/** True when the season's pupil data is past its retention period on `today`. */
export function isExpired(endsOn: string, today: string, years: number): boolean {
  return today > keptUntil(endsOn, years);
}
