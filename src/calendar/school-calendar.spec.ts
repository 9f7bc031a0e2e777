import { easterSunday, publicHolidays } from './public-holidays';
import { SchoolCalendar } from './school-calendar';
import { HOLIDAY_KINDS, HOLIDAY_REGIONS, SCHOOL_HOLIDAYS } from './school-holidays';

const DAY = 86_400_000;
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe('Dutch public holidays', () => {
  it('finds Easter by the computus', () => {
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map((y) => easterSunday(y))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
      '2029-04-01',
      '2030-04-21',
    ]);
  });

  it('lists the days schools are closed, Bevrijdingsdag only in lustrum years', () => {
    const y2027 = publicHolidays(2027);
    expect(y2027.map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-01-01 Nieuwjaarsdag',
      '2027-03-26 Goede Vrijdag',
      '2027-03-28 Eerste Paasdag',
      '2027-03-29 Tweede Paasdag',
      '2027-04-27 Koningsdag',
      '2027-05-06 Hemelvaartsdag',
      '2027-05-16 Eerste Pinksterdag',
      '2027-05-17 Tweede Pinksterdag',
      '2027-12-25 Eerste Kerstdag',
      '2027-12-26 Tweede Kerstdag',
    ]);
    expect(publicHolidays(2030).some((h) => h.date === '2030-05-05')).toBe(true);
    expect(publicHolidays(2028).some((h) => h.date === '2028-05-05')).toBe(false);
    // Koningsdag moves to Saturday the 26th when the 27th is a Sunday (2025, 2031).
    expect(publicHolidays(2025).find((h) => h.name === 'Koningsdag')?.date).toBe('2025-04-26');
  });
});

