/**
 * Validation of a MatchInput and its conversion to the dense typed-array Market, in one pass.
 * Every error is a MatchInputError whose message names the first bad item.
 */
import { ClassArray, Market, ProgramArray } from './core';
import { firstRepeat, hashId, IdIndex } from './id-index';
import { drawLottery } from './lottery';
import { DEFAULT_MECHANISM, MECHANISMS, MatchInputError, Mechanism } from './types';

export interface CompiledInput {
  /** Pupils are numbered in lottery order inside the market: internal pupil i has rank i + 1. */
  market: Market;
  /** Lottery rank per pupil in input order (internal pupil ranks[p] - 1). */
  ranks: Int32Array;
  mechanism: Mechanism;
  programIds: string[];
  pupilIds: string[];
  /** Original priority value of each dense class (index noPriorityClass is absent). */
  classValues: number[];
}

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Set an own property, also when the key is "__proto__" (a plain assignment would set the prototype). */
export function put<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else obj[key] = value;
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

export interface CompileOptions {
  /** Put the market's arrays on SharedArrayBuffers, for solving on a worker thread. */
  shared?: boolean;
}

/** Validate and convert. Throws MatchInputError naming the first bad item. */
export function compileInput(input: unknown, options: CompileOptions = {}): CompiledInput {
  // The arrays a worker thread reads (see thread.ts); the rest stay on ordinary buffers.
  const bytes = (size: number): ArrayBuffer | SharedArrayBuffer =>
    options.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
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
  const programSeen = new Set<string>();
  const programIds: string[] = new Array(np);
  const capacity = new Int32Array(bytes(4 * np));
  for (let s = 0; s < np; s++) {
    const pr: unknown = programs[s];
    if (!isPlainObject(pr)) fail(`programs[${s}]: expected an object`);
    const id = pr.id;
    if (typeof id !== 'string' || id === '') fail(`programs[${s}].id: expected a non-empty string`);
    if (programSeen.has(id)) fail(`programs[${s}]: duplicate program id ${show(id)}`);
    const cap = pr.capacity;
    if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 0 || cap > 0x7fffffff) {
      fail(
        `programs[${s}] (${show(id)}): capacity must be a non-negative integer, got ${show(cap)}`,
      );
    }
    programSeen.add(id);
    programIds[s] = id;
    capacity[s] = cap;
  }

  const programIndex = new IdIndex(programIds);
  const pupils = input.pupils;
  if (!Array.isArray(pupils)) fail('pupils: expected an array');
  const n = pupils.length;

  // A drawn lottery comes first: a pupil's rank says where their list goes (internal pupil i has
  // rank i + 1, so deferred acceptance reads the lists in the order pupils mostly get seats).
  const given = input.lottery;
  let lottery: Int32Array | undefined;
  if (given === undefined) {
    if (seed === undefined) fail('seed: required when no lottery is given');
    lottery = drawLottery(seed as string | number, n);
  }

  const pupilIds: string[] = new Array(n);
  const idHash = new Int32Array(n);
  // List lengths at their rank (in input order while a replayed lottery is not yet read), made
  // into list offsets below.
  const prefStart = new Int32Array(bytes(4 * (n + 1)));
  let total = 0;
  for (let p = 0; p < n; p++) {
    const pu: unknown = pupils[p];
    if (!isPlainObject(pu)) fail(`pupils[${p}]: expected an object`);
    const id = pu.id;
    if (typeof id !== 'string' || id === '') fail(`pupils[${p}].id: expected a non-empty string`);
    pupilIds[p] = id;
    idHash[p] = hashId(id);
    const prefs = pu.preferences;
    if (!Array.isArray(prefs)) fail(`pupils[${p}] (${show(id)}).preferences: expected an array`);
    total += prefs.length;
    prefStart[lottery === undefined ? p + 1 : lottery[p]] = prefs.length;
  }
  const repeat = firstRepeat(pupilIds, idHash);
  if (repeat >= 0) fail(`pupils[${repeat}]: duplicate pupil id ${show(pupilIds[repeat])}`);
  if (total > 0x7fffffff) fail('pupils: too many preferences in total');

  if (given !== undefined) {
    lottery = readLottery(given, pupilIds);
    const lengths = prefStart.slice();
    for (let p = 0; p < n; p++) prefStart[lottery[p]] = lengths[p + 1];
  }
  const ranks: Int32Array = lottery!;
  for (let i = 0; i < n; i++) prefStart[i + 1] += prefStart[i];

  const prefProgram: ProgramArray =
    np <= 0x10000 ? new Uint16Array(bytes(2 * total)) : new Int32Array(bytes(4 * total));
  // Temporary class ids + 1 (0 = none), 8 bits until a 256th distinct priority value turns up.
  let prefClass: ClassArray = new Uint8Array(bytes(total));
  const classes = new TemporaryClasses(0xff);
  fillPreferences(
    pupils,
    pupilIds,
    ranks,
    prefStart,
    programIndex,
    prefProgram,
    prefClass,
    classes,
  );
  if (classes.overflow) {
    prefClass = new Int32Array(bytes(4 * total));
    classes.limit = 0x7fffffff;
    for (let p = 0; p < n; p++) {
      const prio = (pupils[p] as Record<string, unknown>).priorities;
      if (prio === undefined || prio === null) continue;
      const i = ranks[p] - 1;
      const base = prefStart[i];
      const len = prefStart[i + 1] - base;
      fillPriorities(p, prio, pupilIds, base, len, programIndex, prefProgram, prefClass, classes);
    }
  }
  const tmpValues = classes.values;
  // Dense classes in ascending order of value; none = the count of distinct values.
  const order = tmpValues.map((_, i) => i).sort((a, b) => tmpValues[a] - tmpValues[b]);
  const noPriorityClass = order.length;
  const remap = new Int32Array(order.length + 1);
  remap[0] = noPriorityClass;
  const classValues: number[] = new Array(order.length);
  order.forEach((tmp, rank) => {
    remap[tmp + 1] = rank;
    classValues[rank] = tmpValues[tmp];
  });
  for (let t = 0; t < total; t++) prefClass[t] = remap[prefClass[t]];

  return {
    market: {
      nPupils: n,
      nPrograms: np,
      capacity,
      prefStart,
      prefProgram,
      prefClass,
      noPriorityClass,
    },
    ranks,
    mechanism,
    programIds,
    pupilIds,
    classValues,
  };
}

