import { publicHolidays } from './public-holidays';
import {
  HOLIDAY_KINDS,
  HOLIDAY_NAMES,
  HolidayRegion,
  SCHOOL_HOLIDAYS,
  SchoolYearHolidays,
} from './school-holidays';

/** A day the region's schools are closed besides the holidays (a study day), YYYY-MM-DD. */
export interface OwnNonSchoolDay {
  date: string;
  description: string;
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
const yearOf = (d: number) => new Date(d * DAY).getUTCFullYear();
/** 1 January 1970 was a Thursday (4); 0 = Sunday, 6 = Saturday. */
const weekdayOf = (d: number) => (((d + 4) % 7) + 7) % 7;
const isWeekend = (d: number) => weekdayOf(d) === 0 || weekdayOf(d) === 6;

/** Monday–Friday strictly between day numbers a and b. */
function weekdaysBetween(a: number, b: number): number {
  if (b - a <= 1) return 0;
  const weeks = Math.floor((b - a - 1) / 7);
  let n = weeks * 5;
  for (let d = a + 1 + weeks * 7; d < b; d++) if (!isWeekend(d)) n++;
  return n;
}

/** How many of the sorted `days` lie strictly between a and b. */
function countBetween(days: readonly number[], a: number, b: number): number {
  const firstAfter = (x: number) => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return Math.max(0, firstAfter(b - 1) - firstAfter(a));
}

interface YearDays {
  /** Weekdays without school, sorted. */
  days: number[];
  /** Why each of them has no school (Dutch). */
  reasons: Map<number, string>;
}

/**
 * The school days of one region: Monday–Friday, without the Dutch public holidays
 * (public-holidays.ts), the school holidays of the region's holiday region (school-holidays.ts)
 * and the region's own non-school days. Every count of school days in the service goes through
 * this. Outside the school years in the data only weekends and public holidays are skipped.
 */
export class SchoolCalendar {
  private readonly years = new Map<number, YearDays>();

  constructor(
    readonly holidayRegion: HolidayRegion,
    private readonly ownDays: readonly OwnNonSchoolDay[] = [],
    private readonly data: readonly SchoolYearHolidays[] = SCHOOL_HOLIDAYS,
  ) {}

  /** Why `date` is not a school day ('weekend', 'kerstvakantie', 'Koningsdag', a study day's description), or null when it is one. */
  nonSchoolReason(date: string): string | null {
    const d = dayOf(date);
    if (isWeekend(d)) return 'weekend';
    return this.year(yearOf(d)).reasons.get(d) ?? null;
  }

  isSchoolDay(date: string): boolean {
    return this.nonSchoolReason(date) === null;
  }

  /** School days after `from` and before `to` (both left out): the days left before a holiday starts. */
  schoolDaysBetween(from: string, to: string): number {
    const a = dayOf(from);
    const b = dayOf(to);
    if (b - a <= 1) return 0;
    let n = weekdaysBetween(a, b);
    for (let y = yearOf(a); y <= yearOf(b); y++) n -= countBetween(this.year(y).days, a, b);
    return n;
  }

  /**
   * The school day `n` school days after `from` (a proposal made on a Friday with 5 days is due the
   * next Friday, unless a holiday falls in between). With n = 0: `from` itself when it is a school
   * day, else the next one. Never a day without school.
   */
  addSchoolDays(from: string, n: number): string {
    let d = dayOf(from);
    if (n <= 0) {
      while (!this.isSchool(d)) d++;
      return isoOf(d);
    }
    for (let left = n; left > 0;) {
      d++;
      if (this.isSchool(d)) left--;
    }
    return isoOf(d);
  }

  /** The last school day before `date`. */
  previousSchoolDay(date: string): string {
    let d = dayOf(date) - 1;
    while (!this.isSchool(d)) d--;
    return isoOf(d);
  }

  /** The first day of the summer holiday in `year` for this holiday region, or null when the data have none. */
  summerHolidayStart(year: number): string | null {
    for (const sy of this.data) {
      const start = sy.holidays.zomer[this.holidayRegion][0];
      if (start.startsWith(`${year}-`)) return start;
    }
    return null;
  }

  private isSchool(d: number): boolean {
    return !isWeekend(d) && !this.year(yearOf(d)).reasons.has(d);
  }

  private year(y: number): YearDays {
    const known = this.years.get(y);
    if (known) return known;
    const reasons = new Map<number, string>();
    const mark = (d: number, why: string) => {
      if (!isWeekend(d) && !reasons.has(d)) reasons.set(d, why);
    };
    const first = dayOf(`${y}-01-01`);
    const last = dayOf(`${y}-12-31`);
    for (const sy of this.data) {
      for (const kind of HOLIDAY_KINDS) {
        const [s, e] = sy.holidays[kind][this.holidayRegion];
        for (let d = Math.max(dayOf(s), first); d <= Math.min(dayOf(e), last); d++) {
          mark(d, HOLIDAY_NAMES[kind]);
        }
      }
    }
    for (const h of publicHolidays(y)) mark(dayOf(h.date), h.name);
    for (const own of this.ownDays) {
      const d = dayOf(own.date);
      if (d >= first && d <= last) mark(d, own.description || 'studiedag');
    }
    const days = [...reasons.keys()].sort((p, q) => p - q);
    const entry = { days, reasons };
    this.years.set(y, entry);
    return entry;
  }
}
