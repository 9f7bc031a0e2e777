/**
 * The demo season's calendar, worked out from a date: the season pupils are now being entered
 * for, with its entry window open, its rounds and the summer holiday ahead.
 */

import { SchoolCalendar } from '../calendar/school-calendar';

const DAY = 86_400_000;
const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, n: number): string => iso(toUtc(date) + n * DAY);

const NOORD = new SchoolCalendar('noord');

/**
 * First day of the summer holiday of region noord (Amsterdam-Diemen, Weesp) from the school
 * holiday data (src/calendar); a year without data: the Saturday in 4–10 July, which is close (a
 * season's own setting is what counts; an admin can change it).
 */
export function summerHolidayStartNoord(year: number): string {
  const known = NOORD.summerHolidayStart(year);
  if (known) return known;
  const july4 = `${year}-07-04`;
  const weekday = new Date(toUtc(july4)).getUTCDay(); // 0 = Sunday, 6 = Saturday
  return addDays(july4, (6 - weekday + 7) % 7);
}

export interface DemoCalendar {
  name: string;
  entryOpens: string;
  entryCloses: string;
  roundDates: string[];
  responseSchoolDays: number;
  summerHolidayStart: string;
  endsOn: string;
}

/**
 * The season named after the school year pupils will start in: before this year's summer holiday
 * that is the year starting this summer, after it the next one (on 2026-12-06: 2027-2028). Entry
 * opened on the Monday about five weeks ago and closes on the Friday three weeks before the summer
 * holiday (mid-June); the rounds are the Monday after and the Thursday of the last school week but
 * one; the season ends on 1 October, after the follow-up of pupils placed late.
 */
export function demoCalendar(today: string): DemoCalendar {
  const year = Number(today.slice(0, 4));
  const start = today < summerHolidayStartNoord(year) ? year : year + 1;
  const summer = summerHolidayStartNoord(start);
  const opensAround = addDays(today, -35);
  const weekday = new Date(toUtc(opensAround)).getUTCDay();
  const entryCloses = addDays(summer, -22);
  const entryOpens = addDays(opensAround, -((weekday + 6) % 7));
  return {
    name: `${start}-${start + 1}`,
    entryOpens: entryOpens < entryCloses ? entryOpens : addDays(entryCloses, -7),
    entryCloses,
    roundDates: [addDays(summer, -19), addDays(summer, -9)],
    responseSchoolDays: 5,
    summerHolidayStart: summer,
    endsOn: `${start}-10-01`,
  };
}
