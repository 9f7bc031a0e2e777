/** Numbers and dates as the monitor writes them (nl-NL, Amsterdam time). */
const TZ = 'Europe/Amsterdam';
const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });
const dayMonth = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: TZ });
const dayMonthShort = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  timeZone: TZ,
});

const asDate = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`);

/** 0.4634 → "46,3%"; null → "—". */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : percent.format(share);
}

/** "2026-12-06" → "6 december". */
export function formatDayMonth(iso: string): string {
  return dayMonth.format(asDate(iso));
}

/** "2026-12-06" → "6 dec", for chart axes. */
export function formatDayMonthShort(iso: string): string {
  return dayMonthShort.format(asDate(iso)).replace('.', '');
}
