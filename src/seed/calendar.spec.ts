import { calendarError } from '../seasons/seasons.service';
import { addDays, demoCalendar, summerHolidayStartNoord } from './calendar';

describe('demo season calendar', () => {
  it('on 6 December 2026 is the season 2027-2028, entry open, rounds and summer ahead', () => {
    expect(demoCalendar('2026-12-06')).toEqual({
      name: '2027-2028',
      entryOpens: '2026-10-26',
      entryCloses: '2027-06-18',
      roundDates: ['2027-06-21', '2027-07-01'],
      responseSchoolDays: 5,
      summerHolidayStart: '2027-07-10',
      endsOn: '2027-10-01',
    });
  });

  it('moves to the next season once the summer holiday has begun', () => {
    expect(demoCalendar('2027-07-09').name).toBe('2027-2028');
    expect(demoCalendar('2027-07-10').name).toBe('2028-2029');
  });

  it('falls back to the Saturday in 4–10 July for years without published dates', () => {
    expect(summerHolidayStartNoord(2026)).toBe('2026-07-04');
    for (const year of [2030, 2031, 2032, 2033, 2034, 2035, 2036]) {
      const d = summerHolidayStartNoord(year);
      expect(new Date(`${d}T00:00:00Z`).getUTCDay()).toBe(6);
      expect(d >= `${year}-07-04` && d <= `${year}-07-10`).toBe(true);
    }
  });

  it('is a calendar the seasons service accepts on any day of the year', () => {
    for (let day = '2026-01-01'; day < '2028-01-01'; day = addDays(day, 1)) {
      const c = demoCalendar(day);
      expect(calendarError(c)).toBeNull();
      expect(c.entryOpens <= day).toBe(true);
    }
  });
});