/** The output's `lottery`: pupil id → rank, keys in input order. */
export function lotteryObject(pupilIds: string[], ranks: Int32Array): Record<string, number> {
  const lottery: Record<string, number> = {};
  for (let p = 0; p < pupilIds.length; p++) put(lottery, pupilIds[p], ranks[p]);
  return lottery;
}

/** A replayed lottery: a permutation of 1..n over exactly the pupils. Rank per pupil, input order. */
function readLottery(given: unknown, pupilIds: string[]): Int32Array {
  if (!isPlainObject(given)) fail('lottery: expected an object of pupil id → rank');
  const n = pupilIds.length;
  const lottery = new Int32Array(n);
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
    const pupils = new Set(pupilIds);
    for (const key of Object.keys(given)) {
      if (!pupils.has(key)) fail(`lottery: ${show(key)} is not a pupil`);
    }
  }
  return lottery;
}

/**
 * One pass over the pupils: each preference list into its place in lottery order, and the pupil's
 * priorities into prefClass as temporary class id + 1 (ids in order of first appearance; 0 = none).
 * Kept apart from compileInput so that V8 optimises this hot loop on its own.
 */
function fillPreferences(
  pupils: unknown[],
  pupilIds: string[],
  lottery: Int32Array,
  prefStart: Int32Array,
  programIndex: IdIndex,
  prefProgram: ProgramArray,
  prefClass: ClassArray,
  classes: TemporaryClasses,
): void {
  const n = pupils.length;
  const seenBy = new Int32Array(programIndex.size).fill(-1);
  for (let p = 0; p < n; p++) {
    const pu = pupils[p] as Record<string, unknown>;
    const prefs = pu.preferences as unknown[];
    const base = prefStart[lottery[p] - 1];
    const len = prefs.length;
    for (let k = 0; k < len; k++) {
      const pid = prefs[k];
      const s = typeof pid === 'string' ? programIndex.get(pid) : -1;
      if (s < 0) {
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
    const prio = pu.priorities;
    if (prio !== undefined && prio !== null) {
      fillPriorities(p, prio, pupilIds, base, len, programIndex, prefProgram, prefClass, classes);
    }
  }
}

/** One pupil's priorities (see fillPreferences). */
function fillPriorities(
  p: number,
  prio: unknown,
  pupilIds: string[],
  base: number,
  len: number,
  programIndex: IdIndex,
  prefProgram: ProgramArray,
  prefClass: ClassArray,
  classes: TemporaryClasses,
): void {
  if (!isPlainObject(prio)) {
    fail(`pupils[${p}] (${show(pupilIds[p])}).priorities: expected an object`);
  }
  // Object.entries reads the properties straight off the object; for-in would first build an
  // enumeration cache for each object's own hidden class (nearly every pupil's is unique).
  const entries = Object.entries(prio);
  for (let e = 0; e < entries.length; e++) {
    const key = entries[e][0];
    const v = entries[e][1];
    const s = programIndex.get(key);
    if (s < 0) {
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
    const id = classes.idOf(v);
    if (id >= 0) prefClass[base + k] = id + 1;
  }
}

/** Priority values → temporary ids in order of first appearance. */
class TemporaryClasses {
  readonly values: number[] = [];
  /** Set when a value needed an id of `limit` or more (the class array is too narrow). */
  overflow = false;
  private readonly index = new Map<number, number>();

  /** @param limit ids must stay below this (the class array stores id + 1) */
  constructor(public limit: number) {}

  /** The value's id, or -1 when it would not fit (overflow is then set). */
  idOf(v: number): number {
    // Usually a handful of classes: a linear search beats hashing a double.
    const values = this.values;
    const few = values.length < 8 ? values.length : 8;
    for (let i = 0; i < few; i++) if (values[i] === v) return i;
    let id = this.index.get(v);
    if (id === undefined) {
      id = values.length;
      values.push(v);
      this.index.set(v, id);
    }
    if (id >= this.limit) {
      this.overflow = true;
      return -1;
    }
    return id;
  }
}
