/**
 * Validation of a MatchInput and its conversion to the dense typed-array Market, in one pass.
 * Every error is a MatchInputError whose message names the first bad item.
 */
import { Market } from './core';
import { drawLottery } from './lottery';
import { DEFAULT_MECHANISM, MECHANISMS, MatchInputError, Mechanism } from './types';

export interface CompiledInput {
  /** Pupils are numbered in lottery order inside the market: internal pupil i has rank i + 1. */
  market: Market;
  /** Lottery rank per pupil in input order. */
  ranks: Int32Array;
  /** Input position of internal pupil i. */
  pupilOrder: Int32Array;
  mechanism: Mechanism;
  programIds: string[];
  pupilIds: string[];
  /**
   * Pupil id → input position, as an object whose keys are in input order (the output's `lottery`
   * object is made from it by overwriting the values).
   */
  pupilIndex: Record<string, number>;
  /** Original priority value of each dense class (index noPriorityClass is absent). */
  classValues: number[];
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Set an own property even when the key is "__proto__". */
export function defineOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function fail(message: string): never {
  throw new MatchInputError(message);
}

/** A short printable form of a bad value for an error message. */
const show = (v: unknown): string => {
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    s = undefined; // BigInt, cycles
  }
  if (s === undefined) s = typeof v === 'symbol' ? v.toString() : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** Validate and convert. Throws MatchInputError naming the first bad item. */
export function compileInput(input: unknown): CompiledInput {
  if (!isPlainObject(input)) fail('input: expected a JSON object');

  let mechanism: Mechanism = DEFAULT_MECHANISM;
  if (input.mechanism !== undefined) {
    if (!MECHANISMS.includes(input.mechanism as Mechanism)) {
      fail(`mechanism: unknown mechanism ${show(input.mechanism)} (expected DA_STB or DA_STB_SIC)`);
    }
    mechanism = input.mechanism as Mechanism;
  }
  const seed = input.seed;
  if (seed !== undefined) {
    if (typeof seed === 'number') {
      if (!Number.isFinite(seed)) fail(`seed: ${show(seed)} is not a finite number`);
    } else if (typeof seed !== 'string') {
      fail(`seed: expected a string or a number, got ${show(seed)}`);
    }
  }

  // Programs.
  const programs = input.programs;
  if (!Array.isArray(programs)) fail('programs: expected an array');
  const np = programs.length;
  const programIndex = new Map<string, number>();
  const programIds: string[] = new Array(np);
  const capacity = new Int32Array(np);
  for (let s = 0; s < np; s++) {
    const pr: unknown = programs[s];
    if (!isPlainObject(pr)) fail(`programs[${s}]: expected an object`);
    const id = pr.id;
    if (typeof id !== 'string' || id === '') fail(`programs[${s}].id: expected a non-empty string`);
    if (programIndex.has(id)) fail(`programs[${s}]: duplicate program id ${show(id)}`);
    const cap = pr.capacity;
    if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 0 || cap > 0x7fffffff) {
      fail(
        `programs[${s}] (${show(id)}): capacity must be a non-negative integer, got ${show(cap)}`,
      );
    }
    programIndex.set(id, s);
    programIds[s] = id;
    capacity[s] = cap;
  }

  // Pupils. Their index is kept in a plain object, id → input position: it becomes the output's
  // `lottery` object later (values overwritten with ranks), so every id is hashed into an object
  // once. A later duplicate overwrites the earlier position, which a second pass detects.
  const pupils = input.pupils;
  if (!Array.isArray(pupils)) fail('pupils: expected an array');
  const n = pupils.length;
  const pupilIndex: Record<string, number> = {};
  const pupilIds: string[] = new Array(n);
  const inStart = new Int32Array(n + 1); // list offsets in input order
  let total = 0;
  for (let p = 0; p < n; p++) {
    const pu: unknown = pupils[p];
    if (!isPlainObject(pu)) fail(`pupils[${p}]: expected an object`);
    const id = pu.id;
    if (typeof id !== 'string' || id === '') fail(`pupils[${p}].id: expected a non-empty string`);
    if (id === '__proto__') defineOwn(pupilIndex, id, p);
    else pupilIndex[id] = p;
    pupilIds[p] = id;
    const prefs = pu.preferences;
    if (!Array.isArray(prefs)) fail(`pupils[${p}] (${show(id)}).preferences: expected an array`);
    total += prefs.length;
    inStart[p + 1] = total;
  }
  for (let p = 0; p < n; p++) {
    if (pupilIndex[pupilIds[p]] !== p) {
      // Some id occurs twice: name its first repetition.
      const seen = new Set<string>();
      for (let q = 0; q < n; q++) {
        if (seen.has(pupilIds[q])) fail(`pupils[${q}]: duplicate pupil id ${show(pupilIds[q])}`);
        seen.add(pupilIds[q]);
      }
    }
  }
  if (total > 0x7fffffff) fail('pupils: too many preferences in total');

