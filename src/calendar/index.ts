export { easterSunday, publicHolidays } from './public-holidays';
export type { PublicHoliday } from './public-holidays';
export { SchoolCalendar } from './school-calendar';
export type { OwnNonSchoolDay } from './school-calendar';
export { HOLIDAY_KINDS, HOLIDAY_NAMES, HOLIDAY_REGIONS, SCHOOL_HOLIDAYS } from './school-holidays';
export type { HolidayKind, HolidayRegion, SchoolYearHolidays } from './school-holidays';
