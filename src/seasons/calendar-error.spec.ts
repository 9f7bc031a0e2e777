import { calendarError } from './seasons.service';

describe('calendarError (a season calendar as a whole)', () => {
  const season = {
    name: '2027-2028',
    entryOpens: '2027-01-15',
    entryCloses: '2027-06-18',
    roundDates: ['2027-06-21', '2027-07-01'],
    responseSchoolDays: 5,
    summerHolidayStart: '2027-07-10',
    endsOn: '2027-10-01',
  };

  it('accepts a calendar in order', () => {
    expect(calendarError(season)).toBeNull();
  });

  it('names what is out of order', () => {
    expect(calendarError({ ...season, name: '2027-2029' })).toMatch(/^name:/);
    expect(calendarError({ ...season, entryOpens: '2027-06-19' })).toMatch(/entryOpens/);
    expect(calendarError({ ...season, summerHolidayStart: '2027-06-18' })).toMatch(
      /entryCloses moet vóór summerHolidayStart/,
    );
    expect(calendarError({ ...season, endsOn: '2027-07-09' })).toMatch(/summerHolidayStart/);
    expect(calendarError({ ...season, roundDates: ['2027-01-14'] })).toMatch(/2027-01-14/);
  });

  it('refuses a round date given twice', () => {
    expect(calendarError({ ...season, roundDates: ['2027-06-21', '2027-06-21'] })).toBe(
      'roundDates: 2027-06-21 staat er twee keer in',
    );
  });
});
