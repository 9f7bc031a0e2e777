/**
 * The school holidays of secondary education in the Netherlands, per holiday region, as the
 * government publishes them per school year. Each holiday runs from its first to its last day
 * (inclusive; the published Saturday to Sunday).
 *
 * Source: Rijksoverheid (ministerie van OCW), "Schoolvakanties <schooljaar>":
 *   https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2025-2026
 *   https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2026-2027
 *   https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2027-2028
 * Recorded 2026-12-06, transcribed from the open data set that follows those pages
 * (github.com/openpotato/openholidaysapi.data, src/nl/holidays/holidays.school.csv at commit
 * dd3dfa81f691d89964b42d30de582e935ec87a6e, 2026-01-21), and checked against the examples in
 * DOMAIN.md (kerstvakantie 19 December 2026 – 3 January 2027; zomervakantie noord 2026 from 4 July).
 * One correction: that file ends the voorjaarsvakantie zuid 2027 on 21 March 2027, five weeks
 * after its start; every voorjaarsvakantie is nine days, so it is recorded here as 13–21 February.
 *
 * 2027-2028 are advisory dates (adviesdata): provisional until the government fixes them. Summer
 * holidays are binding for schools; the others are advice a school may depart from (its own
 * departures are the region's non-school days).
 *
 * To add a school year: append an entry, with its source and the date it was recorded.
 */

export const HOLIDAY_REGIONS = ['noord', 'midden', 'zuid'] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

export const HOLIDAY_KINDS = ['herfst', 'kerst', 'voorjaar', 'mei', 'zomer'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** First and last day, inclusive (YYYY-MM-DD). */
export type Span = readonly [string, string];

export interface SchoolYearHolidays {
  schoolYear: string;
  /** `vastgesteld`: fixed by the government; `advies`: advisory dates, may still change. */
  status: 'vastgesteld' | 'advies';
  source: string;
  recordedOn: string;
  holidays: Record<HolidayKind, Record<HolidayRegion, Span>>;
}

const RIJKSOVERHEID =
  'https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-';
const RECORDED_ON = '2026-12-06';

/** The same dates in every region (kerst and mei). */
const everywhere = (start: string, end: string): Record<HolidayRegion, Span> => ({
  noord: [start, end],
  midden: [start, end],
  zuid: [start, end],
});

export const SCHOOL_HOLIDAYS: readonly SchoolYearHolidays[] = [
  {
    schoolYear: '2025-2026',
    status: 'vastgesteld',
    source: `${RIJKSOVERHEID}2025-2026`,
    recordedOn: RECORDED_ON,
    holidays: {
      herfst: {
        noord: ['2025-10-18', '2025-10-26'],
        midden: ['2025-10-18', '2025-10-26'],
        zuid: ['2025-10-11', '2025-10-19'],
      },
      kerst: everywhere('2025-12-20', '2026-01-04'),
      voorjaar: {
        noord: ['2026-02-21', '2026-03-01'],
        midden: ['2026-02-14', '2026-02-22'],
        zuid: ['2026-02-14', '2026-02-22'],
      },
      mei: everywhere('2026-04-25', '2026-05-03'),
      zomer: {
        noord: ['2026-07-04', '2026-08-16'],
        midden: ['2026-07-18', '2026-08-30'],
        zuid: ['2026-07-11', '2026-08-23'],
      },
    },
  },
  {
    schoolYear: '2026-2027',
    status: 'vastgesteld',
    source: `${RIJKSOVERHEID}2026-2027`,
    recordedOn: RECORDED_ON,
    holidays: {
      herfst: {
        noord: ['2026-10-10', '2026-10-18'],
        midden: ['2026-10-17', '2026-10-25'],
        zuid: ['2026-10-17', '2026-10-25'],
      },
      kerst: everywhere('2026-12-19', '2027-01-03'),
      voorjaar: {
        noord: ['2027-02-20', '2027-02-28'],
        midden: ['2027-02-20', '2027-02-28'],
        zuid: ['2027-02-13', '2027-02-21'], // see the correction above
      },
      mei: everywhere('2027-04-24', '2027-05-02'),
      zomer: {
        noord: ['2027-07-10', '2027-08-22'],
        midden: ['2027-07-17', '2027-08-29'],
        zuid: ['2027-07-24', '2027-09-05'],
      },
    },
  },
  {
    schoolYear: '2027-2028',
    status: 'advies',
    source: `${RIJKSOVERHEID}2027-2028`,
    recordedOn: RECORDED_ON,
    holidays: {
      herfst: {
        noord: ['2027-10-16', '2027-10-24'],
        midden: ['2027-10-16', '2027-10-24'],
        zuid: ['2027-10-23', '2027-10-31'],
      },
      kerst: everywhere('2027-12-25', '2028-01-09'),
      voorjaar: {
        noord: ['2028-02-19', '2028-02-27'],
        midden: ['2028-02-26', '2028-03-05'],
        zuid: ['2028-02-26', '2028-03-05'],
      },
      mei: everywhere('2028-04-29', '2028-05-07'),
      zomer: {
        noord: ['2028-07-15', '2028-08-27'],
        midden: ['2028-07-08', '2028-08-20'],
        zuid: ['2028-07-22', '2028-09-03'],
      },
    },
  },
];

export const HOLIDAY_NAMES: Record<HolidayKind, string> = {
  herfst: 'herfstvakantie',
  kerst: 'kerstvakantie',
  voorjaar: 'voorjaarsvakantie',
  mei: 'meivakantie',
  zomer: 'zomervakantie',
};
