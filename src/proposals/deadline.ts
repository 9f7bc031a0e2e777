import { amsterdamInstant } from '../seasons/amsterdam-time';

/**
 * The response window of a proposal, in Amsterdam time. `respond_by` is the last day on which the
 * receiving school may still answer; from the next day on the proposal is overdue.
 */

const DAY = 86_400_000;
const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isWeekday = (ms: number) => {
  const d = new Date(ms).getUTCDay();
  return d !== 0 && d !== 6;
};

/** The calendar date in Amsterdam at this instant (YYYY-MM-DD). */
export function amsterdamDate(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
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

/** True once the last day of the window has passed in Amsterdam. */
export function isOverdue(respondBy: string, now: Date = new Date()): boolean {
  return amsterdamDate(now) > respondBy;
}

/**
 * When the round's deadline and reminder jobs run: the deadline just after the end of `respondBy`
 * (00:01 the next day, Amsterdam); the reminder at 09:00 on the school day before it, but only
 * when that day lies after the day the proposals were made (else the arrival notice is enough).
 */
export function deadlineSchedule(
  respondBy: string,
  now: Date = new Date(),
): { deadlineAt: Date; reminderAt: Date | null } {
  const deadlineAt = amsterdamInstant(nextDay(respondBy), '00:01');
  const reminderDay = previousSchoolDay(respondBy);
  const reminderAt =
    reminderDay > amsterdamDate(now) ? amsterdamInstant(reminderDay, '09:00') : null;
  return { deadlineAt, reminderAt };
}
