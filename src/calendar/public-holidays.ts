/**
 * Dutch public holidays on which schools are closed, by rule (written once here rather than taken
 * from a library: the list schools keep differs from the general one, see Bevrijdingsdag).
 *
 * Nieuwjaarsdag, Goede Vrijdag, Pasen (Sunday and Monday), Koningsdag (27 April, the 26th when the
 * 27th is a Sunday), Bevrijdingsdag (5 May, for schools only in lustrum years: 2025, 2030, …),
 * Hemelvaartsdag (Easter + 39), Pinksteren (Easter + 49 and + 50), Kerstmis (25 and 26 December).
 */

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(Date.UTC(year, month - 1, day));
}

export interface PublicHoliday {
  date: string;
  name: string;
}

const cache = new Map<number, readonly PublicHoliday[]>();

/** The year's public holidays on which schools are closed, in date order. */
export function publicHolidays(year: number): readonly PublicHoliday[] {
  const known = cache.get(year);
  if (known) return known;
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
  const fromEaster = (days: number) => iso(easter + days * DAY);
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? 26 : 27;
  const list: PublicHoliday[] = [
    { date: `${year}-01-01`, name: 'Nieuwjaarsdag' },
    { date: fromEaster(-2), name: 'Goede Vrijdag' },
    { date: fromEaster(0), name: 'Eerste Paasdag' },
    { date: fromEaster(1), name: 'Tweede Paasdag' },
    { date: `${year}-04-${kingsDay}`, name: 'Koningsdag' },
    ...(year % 5 === 0 ? [{ date: `${year}-05-05`, name: 'Bevrijdingsdag' }] : []),
    { date: fromEaster(39), name: 'Hemelvaartsdag' },
    { date: fromEaster(49), name: 'Eerste Pinksterdag' },
    { date: fromEaster(50), name: 'Tweede Pinksterdag' },
    { date: `${year}-12-25`, name: 'Eerste Kerstdag' },
    { date: `${year}-12-26`, name: 'Tweede Kerstdag' },
  ].sort((x, y) => x.date.localeCompare(y.date));
  cache.set(year, list);
  return list;
}
