/**
 * The region board's filtering, sorting and summary, in memory and without React: the API sends
 * the whole board (80 schools, a few thousand rows) once, and every filter is a pass over it.
 */
import type { Schemas } from '../../api/client';
import { levelOrder } from './levels';

export type BoardRow = Schemas['BoardRow'];

export interface BoardFilters {
  level: string | null;
  grade: string | null;
  district: string | null;
  /** part of a school's name or BRIN */
  search: string;
  onlyFree: boolean;
  onlySought: boolean;
}

export const NO_FILTERS: BoardFilters = {
  level: null,
  grade: null,
  district: null,
  search: '',
  onlyFree: false,
  onlySought: false,
};

export type SortKey = 'school' | 'district' | 'grade' | 'capacity' | 'remaining' | 'sought';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

export function filterRows(rows: BoardRow[], f: BoardFilters): BoardRow[] {
  const q = f.search.trim().toLowerCase();
  const grade = f.grade ? Number(f.grade) : null;
  return rows.filter(
    (r) =>
      (!f.level || r.level === f.level) &&
      (grade === null || r.grade === grade) &&
      (!f.district || r.district === f.district) &&
      (!f.onlyFree || r.remaining > 0) &&
      (!f.onlySought || r.sought > 0) &&
      (!q || r.schoolName.toLowerCase().includes(q) || r.brin.toLowerCase().includes(q)),
  );
}

const bySchool = (a: BoardRow, b: BoardRow) =>
  collator.compare(a.schoolName, b.schoolName) || a.brin.localeCompare(b.brin);
const byProgram = (a: BoardRow, b: BoardRow) =>
  a.grade - b.grade ||
  levelOrder(a.level) - levelOrder(b.level) ||
  collator.compare(a.profile, b.profile);

/** Sorted copy; ties keep schools together and then leerjaar, niveau, profiel. */
export function sortRows(rows: BoardRow[], s: Sort): BoardRow[] {
  const sign = s.dir === 'asc' ? 1 : -1;
  const primary: (a: BoardRow, b: BoardRow) => number = {
    school: bySchool,
    district: (a: BoardRow, b: BoardRow) => collator.compare(a.district, b.district),
    grade: byProgram,
    capacity: (a: BoardRow, b: BoardRow) => a.capacity - b.capacity,
    remaining: (a: BoardRow, b: BoardRow) => a.remaining - b.remaining,
    sought: (a: BoardRow, b: BoardRow) => a.sought - b.sought,
  }[s.key];
  return [...rows].sort(
    (a, b) =>
      sign * primary(a, b) ||
      (s.key === 'grade' ? bySchool(a, b) : bySchool(a, b) || byProgram(a, b)),
  );
}

export interface Shortage {
  grade: number;
  level: string;
  sought: number;
  free: number;
  shortage: number;
}

export interface Summary {
  free: number;
  sought: number;
  schools: number;
  schoolsWithFree: number;
  /** leerjaar × niveau where more places are sought than are free, largest first */
  shortages: Shortage[];
}

export function summarise(rows: BoardRow[]): Summary {
  let free = 0;
  let sought = 0;
  const schools = new Set<string>();
  const withFree = new Set<string>();
  const programs = new Map<string, Shortage>();
  for (const r of rows) {
    free += r.remaining;
    sought += r.sought;
    schools.add(r.schoolId);
    if (r.remaining > 0) withFree.add(r.schoolId);
    const k = `${r.grade}|${r.level}`;
    const p = programs.get(k) ?? {
      grade: r.grade,
      level: r.level,
      sought: 0,
      free: 0,
      shortage: 0,
    };
    p.sought += r.sought;
    p.free += r.remaining;
    programs.set(k, p);
  }
  const shortages = [...programs.values()]
    .map((p) => ({ ...p, shortage: p.sought - p.free }))
    .filter((p) => p.shortage > 0)
    .sort(
      (a, b) =>
        b.shortage - a.shortage || a.grade - b.grade || levelOrder(a.level) - levelOrder(b.level),
    );
  return { free, sought, schools: schools.size, schoolsWithFree: withFree.size, shortages };
}

/** The API's filters for the CSV download (it knows niveau, leerjaar and stadsdeel). */
export function csvQuery(f: BoardFilters): string {
  const q = new URLSearchParams({ part: 'board' });
  if (f.level) q.set('level', f.level);
  if (f.grade) q.set('grade', f.grade);
  if (f.district) q.set('district', f.district);
  return q.toString();
}
