/**
 * The season monitor over time, from timestamps (pure; MonitorService gathers the rows).
 *
 * Why timestamps and not the audit trail: every status a pupil can be in has its own dated row —
 * the form's submitted_at and placed_at, the proposals' created_at and responded_at, the
 * mediation cases' created_at and closed_at — while the audit trail spells the same changes in
 * many action names (submit, round.proposed, proposal.accept, mediation.place, …) that would have
 * to be kept in step with every module. Only a withdrawal has no date of its own: withdrawn is
 * final, so the form's last change (updated_at) is the withdrawal, as migration AddPlacedAt
 * reasons for placed_at. A pupil's status at the end of a day is then, in this order: placed,
 * withdrawn, proposed (a proposal open that day), mediation (a case open that day), submitted.
 */

export const TIMELINE_STATUSES = [
  'submitted',
  'proposed',
  'placed',
  'mediation',
  'withdrawn',
] as const;
export type TimelineStatus = (typeof TIMELINE_STATUSES)[number];

/** Dates are Amsterdam calendar dates, YYYY-MM-DD; `to` null: still open. */
export interface Interval {
  from: string;
  to: string | null;
}

export interface PupilHistory {
  submitted: string;
  placed: string | null;
  withdrawn: string | null;
  proposals: Interval[];
  cases: Interval[];
}

export type DayCounts = Record<TimelineStatus, number> & { date: string };

const DAY = 86_400_000;
const nextDay = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
/** Open at the end of day d: begun on or before it, not ended on or before it. */
const openAt = (i: Interval, d: string) => i.from <= d && (i.to === null || i.to > d);

export function statusAt(p: PupilHistory, d: string): TimelineStatus | null {
  if (p.submitted > d) return null;
  if (p.placed !== null && p.placed <= d) return 'placed';
  if (p.withdrawn !== null && p.withdrawn <= d) return 'withdrawn';
  if (p.proposals.some((i) => openAt(i, d))) return 'proposed';
  if (p.cases.some((i) => openAt(i, d))) return 'mediation';
  return 'submitted';
}

/** Counts per status at the end of every day from `from` to `to` (inclusive); at most maxDays. */
export function timeline(
  pupils: PupilHistory[],
  from: string,
  to: string,
  maxDays = 1000,
): DayCounts[] {
  const days: DayCounts[] = [];
  for (let d = from; d <= to && days.length < maxDays; d = nextDay(d)) {
    const row: DayCounts = {
      date: d,
      submitted: 0,
      proposed: 0,
      placed: 0,
      mediation: 0,
      withdrawn: 0,
    };
    for (const p of pupils) {
      const s = statusAt(p, d);
      if (s) row[s]++;
    }
    days.push(row);
  }
  return days;
}
