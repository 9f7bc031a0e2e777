/**
 * Everything match() does on the typed-array market alone: the mechanism, the re-check and the
 * cutoffs. It runs on the caller's thread or, for large rounds, on a worker thread (thread.ts),
 * with the same result either way.
 */
import { checkResult, computeCutoffs, Namer, runCore } from './core';
import type { Market } from './core';
import type { Mechanism } from './types';

export interface Solution {
  /** Program per pupil in input order, -1 when unplaced. */
  assigned: Int32Array;
  placed: number;
  firstChoice: number;
  improvedByCycles: number;
  /** Per program: the weakest placed pupil (internal number) and their class there; -1 if none. */
  worstPupil: Int32Array;
  worstClass: Int32Array;
}

/**
 * Run the mechanism and, unless `check` is false, re-check the result (MatchCheckError).
 * `ranks[p]` is the lottery rank of pupil p in input order (internal pupil ranks[p] - 1).
 */
export function solve(
  m: Market,
  mechanism: Mechanism,
  check: boolean,
  ranks: Int32Array,
  namer?: Namer,
): Solution {
  const result = runCore(m, mechanism);
  if (check) {
    checkResult(m, result.daChoice, { strict: true, namer });
    if (mechanism === 'DA_STB_SIC') {
      checkResult(m, result.choice, { strict: false, daChoice: result.daChoice, namer });
    }
  }
  const choice = result.choice;
  const n = m.nPupils;
  const assigned = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const t = choice[ranks[p] - 1];
    assigned[p] = t < 0 ? -1 : m.prefProgram[t];
  }
  const { placed, firstChoice, worstPupil, worstClass } = computeCutoffs(m, choice);
  return {
    assigned,
    placed,
    firstChoice,
    improvedByCycles: result.improvedByCycles,
    worstPupil,
    worstClass,
  };
}
