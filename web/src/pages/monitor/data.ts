/**
 * The season monitor's data: the API's shapes, the timeline read tolerantly, the heat map grid of
 * shortage and surplus, the per-school sort. Pure functions, no React.
 */
import type { Schemas } from '../../api/client';
import { GRADES, LEVELS, levelExistsIn, type Level } from '../offers/levels';

export type MonitorView = Schemas['MonitorView'];
export type Figures = Schemas['MonitorFigures'];
export type SchoolRow = Schemas['MonitorSchoolRow'];
export type GradeLevelRow = Schemas['MonitorGradeLevelRow'];

/** The four statuses that count, in the order the page names them (the pupil's way through). */
export const STATUSES = ['submitted', 'proposed', 'placed', 'mediation'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * Colours per status, distinguishable with the common colour-vision deficiencies (Okabe–Ito and
 * Tol), each at least 3:1 against white; the lines also differ in dash pattern, and a legend
 * names every series.
 */
export const STATUS_STYLE: Record<Status, { color: string; dash?: string }> = {
  submitted: { color: '#0072B2' },
  proposed: { color: '#AA4499', dash: '8 4' },
  placed: { color: '#117733' },
  mediation: { color: '#C24E00', dash: '3 3' },
};

/** Today's count of a status from the monitor's figures ("submitted" = not yet proposed). */
export function countOf(f: Figures, s: Status): number {
  return s === 'submitted' ? f.unplaced : f[s];
}

// ---- timeline

export type Timeline = Schemas['SeasonTimelineView'];
export type TimelineDay = Schemas['TimelineDay'];
export type GradeLevelBalance = Schemas['TimelineGradeLevel'];

// ---- heat map of shortage and surplus

export type Tone = 'shortageHigh' | 'shortageLow' | 'balanced' | 'surplusLow' | 'surplusHigh';

export interface HeatCell {
  grade: number;
  level: Level;
  exists: boolean;
  /** pupils still seeking a place (submitted or in mediation) */
  seeking: number;
  /** places still free (capacity − placed − pending) */
  free: number;
  /** free − seeking: below 0 a shortage, above 0 a surplus; null when both are 0 */
  balance: number | null;
  tone: Tone | null;
}

export interface HeatGrid {
  grades: number[];
  levels: Level[];
  cells: Map<string, HeatCell>;
  shortages: HeatCell[];
}

export const cellKey = (grade: number, level: string) => `${grade}|${level}`;

export function toneOf(balance: number): Tone {
  if (balance <= -5) return 'shortageHigh';
  if (balance < 0) return 'shortageLow';
  if (balance === 0) return 'balanced';
  return balance >= 5 ? 'surplusHigh' : 'surplusLow';
}

/**
 * Leerjaren as rows, niveaus as columns; only the leerjaren and niveaus with free places or pupils
 * seeking, so the grid fits a school laptop's screen.
 */
export function heatGrid(rows: GradeLevelBalance[]): HeatGrid {
  const byKey = new Map(rows.map((r) => [cellKey(r.grade, r.level), r]));
  const active = rows.filter((r) => r.freePlaces > 0 || r.seeking > 0);
  const grades = GRADES.filter((g) => active.some((r) => r.grade === g));
  const levels = LEVELS.filter((l) => active.some((r) => r.level === l));
  const cells = new Map<string, HeatCell>();
  for (const grade of grades)
    for (const level of levels) {
      const r = byKey.get(cellKey(grade, level));
      const seeking = r?.seeking ?? 0;
      const free = r?.freePlaces ?? 0;
      const balance = seeking > 0 || free > 0 ? free - seeking : null;
      cells.set(cellKey(grade, level), {
        grade,
        level,
        exists: levelExistsIn(grade, level),
        seeking,
        free,
        balance,
        tone: balance === null ? null : toneOf(balance),
      });
    }
  const shortages = [...cells.values()]
    .filter((c) => c.balance !== null && c.balance < 0)
    .sort((a, b) => a.balance! - b.balance!);
  return { grades, levels, cells, shortages };
}

// ---- per school

export type SchoolSortKey = 'name' | 'total' | 'share';
export interface SchoolSort {
  key: SchoolSortKey;
  dir: 'asc' | 'desc';
}

/** Schools without pupils (no share) always last, whatever the direction. */
export function sortSchools(rows: SchoolRow[], sort: SchoolSort): SchoolRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: SchoolRow, b: SchoolRow) => a.name.localeCompare(b.name, 'nl');
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return sign * byName(a, b);
    if (sort.key === 'total') return sign * (a.total - b.total) || byName(a, b);
    if (a.placedShare === null || b.placedShare === null)
      return (a.placedShare === null ? 1 : 0) - (b.placedShare === null ? 1 : 0) || byName(a, b);
    return sign * (a.placedShare - b.placedShare) || byName(a, b);
  });
}
