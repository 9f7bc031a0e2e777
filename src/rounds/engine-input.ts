import { createHash } from 'node:crypto';
import type { MatchInput, MatchOutput, Mechanism } from '../matching';
import type { PriorityRules } from '../regions/region.entity';

/** What a round reads from the database, already scoped to one season. */
export interface SnapshotRequest {
  id: string;
  reason: 'verhuizing' | 'afstroom' | 'opstroom' | 'anders';
  sendingBoard: string | null;
  grade: number;
  level: string;
  profile: string;
  /** School ids, best first. */
  preferences: string[];
  /** Schools that declined this pupil before. */
  excluded: string[];
}

export interface SnapshotOffer {
  id: string;
  schoolId: string;
  board: string;
  grade: number;
  level: string;
  profile: string;
  remaining: number;
}

/**
 * Turns requests and offers into the engine's contract. A pupil applies, per preferred school in
 * order, to that school's offer for their requested leerjaar × niveau: the one for their profile
 * when there is one, else the one without profile. Declined schools are left out.
 */
export function buildEngineInput(
  requests: SnapshotRequest[],
  offers: SnapshotOffer[],
  rules: PriorityRules,
  seed: string,
  mechanism: Mechanism,
): MatchInput {
  const byKey = new Map<string, SnapshotOffer>();
  for (const o of offers) byKey.set(`${o.schoolId}|${o.grade}|${o.level}|${o.profile}`, o);
  const used = new Map<string, SnapshotOffer>();
  const pupils = [...requests]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => {
      const preferences: string[] = [];
      const priorities: Record<string, number> = {};
      for (const schoolId of r.preferences) {
        if (r.excluded.includes(schoolId)) continue;
        const o =
          (r.profile && byKey.get(`${schoolId}|${r.grade}|${r.level}|${r.profile}`)) ||
          byKey.get(`${schoolId}|${r.grade}|${r.level}|`);
        if (!o) continue;
        preferences.push(o.id);
        used.set(o.id, o);
        const classes = [
          rules.reasons?.[r.reason],
          r.sendingBoard && r.sendingBoard === o.board ? rules.sameBoard : undefined,
        ].filter((c): c is number => typeof c === 'number');
        if (classes.length) priorities[o.id] = Math.min(...classes);
      }
      return Object.keys(priorities).length
        ? { id: r.id, preferences, priorities }
        : { id: r.id, preferences };
    });
  const programs = [...used.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((o) => ({ id: o.id, capacity: Math.max(0, o.remaining) }));
  return { seed, mechanism, programs, pupils };
}

/** JSON with sorted keys: the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface RoundReport {
  pupils: number;
  placed: number;
  firstChoiceShare: number;
  improvedByCycles: number;
  unplacedByGradeLevel: { grade: number; level: string; unplaced: number }[];
  cutoffs: {
    offerId: string;
    schoolId: string;
    grade: number;
    level: string;
    capacity: number;
    priority: number | null;
    lottery: number | null;
  }[];
  engineMs: number;
}

export function buildReport(
  input: MatchInput,
  output: MatchOutput,
  requests: SnapshotRequest[],
  offers: SnapshotOffer[],
  engineMs: number,
): RoundReport {
  const unplaced = new Map<string, { grade: number; level: string; unplaced: number }>();
  for (const r of requests) {
    if (output.assignments[r.id]) continue;
    const key = `${r.grade}|${r.level}`;
    const row = unplaced.get(key) ?? { grade: r.grade, level: r.level, unplaced: 0 };
    row.unplaced++;
    unplaced.set(key, row);
  }
  const offerById = new Map(offers.map((o) => [o.id, o]));
  const { pupils, placed, firstChoice, improvedByCycles } = output.stats;
  return {
    pupils,
    placed,
    firstChoiceShare: pupils ? Math.round((firstChoice / pupils) * 10000) / 10000 : 0,
    improvedByCycles,
    unplacedByGradeLevel: [...unplaced.values()].sort(
      (a, b) => a.grade - b.grade || a.level.localeCompare(b.level),
    ),
    cutoffs: input.programs.map((p) => {
      const o = offerById.get(p.id) as SnapshotOffer;
      return {
        offerId: p.id,
        schoolId: o.schoolId,
        grade: o.grade,
        level: o.level,
        capacity: p.capacity,
        ...output.cutoffs[p.id],
      };
    }),
    engineMs,
  };
}
