/** The UTC instant of a wall-clock time in Amsterdam on a date (DST-aware, no library needed). */
export function amsterdamInstant(date: string, hhmm = '09:00'): Date {
  const guess = new Date(`${date}T${hhmm}:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(guess);
  const h = Number(parts.find((p) => p.type === 'hour')?.value);
  const m = Number(parts.find((p) => p.type === 'minute')?.value);
  const offsetMin = (h * 60 + m - (guess.getUTCHours() * 60 + guess.getUTCMinutes()) + 1440) % 1440;
  return new Date(guess.getTime() - offsetMin * 60_000);
}
