/**
 * Calendar helpers on ISO dates (YYYY-MM-DD). Counting school days needs the region's calendar:
 * `SchoolCalendar` (src/calendar), loaded for a region by `SchoolCalendarService`.
 */

const DAY = 86_400_000;
const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

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
