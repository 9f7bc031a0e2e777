/**
 * Calendar days on ISO dates (YYYY-MM-DD) for the pages; "today" is the date in Amsterdam. School
 * days are counted by the API, in the region's calendar (schoolDaysLeft, schoolDaysToSummer).
 */
import type { Season } from '../../auth/workspace';
import { formatDate, t } from '../../messages';

const DAY = 86_400_000;
const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date in Amsterdam now: the region's "today". */
export function todayIso(now: Date = new Date()): string {
  return AMSTERDAM_DATE.format(now);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY);
}

export interface Deadline {
  /** "Nog 3 schooldagen", "Verloopt morgen", … */
  label: string;
  /** "reageren tot en met 11 december 2026" */
  until: string;
  /** one day or less left, or past */
  urgent: boolean;
  overdue: boolean;
}

/** How long a receiving school still has to answer; `respondBy` is the last day (inclusive). */
export function deadline(
  respondBy: string,
  schoolDaysLeft: number,
  today: string = todayIso(),
): Deadline {
  const d = t.pages.deadline;
  const days = daysBetween(today, respondBy);
  const until = d.until(formatDate(respondBy));
  if (days < 0)
    return { label: d.overdue(formatDate(respondBy)), until, urgent: true, overdue: true };
  if (days === 0) return { label: d.today, until, urgent: true, overdue: false };
  if (days === 1) return { label: d.tomorrow, until, urgent: true, overdue: false };
  // Counted by the API in the region's calendar (holidays and study days skipped).
  const left = schoolDaysLeft;
  return { label: d.schoolDaysLeft(left), until, urgent: left <= 1, overdue: false };
}

/** Which round of the season made a proposal: a scheduled round date, or one started in between. */
export function roundLabel(roundDate: string, season: Season | null): string {
  const i = season ? season.roundDates.indexOf(roundDate) : -1;
  if (season && i >= 0) return t.pages.proposals.roundN(i + 1, formatDate(roundDate, true));
  return t.pages.proposals.roundInterim;
}

/** Whole years between a date of birth and today. */
export function age(dateOfBirth: string, today: string = todayIso()): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