  // Lottery: replayed or drawn.
  let lottery: Int32Array;
  const given = input.lottery;
  if (given !== undefined) {
    if (!isPlainObject(given)) fail('lottery: expected an object of pupil id → rank');
    lottery = new Int32Array(n);
    const rankUsed = new Uint8Array(n + 1);
    for (let p = 0; p < n; p++) {
      const id = pupilIds[p];
      if (!hasOwn(given, id)) fail(`lottery: no rank for pupil ${show(id)}`);
      const r = given[id];
      if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > n) {
        fail(`lottery[${show(id)}]: rank must be an integer in 1..${n}, got ${show(r)}`);
      }
      if (rankUsed[r]) fail(`lottery[${show(id)}]: rank ${r} is used twice`);
      rankUsed[r] = 1;
      lottery[p] = r;
    }
    // Every pupil has a distinct rank in 1..n; any further key is not a pupil.
    if (Object.keys(given).length > n) {
      for (const key of Object.keys(given)) {
        if (!hasOwn(pupilIndex, key)) fail(`lottery: ${show(key)} is not a pupil`);
      }
    }
  } else {
    if (seed === undefined) fail('seed: required when no lottery is given');
    lottery = drawLottery(seed as string | number, n);
  }

  // Internal numbering: pupils in lottery order (internal i = rank - 1), so that deferred
  // acceptance reads the lists sequentially, in the order in which pupils mostly get their seats.
  const pupilOrder = new Int32Array(n);
  for (let p = 0; p < n; p++) pupilOrder[lottery[p] - 1] = p;
  const prefStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = pupilOrder[i];
    prefStart[i + 1] = prefStart[i] + (inStart[p + 1] - inStart[p]);
  }
  const internalLottery = new Int32Array(n);
  for (let i = 0; i < n; i++) internalLottery[i] = i + 1;

  const prefProgram = new Int32Array(total);
  const prefClass = new Int32Array(total);
  // Priority values → temporary ids in order of first appearance; -1 = none.
  const tmpOf = new Map<number, number>();
  const tmpValues: number[] = [];
  const seenBy = new Int32Array(np).fill(-1);
  for (let p = 0; p < n; p++) {
    const pu = pupils[p] as Record<string, unknown>;
    const prefs = pu.preferences as unknown[];
    const base = prefStart[lottery[p] - 1];
    const len = prefs.length;
    for (let k = 0; k < len; k++) {
      const pid = prefs[k];
      const s = typeof pid === 'string' ? programIndex.get(pid) : undefined;
      if (s === undefined) {
        fail(`pupils[${p}] (${show(pupilIds[p])}).preferences[${k}]: unknown program ${show(pid)}`);
      }
      if (seenBy[s] === p) {
        fail(
          `pupils[${p}] (${show(pupilIds[p])}).preferences[${k}]: program ${show(pid)} is listed twice`,
        );
      }
      seenBy[s] = p;
      prefProgram[base + k] = s;
    }
  }
  // Priorities: a second pass, only over the pupils that have them.
  prefClass.fill(-1);
  for (let p = 0; p < n; p++) {
    const prio = (pupils[p] as Record<string, unknown>).priorities;
    if (prio === undefined || prio === null) continue;
    const base = prefStart[lottery[p] - 1];
    const len = inStart[p + 1] - inStart[p];
    if (!isPlainObject(prio)) {
      fail(`pupils[${p}] (${show(pupilIds[p])}).priorities: expected an object`);
    }
    const entries = Object.entries(prio);
    for (let e = 0; e < entries.length; e++) {
      const key = entries[e][0];
      const v = entries[e][1];
      const s = programIndex.get(key);
      if (s === undefined) {
        fail(`pupils[${p}] (${show(pupilIds[p])}).priorities: unknown program ${show(key)}`);
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        fail(
          `pupils[${p}] (${show(pupilIds[p])}).priorities[${show(key)}]: expected a number, got ${show(v)}`,
        );
      }
      // A priority at a program the pupil did not list is irrelevant.
      let k = 0;
      while (k < len && prefProgram[base + k] !== s) k++;
      if (k === len) continue;
      let tmp = tmpOf.get(v);
      if (tmp === undefined) {
        tmp = tmpValues.length;
        tmpOf.set(v, tmp);
        tmpValues.push(v);
      }
      prefClass[base + k] = tmp;
    }
  }
  // Dense classes in ascending order of value; none = the count of distinct values.
  const order = tmpValues.map((_, i) => i).sort((a, b) => tmpValues[a] - tmpValues[b]);
  const remap = new Int32Array(order.length);
  const classValues: number[] = new Array(order.length);
  order.forEach((tmp, rank) => {
    remap[tmp] = rank;
    classValues[rank] = tmpValues[tmp];
  });
  const noPriorityClass = order.length;
  for (let t = 0; t < total; t++) {
    const c = prefClass[t];
    prefClass[t] = c < 0 ? noPriorityClass : remap[c];
  }

  return {
    market: {
      nPupils: n,
      nPrograms: np,
      capacity,
      prefStart,
      prefProgram,
      prefClass,
      noPriorityClass,
      lottery: internalLottery,
    },
    ranks: lottery,
    pupilOrder,
    mechanism,
    programIds,
    pupilIds,
    pupilIndex,
    classValues,
  };
}
