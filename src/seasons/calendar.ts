/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in school days (Monday–Friday). */

const DAY = 86_400_000;
const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isWeekday = (ms: number) => {
  const d = new Date(ms).getUTCDay();
  return d !== 0 && d !== 6;
};

/** School days from `from` (exclusive) up to `to` (exclusive): days left before a holiday starts. */
export function schoolDaysBetween(from: string, to: string): number {
  let a = toUtc(from);
  const b = toUtc(to);
  if (b <= a) return 0;
  // Whole weeks in one step; the remainder day by day.
  const days = Math.round((b - a) / DAY) - 1;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  a += weeks * 7 * DAY;
  for (let t = a + DAY; t < b; t += DAY) if (isWeekday(t)) count++;
  return count;
}

/** The date `n` school days after `from` (a proposal made on Friday with 5 days is due next Friday). */
export function addSchoolDays(from: string, n: number): string {
  let t = toUtc(from);
  let left = n;
  while (left > 0) {
    t += DAY;
    if (isWeekday(t)) left--;
  }
  return iso(t);
}

// en-CA formats as YYYY-MM-DD. Made once: a formatter is costly to build, and lists call this per row.
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Amsterdam at this instant: the region's "today" (YYYY-MM-DD). */
export function todayIso(now: Date = new Date()): string {
  return AMSTERDAM_DATE.format(now);
}

/** The day after `date`. */
export function nextDay(date: string): string {
  return iso(toUtc(date) + DAY);
}

/** The school day (Monday–Friday) before `date`. */
export function previousSchoolDay(date: string): string {
  let t = toUtc(date) - DAY;
  while (!isWeekday(t)) t -= DAY;
  return iso(t);
}
