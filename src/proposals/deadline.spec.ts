import { SchoolCalendar } from '../calendar';
import { nextDay } from '../seasons/calendar';
import { deadlineSchedule, isOverdue } from './deadline';

describe('proposal deadline rules', () => {
  const noord = new SchoolCalendar('noord');
  it('is overdue only from the day after respond_by', () => {
    expect(isOverdue('2027-06-28', new Date('2027-06-28T21:59:00Z'))).toBe(false); // 23:59 local
    expect(isOverdue('2027-06-28', new Date('2027-06-28T22:00:00Z'))).toBe(true); // 00:00 local
    expect(isOverdue('2027-06-28', new Date('2027-06-20T10:00:00Z'))).toBe(false);
  });

  it('steps over weekends to the previous school day', () => {
    expect(noord.previousSchoolDay('2027-06-28')).toBe('2027-06-25'); // Monday → Friday
    expect(noord.previousSchoolDay('2027-06-29')).toBe('2027-06-28'); // Tuesday → Monday
    expect(noord.previousSchoolDay('2027-06-27')).toBe('2027-06-25'); // Sunday → Friday
    expect(nextDay('2027-12-31')).toBe('2028-01-01');
  });

  it('runs the deadline job just after the end of respond_by, the reminder a school day before', () => {
    // Round on Monday 21 June 2027, five school days: respond by Monday 28 June.
    const s = deadlineSchedule('2027-06-28', noord, new Date('2027-06-21T07:00:00Z'));
    expect(s.deadlineAt.toISOString()).toBe('2027-06-28T22:01:00.000Z');
    expect(s.reminderAt?.toISOString()).toBe('2027-06-25T07:00:00.000Z');
    expect(isOverdue('2027-06-28', s.deadlineAt)).toBe(true);
  });

  it('sends no reminder when the day before the deadline is the day of the round', () => {
    const s = deadlineSchedule('2027-06-22', noord, new Date('2027-06-21T07:00:00Z'));
    expect(s.reminderAt).toBeNull();
    expect(s.deadlineAt.toISOString()).toBe('2027-06-22T22:01:00.000Z');
  });

  it('uses winter time in winter', () => {
    const s = deadlineSchedule('2027-01-19', noord, new Date('2027-01-11T10:00:00Z'));
    expect(s.deadlineAt.toISOString()).toBe('2027-01-19T23:01:00.000Z');
    expect(s.reminderAt?.toISOString()).toBe('2027-01-18T08:00:00.000Z');
  });

  it('reminds on the last school day before a holiday, not in it', () => {
    // Due Monday 4 January 2027, the first day after the kerstvakantie: remind on Friday 18 December.
    const s = deadlineSchedule('2027-01-04', noord, new Date('2026-12-14T10:00:00Z'));
    expect(s.reminderAt?.toISOString()).toBe('2026-12-18T08:00:00.000Z');
  });
});
