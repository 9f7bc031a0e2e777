import { nextDay, todayIso } from './calendar';

// School-day arithmetic: src/calendar/school-calendar.spec.ts.

describe('nextDay', () => {
  it('crosses months and years', () => {
    expect(nextDay('2027-02-28')).toBe('2027-03-01');
    expect(nextDay('2027-12-31')).toBe('2028-01-01');
  });
});

describe('todayIso', () => {
  it('takes the calendar date in Amsterdam, not in UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in Amsterdam (UTC+2).
    expect(todayIso(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01');
    expect(todayIso(new Date('2027-06-30T21:30:00Z'))).toBe('2027-06-30');
    // Winter: UTC+1.
    expect(todayIso(new Date('2027-01-15T22:59:00Z'))).toBe('2027-01-15');
    expect(todayIso(new Date('2027-01-15T23:00:00Z'))).toBe('2027-01-16');
  });
});
