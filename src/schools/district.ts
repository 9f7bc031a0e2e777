/**
 * The Amsterdam stadsdeel (or neighbouring municipality of the region) of a Dutch postcode, by its
 * four digits. A plain function with no framework; `districtSql` gives the same mapping as SQL so
 * lists can filter on it.
 */
export const DISTRICTS = [
  'Centrum',
  'West',
  'Nieuw-West',
  'Zuid',
  'Oost',
  'Noord',
  'Zuidoost',
  'Diemen',
  'Weesp',
  'Overig',
] as const;
export type District = (typeof DISTRICTS)[number];

/** Inclusive ranges of the four postcode digits; anything else is 'Overig'. */
export const DISTRICT_RANGES: readonly (readonly [number, number, District])[] = [
  [1011, 1018, 'Centrum'],
  [1019, 1019, 'Oost'],
  [1020, 1037, 'Noord'],
  [1051, 1058, 'West'],
  [1059, 1069, 'Nieuw-West'],
  [1071, 1083, 'Zuid'],
  [1086, 1098, 'Oost'],
  [1101, 1108, 'Zuidoost'],
  [1110, 1112, 'Diemen'],
  [1380, 1384, 'Weesp'],
];

/** '1091 AB', '1091AB' or '1091' → 'Oost'; an unknown or malformed postcode → 'Overig'. */
export function districtOf(postcode: string | null | undefined): District {
  const m = /^\s*(\d{4})/.exec(postcode ?? '');
  if (!m) return 'Overig';
  const n = Number(m[1]);
  return DISTRICT_RANGES.find(([from, to]) => n >= from && n <= to)?.[2] ?? 'Overig';
}

/** The same mapping as a SQL expression over a postcode column (for `where` and `order by`). */
export function districtSql(column: string): string {
  const digits = `(case when ${column} ~ '^[0-9]{4}' then left(${column}, 4)::int end)`;
  const whens = DISTRICT_RANGES.map(
    ([from, to, name]) => `when ${digits} between ${from} and ${to} then '${name}'`,
  ).join(' ');
  return `(case ${whens} else 'Overig' end)`;
}
