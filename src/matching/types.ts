/**
 * Types of the matching engine's JSON contract (see /work/shared/DOMAIN.md, "Engine contract").
 * Everything here is plain data: the engine takes a MatchInput and returns a MatchOutput.
 */

/** `DA_STB`: deferred acceptance with single tie-breaking; `DA_STB_SIC`: then stable improvement cycles. */
export type Mechanism = 'DA_STB' | 'DA_STB_SIC';

export const MECHANISMS: readonly Mechanism[] = ['DA_STB', 'DA_STB_SIC'];

export const DEFAULT_MECHANISM: Mechanism = 'DA_STB_SIC';

export interface ProgramInput {
  id: string;
  /** Number of seats, a non-negative integer. */
  capacity: number;
}

export interface PupilInput {
  id: string;
  /** Program ids, best first. A pupil is only ever placed at a program they listed. */
  preferences: string[];
  /** Priority class per program id; lower = stronger; absent = no priority (weakest). */
  priorities?: Record<string, number>;
}

export interface MatchInput {
  /** Seed of the lottery; same seed (and input) → same lottery. Not needed when `lottery` is given. */
  seed?: string | number;
  /** Defaults to `DA_STB_SIC`. */
  mechanism?: Mechanism;
  programs: ProgramInput[];
  pupils: PupilInput[];
  /** Replay these lottery ranks (a permutation of 1..N over exactly the pupils) instead of drawing. */
  lottery?: Record<string, number>;
}

/** The weakest (priority, lottery rank) admitted to a program. */
export interface Cutoff {
  /** Priority class of the weakest admitted pupil there; null when that pupil has none there. */
  priority: number | null;
  /** Lottery rank of the weakest admitted pupil; null when no one is admitted. */
  lottery: number | null;
}

export interface MatchStats {
  pupils: number;
  placed: number;
  firstChoice: number;
  /** Pupils who got a better program through stable improvement cycles than under DA_STB. */
  improvedByCycles: number;
  /** Wall-clock time of the run in milliseconds (0 when timing is switched off). */
  ms: number;
}

export interface MatchOutput {
  /** Every pupil, in input order; null when unplaced. */
  assignments: Record<string, string | null>;
  /** Lottery rank per pupil, a permutation of 1..N, 1 = luckiest. */
  lottery: Record<string, number>;
  /** Per program, in input order. */
  cutoffs: Record<string, Cutoff>;
  stats: MatchStats;
}

export interface MatchOptions {
  /**
   * Measure `stats.ms` (default true). With `timing: false`, `stats.ms` is 0 and the whole output is
   * byte-identical for the same input and seed.
   */
  timing?: boolean;
  /**
   * Re-check the result (capacity, listed programs, stability, no wasted seat, no one worse off
   * than under DA_STB, no improvement cycle left) and throw a MatchCheckError on failure.
   * Default true; switch off only for benchmarks of the core.
   */
  check?: boolean;
  /**
   * Solve on a worker thread while the output objects are built. Default: from
   * 500,000 pupils (THREAD_FROM_PUPILS in match.ts). The output is the same either way.
   */
  threads?: boolean;
}

/** Why a pupil did not get a program they ranked above the one they got. */
export type NotAdmittedReason =
  /** The program has no seats at all. */
  | 'NO_SEATS'
  /** Full, and every admitted pupil has a stronger priority class there. */
  | 'PRIORITY'
  /** Full; the weakest admitted pupil has the same priority class and a better lottery rank. */
  | 'LOTTERY'
  /**
   * Full; the pupil's lottery rank beats the cutoff within the same priority class, but the seat went
   * to another pupil of that class through a stable improvement cycle (everyone in it gained).
   */
  | 'IMPROVEMENT_CYCLE'
  /** Should not occur for an output of `match()`: the pair of input and output is inconsistent. */
  | 'INCONSISTENT';

export interface ProgramExplanation {
  program: string;
  /** Position in the pupil's list, 1 = first choice. */
  rank: number;
  capacity: number;
  /** Number of pupils placed there. */
  placed: number;
  full: boolean;
  cutoff: Cutoff;
  /** The pupil's own priority class there (null = none). */
  priority: number | null;
  /** The pupil's own lottery rank. */
  lottery: number;
  reason: NotAdmittedReason;
}

export interface PupilExplanation {
  pupil: string;
  assigned: string | null;
  /** Position of the assigned program in the pupil's list (1 = first choice), null when unplaced. */
  assignedRank: number | null;
  lottery: number;
  /** Every program the pupil ranked above the one they got (all of them when unplaced). */
  higherChoices: ProgramExplanation[];
}

/** Thrown for invalid input; the message names the first bad item. */
export class MatchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatchInputError';
  }
}

/** Thrown when a computed result fails its own re-check (a bug, never a silent result). */
export class MatchCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatchCheckError';
  }
}
