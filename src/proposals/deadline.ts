import { amsterdamInstant } from '../seasons/amsterdam-time';
import { SchoolCalendar } from '../calendar';
import { nextDay, todayIso } from '../seasons/calendar';

/**
 * The response window of a proposal, in Amsterdam time. `respond_by` is the last day on which the
 * receiving school may still answer; from the next day on the proposal is overdue.
 */

/** True once the last day of the window has passed in Amsterdam. */
export function isOverdue(respondBy: string, now: Date = new Date()): boolean {
  return todayIso(now) > respondBy;
}

/**
 * When the round's deadline and reminder jobs run: the deadline just after the end of `respondBy`
 * (00:01 the next day, Amsterdam); the reminder at 09:00 on the school day before it (in the
 * region's calendar), but only when that day lies after the day the proposals were made (else the
 * arrival notice is enough).
 */
export function deadlineSchedule(
  respondBy: string,
  calendar: SchoolCalendar,
  now: Date = new Date(),
): { deadlineAt: Date; reminderAt: Date | null } {
  const deadlineAt = amsterdamInstant(nextDay(respondBy), '00:01');
  const reminderDay = calendar.previousSchoolDay(respondBy);
  const reminderAt = reminderDay > todayIso(now) ? amsterdamInstant(reminderDay, '09:00') : null;
  return { deadlineAt, reminderAt };
}