describe('the school holiday data', () => {
  it('has every holiday for every region, in order, with its source', () => {
    expect(SCHOOL_HOLIDAYS.map((s) => s.schoolYear)).toEqual([
      '2025-2026',
      '2026-2027',
      '2027-2028',
    ]);
    for (const sy of SCHOOL_HOLIDAYS) {
      expect(sy.source).toMatch(/^https:\/\/www\.rijksoverheid\.nl\/.*-\d{4}-\d{4}$/);
      expect(sy.source.endsWith(sy.schoolYear)).toBe(true);
      expect(sy.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const [a, b] = sy.schoolYear.split('-');
      for (const region of HOLIDAY_REGIONS) {
        let previousEnd = `${a}-08-01`;
        for (const kind of HOLIDAY_KINDS) {
          const [start, end] = sy.holidays[kind][region];
          // Published from a Saturday to a Sunday, within the school year, one after the other.
          expect([kind, region, new Date(`${start}T00:00:00Z`).getUTCDay()]).toEqual([
            kind,
            region,
            6,
          ]);
          expect([kind, region, new Date(`${end}T00:00:00Z`).getUTCDay()]).toEqual([
            kind,
            region,
            0,
          ]);
          expect(start > previousEnd).toBe(true);
          expect(end < `${b}-09-30`).toBe(true);
          const days = (Date.parse(end) - Date.parse(start)) / DAY + 1;
          expect([kind, region, days]).toEqual([
            kind,
            region,
            kind === 'zomer' ? 44 : kind === 'kerst' ? 16 : 9,
          ]);
          previousEnd = end;
        }
      }
      // kerst and mei are the same everywhere.
      expect(new Set(HOLIDAY_REGIONS.map((r) => sy.holidays.kerst[r].join()))).toHaveProperty(
        'size',
        1,
      );
      expect(new Set(HOLIDAY_REGIONS.map((r) => sy.holidays.mei[r].join()))).toHaveProperty(
        'size',
        1,
      );
    }
    expect(SCHOOL_HOLIDAYS.find((s) => s.schoolYear === '2027-2028')?.status).toBe('advies');
  });

  it('matches the examples in the domain description', () => {
    const y = SCHOOL_HOLIDAYS.find((s) => s.schoolYear === '2026-2027')!;
    expect(y.holidays.kerst.noord).toEqual(['2026-12-19', '2027-01-03']);
    expect(new SchoolCalendar('noord').summerHolidayStart(2026)).toBe('2026-07-04');
    expect(new SchoolCalendar('noord').summerHolidayStart(2027)).toBe('2027-07-10');
    expect(new SchoolCalendar('zuid').summerHolidayStart(2027)).toBe('2027-07-24');
    expect(new SchoolCalendar('midden').summerHolidayStart(2028)).toBe('2028-07-08');
    expect(new SchoolCalendar('noord').summerHolidayStart(2031)).toBeNull();
  });
});

describe('school days', () => {
  const noord = new SchoolCalendar('noord');

  it('counts from 6 December 2026 to the summer holiday without the holidays (131, not 155)', () => {
    // 155 weekdays, less kerst (10), voorjaar (5), Goede Vrijdag, Tweede Paasdag, mei (5, with
    // Koningsdag), Hemelvaart and Tweede Pinksterdag.
    expect(noord.schoolDaysBetween('2026-12-06', '2027-07-10')).toBe(131);
    // Zuid has its voorjaarsvakantie a week earlier but the same number of days; its summer starts later.
    expect(new SchoolCalendar('zuid').schoolDaysBetween('2026-12-06', '2027-07-24')).toBe(141);
  });

  it('still counts weekdays where nothing else is off', () => {
    expect(noord.schoolDaysBetween('2026-06-29', '2026-07-04')).toBe(4);
    expect(noord.schoolDaysBetween('2026-06-26', '2026-06-29')).toBe(0);
    expect(noord.schoolDaysBetween('2026-07-04', '2026-06-29')).toBe(0);
    // 1 June → 4 July 2026: 25 weekdays after the 1st, less nothing (Pinksteren was 25 May).
    expect(noord.schoolDaysBetween('2026-06-01', '2026-07-04')).toBe(24);
  });

  it('agrees with a day-by-day count over many spans and regions', () => {
    for (const region of HOLIDAY_REGIONS) {
      const cal = new SchoolCalendar(region, [{ date: '2027-06-02', description: 'studiedag' }]);
      const naive = (a: string, b: string) => {
        let n = 0;
        for (let d = addDays(a, 1); d < b; d = addDays(d, 1)) if (cal.isSchoolDay(d)) n++;
        return n;
      };
      for (let start = 0; start < 900; start += 37) {
        for (const len of [0, 1, 2, 5, 9, 30, 61, 200, 400]) {
          const a = addDays('2025-08-01', start);
          const b = addDays(a, len);
          expect([a, b, cal.schoolDaysBetween(a, b)]).toEqual([a, b, naive(a, b)]);
        }
      }
    }
  });

  it('never sets a deadline on a day without school', () => {
    // Friday 18 December 2026 + 5: the kerstvakantie and Nieuwjaar lie between → Friday 8 January.
    expect(noord.addSchoolDays('2026-12-18', 5)).toBe('2027-01-08');
    // Friday 24 April 2026 + 1: meivakantie → Monday 4 May.
    expect(noord.addSchoolDays('2026-04-24', 1)).toBe('2026-05-04');
    // Wednesday 5 May 2027 + 1: Hemelvaart → Friday 7 May.
    expect(noord.addSchoolDays('2027-05-05', 1)).toBe('2027-05-07');
    expect(noord.addSchoolDays('2026-06-19', 5)).toBe('2026-06-26');
    expect(noord.addSchoolDays('2026-06-20', 1)).toBe('2026-06-22');
    expect(noord.addSchoolDays('2026-06-22', 0)).toBe('2026-06-22');
    expect(noord.addSchoolDays('2026-12-25', 0)).toBe('2027-01-04');
    for (let i = 0; i < 800; i += 3) {
      const from = addDays('2025-09-01', i);
      for (const n of [1, 3, 5, 10])
        expect(noord.isSchoolDay(noord.addSchoolDays(from, n))).toBe(true);
    }
  });

  it("skips the region's own non-school days", () => {
    const cal = new SchoolCalendar('noord', [{ date: '2027-06-23', description: 'studiedag' }]);
    expect(cal.nonSchoolReason('2027-06-23')).toBe('studiedag');
    expect(cal.addSchoolDays('2027-06-21', 5)).toBe('2027-06-29');
    expect(noord.addSchoolDays('2027-06-21', 5)).toBe('2027-06-28');
    expect(cal.schoolDaysBetween('2027-06-21', '2027-06-25')).toBe(2);
  });

  it('steps back over weekends and holidays to the previous school day', () => {
    expect(noord.previousSchoolDay('2027-06-28')).toBe('2027-06-25'); // Monday → Friday
    expect(noord.previousSchoolDay('2027-06-29')).toBe('2027-06-28');
    expect(noord.previousSchoolDay('2027-01-08')).toBe('2027-01-07');
    expect(noord.previousSchoolDay('2027-01-04')).toBe('2026-12-18'); // over the kerstvakantie
    expect(noord.previousSchoolDay('2027-05-18')).toBe('2027-05-14'); // over Tweede Pinksterdag
  });

  it('names why a day has no school', () => {
    expect(noord.nonSchoolReason('2026-12-21')).toBe('kerstvakantie');
    expect(noord.nonSchoolReason('2027-03-26')).toBe('Goede Vrijdag');
    expect(noord.nonSchoolReason('2027-12-05')).toBe('weekend');
    expect(noord.nonSchoolReason('2027-06-01')).toBeNull();
    // Outside the data: weekends and public holidays still count.
    expect(noord.nonSchoolReason('2099-12-25')).toBe('Eerste Kerstdag');
    expect(noord.isSchoolDay('2099-07-10')).toBe(true);
  });
});
