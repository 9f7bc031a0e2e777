import { addSchoolDays, schoolDaysBetween, todayIso } from './calendar';

describe('school-day arithmetic', () => {
  it('counts the weekdays strictly between two dates', () => {
    // Mon 29 June 2026 → Sat 4 July 2026 (summer holiday, region Noord): Tue–Fri = 4.
    expect(schoolDaysBetween('2026-06-29', '2026-07-04')).toBe(4);
    // Fri → next Mon: no school day in between.
    expect(schoolDaysBetween('2026-06-26', '2026-06-29')).toBe(0);
    expect(schoolDaysBetween('2026-07-04', '2026-06-29')).toBe(0);
    // 1 June → 4 July 2026: 24 weekdays in June after the 1st (2–30), plus 1–3 July = 3.
    expect(schoolDaysBetween('2026-06-01', '2026-07-04')).toBe(24);
  });

  it('agrees with a day-by-day count over many spans', () => {
    const naive = (a: string, b: string) => {
      let n = 0;
      for (
        let t = Date.parse(`${a}T00:00:00Z`) + 86_400_000;
        t < Date.parse(`${b}T00:00:00Z`);
        t += 86_400_000
      ) {
        const d = new Date(t).getUTCDay();
        if (d !== 0 && d !== 6) n++;
      }
      return n;
    };
    for (let start = 0; start < 14; start++) {
      for (let len = 0; len < 60; len += 3) {
        const a = new Date(Date.UTC(2026, 5, 1 + start)).toISOString().slice(0, 10);
        const b = new Date(Date.UTC(2026, 5, 1 + start + len)).toISOString().slice(0, 10);
        expect(schoolDaysBetween(a, b)).toBe(naive(a, b));
      }
    }
  });

  it('adds school days, skipping weekends', () => {
    expect(addSchoolDays('2026-06-19', 5)).toBe('2026-06-26'); // Fri + 5 = next Fri
    expect(addSchoolDays('2026-06-20', 1)).toBe('2026-06-22'); // Sat + 1 = Mon
    expect(addSchoolDays('2026-06-22', 0)).toBe('2026-06-22');
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
