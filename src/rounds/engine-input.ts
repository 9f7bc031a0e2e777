import { createHash } from 'node:crypto';
import type { MatchInput, MatchOutput, Mechanism, PupilInput } from '../matching';
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
 * Offers by leerjaar × niveau × profile, then by school (as their index in `offers`): a pupil's
 * leerjaar × niveau (and profile) is looked up once, each of their schools by its id alone (the
 * strings the snapshot gave, so no key is built per preference: a round has millions of them).
 */
class OffersByProgram {
  private readonly byProgram = new Map<string, Map<string, number>>();
  private withProfile: Map<string, number> | undefined;
  private plain: Map<string, number> | undefined;
  private grade: number | undefined;
  private level: string | undefined;
  private profile: string | undefined;

  constructor(offers: SnapshotOffer[]) {
    for (let i = 0; i < offers.length; i++) {
      const o = offers[i];
      const key = `${o.grade}|${o.level}|${o.profile}`;
      let bySchool = this.byProgram.get(key);
      if (!bySchool) this.byProgram.set(key, (bySchool = new Map()));
      bySchool.set(o.schoolId, i);
    }
  }

  /** Looks up this pupil's leerjaar × niveau; no key strings when it is the previous pupil's. */
  select(r: SnapshotRequest): void {
    if (r.grade === this.grade && r.level === this.level && r.profile === this.profile) return;
    this.grade = r.grade;
    this.level = r.level;
    this.profile = r.profile;
    const program = `${r.grade}|${r.level}|`;
    this.withProfile = r.profile ? this.byProgram.get(program + r.profile) : undefined;
    this.plain = this.byProgram.get(program);
  }

  /**
   * The offer the selected pupil applies to at this school: the one for their profile when there
   * is one, else the one without profile; its index, or -1.
   */
  offerAt(schoolId: string): number {
    const i = this.withProfile?.get(schoolId);
    if (i !== undefined) return i;
    return this.plain?.get(schoolId) ?? -1;
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The requests in id order (JS string order `<`): the array itself when it already is (the
 * snapshot reads them so, PostgreSQL's uuid order being that of their lowercase text), else a
 * sorted copy.
 */
function inIdOrder(requests: SnapshotRequest[]): SnapshotRequest[] {
  for (let i = 1; i < requests.length; i++)
    if (!(requests[i - 1].id < requests[i].id)) return [...requests].sort(byId);
  return requests;
}

/**
 * An object of these pairs, in their order. Its keys (offer ids) are nearly unique to it, so it is
 * built in V8's dictionary mode (entered by deleting a property): Object.fromEntries would make a
 * hidden class per key of every such pupil (~60 ms and ~12 MB for 20k pupils with priorities).
 */
function objectOf(pairs: [string, number][]): Record<string, number> {
  const o: Record<string, number> = { a: 0, b: 0 };
  delete o.a;
  delete o.b;
  for (const [k, v] of pairs) {
    // As Object.fromEntries does, an own property also under this name (not the prototype).
    if (k === '__proto__')
      Object.defineProperty(o, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else o[k] = v;
  }
  return o;
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
  // One pass with plain loops: at 200k pupils × 8 schools, closures, a Map of used offers and
  // per-pupil key strings cost more than the rest of it.
  const programs = new OffersByProgram(offers);
  const used = new Uint8Array(offers.length);
  const sameBoard = typeof rules.sameBoard === 'number' ? rules.sameBoard : undefined;
  const sorted = inIdOrder(requests);
  const pupils: PupilInput[] = [];
  for (const r of sorted) {
    const reasonClass = rules.reasons?.[r.reason];
    const byReason = typeof reasonClass === 'number' ? reasonClass : undefined;
    const board = sameBoard !== undefined ? r.sendingBoard : null;
    const excluded = r.excluded.length ? r.excluded : undefined;
    programs.select(r);
    // Of the list's length, cut to what is left (a first push reserves 16 slots): less to collect.
    const preferences = new Array<string>(r.preferences.length);
    let n = 0;
    let priorities: [string, number][] | undefined;
    for (const schoolId of r.preferences) {
      if (excluded?.includes(schoolId)) continue;
      const i = programs.offerAt(schoolId);
      if (i < 0) continue;
      const o = offers[i];
      preferences[n++] = o.id;
      used[i] = 1;
      let best = byReason;
      if (board && board === o.board)
        best = best === undefined ? sameBoard : Math.min(best, sameBoard as number);
      if (best !== undefined) (priorities ??= []).push([o.id, best]);
    }
    if (n < preferences.length) preferences.length = n;
    if (!priorities) pupils.push({ id: r.id, preferences });
    else {
      priorities.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      pupils.push({ id: r.id, preferences, priorities: objectOf(priorities) });
    }
  }
  const programList: MatchInput['programs'] = [];
  for (let i = 0; i < offers.length; i++)
    if (used[i]) programList.push({ capacity: Math.max(0, offers[i].remaining), id: offers[i].id });
  programList.sort(byId);
  // Keys in sorted order at every depth, so canonicalJson(input) is JSON.stringify(input).
  return { mechanism, programs: programList, pupils, seed };
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
  const programs = new OffersByProgram(offers);
  const out: Record<string, SkippedChoice[]> = {};
  for (const r of requests) {
    const excluded = r.excluded.length ? r.excluded : undefined;
    programs.select(r);
    let skipped: SkippedChoice[] | undefined;
    for (let i = 0; i < r.preferences.length; i++) {
      const schoolId = r.preferences[i];
      if (excluded?.includes(schoolId))
        (skipped ??= []).push({ schoolId, rank: i + 1, why: 'declined' });
      else if (programs.offerAt(schoolId) < 0)
        (skipped ??= []).push({ schoolId, rank: i + 1, why: 'no-offer' });
    }
    if (skipped) out[r.id] = skipped;
  }
  return out;
}

/** JSON with sorted keys: the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  // A round's input is ~75 MB at 200k pupils: when its keys already come in sorted order (as
  // buildEngineInput builds them), JSON.stringify writes exactly this, many times faster.
  return inCanonicalOrder(value) ? JSON.stringify(value) : sortedJson(value);
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Whether JSON.stringify writes `value` as sortedJson does: plain objects whose keys come in
 * sorted order, and nothing either of them writes differently (undefined or functions in arrays,
 * functions as values, toJSON).
 */
function inCanonicalOrder(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (const v of value) if (v === undefined || !inCanonicalOrder(v)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const o = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const k in o) {
    if (previous !== undefined && !(previous < k)) return false;
    previous = k;
    if (o[k] !== undefined && !inCanonicalOrder(o[k])) return false;
  }
  return true;
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
