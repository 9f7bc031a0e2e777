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

/** A school on a pupil's list that the round could not apply them to, and why. */
export interface SkippedChoice {
  schoolId: string;
  /** Position in the pupil's own list of schools, 1 = first choice. */
  rank: number;
  /** `declined`: the school declined this pupil before; `no-offer`: no places for their leerjaar × niveau. */
  why: 'declined' | 'no-offer';
}

/**
 * What the engine input leaves out per pupil (schools that declined them, schools without an offer
 * for their leerjaar × niveau), with their place in the pupil's own list: kept with the round so
 * its explanations can name every school the pupil listed. Only pupils with such a school appear.
 * Mirrors buildEngineInput.
 */
export function skippedChoices(
  requests: SnapshotRequest[],
  offers: SnapshotOffer[],
): Record<string, SkippedChoice[]> {
  const keys = new Set(offers.map((o) => `${o.schoolId}|${o.grade}|${o.level}|${o.profile}`));
  const out: Record<string, SkippedChoice[]> = {};
  for (const r of requests) {
    const skipped: SkippedChoice[] = [];
    r.preferences.forEach((schoolId, i) => {
      if (r.excluded.includes(schoolId)) skipped.push({ schoolId, rank: i + 1, why: 'declined' });
      else if (
        !(r.profile && keys.has(`${schoolId}|${r.grade}|${r.level}|${r.profile}`)) &&
        !keys.has(`${schoolId}|${r.grade}|${r.level}|`)
      )
        skipped.push({ schoolId, rank: i + 1, why: 'no-offer' });
    });
    if (skipped.length) out[r.id] = skipped;
  }
  return out;
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
  /** The region's priority rules this round used (absent in reports of older rounds). */
  priorityRules?: PriorityRules;
  /** Pupils taking part for the second (or later) time, and how many of them were placed. */
  returning?: { pupils: number; placed: number };
}

export function buildReport(
  input: MatchInput,
  output: MatchOutput,
  requests: SnapshotRequest[],
  offers: SnapshotOffer[],
  engineMs: number,
  priorityRules?: PriorityRules,
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
    ...(priorityRules ? { priorityRules } : {}),
  };
}
