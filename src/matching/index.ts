/**
 * Matching engine: deferred acceptance with a single seeded lottery (DA_STB) and stable improvement
 * cycles (DA_STB_SIC). Pure TypeScript, no I/O (large rounds solve on a worker thread); see
 * README.md in this folder.
 */
export { match, validateInput, explain, createExplainer } from './match';
export { runCore, deferredAcceptance, stableImprovementCycles, checkResult } from './core';
export type { Market, CoreResult } from './core';
export { compileInput } from './compile';
export type { CompiledInput } from './compile';
export { drawLottery } from './lottery';
export { MatchInputError, MatchCheckError, MECHANISMS, DEFAULT_MECHANISM } from './types';
export type {
  Mechanism,
  MatchInput,
  MatchOutput,
  MatchOptions,
  MatchStats,
  ProgramInput,
  PupilInput,
  Cutoff,
  PupilExplanation,
  ProgramExplanation,
  NotAdmittedReason,
} from './types';
