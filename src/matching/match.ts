/**
 * The engine's entry points on the contract's objects: match(), validateInput(), explain().
 */
import { compileInput, hasOwn, lotteryObject, put } from './compile';
import { Namer } from './core';
import { solve } from './solve';
import { SolverThread } from './thread';
import {
  Cutoff,
  DEFAULT_MECHANISM,
  MatchInput,
  MatchInputError,
  MatchOptions,
  MatchOutput,
  NotAdmittedReason,
  ProgramExplanation,
  PupilExplanation,
} from './types';

/**
 * Validate an input. Throws MatchInputError whose message names the first bad item: unknown program
 * in preferences, duplicate ids, a program twice in one list, a bad capacity, a lottery that is not
 * a permutation of 1..N over exactly the pupils, an unknown mechanism, …
 */
export function validateInput(input: unknown): asserts input is MatchInput {
  compileInput(input);
}

/**
 * From this many pupils match() solves on a worker thread while it builds the output objects (see
 * thread.ts). Measured: at 1M × 12 that saves ~0.35 s; at 200k–500k the thread's start (a new
 * isolate, its JIT cold) eats the gain, so real rounds (8k–200k) stay on the caller's thread.
 */
const THREAD_FROM_PUPILS = 500_000;

/**
 * Run a matching round: validate, draw (or replay) the lottery, run the mechanism, re-check the
 * result (unless `check: false`) and return the contract's output.
 *
 * Deterministic: the same input and seed give byte-identical JSON, except `stats.ms`
 * (pass `{ timing: false }` to make that 0 too). Synchronous, also when it solves on a worker
 * thread (large rounds, see THREAD_FROM_PUPILS).
 */
export function match(input: MatchInput, options: MatchOptions = {}): MatchOutput {
  const timing = options.timing !== false;
  const started = timing ? performance.now() : 0;
  const threads =
    options.threads ?? (Array.isArray(input?.pupils) && input.pupils.length >= THREAD_FROM_PUPILS);
  // Started first: the thread loads the engine while the input compiles.
  const thread = threads ? SolverThread.start() : undefined;
  let compiled;
  try {
    compiled = compileInput(input, { shared: thread !== undefined });
  } catch (e) {
    thread?.stop();
    throw e;
  }
  const { market: m, mechanism, programIds, pupilIds, classValues, ranks } = compiled;
  const check = options.check !== false;
  thread?.submit(m, mechanism, check, ranks);

  const lottery = lotteryObject(pupilIds, ranks);
  const namer: Namer = {
    // Only used for a failed check: a linear search is fine.
    pupil: (i) => `pupil ${JSON.stringify(pupilIds[ranks.indexOf(i + 1)])}`,
    program: (s) => `program ${JSON.stringify(programIds[s])}`,
  };
  const solution = thread?.result() ?? solve(m, mechanism, check, ranks, namer);

  const n = m.nPupils;
  const { assigned, placed, firstChoice } = solution;
  const assignments: Record<string, string | null> = {};
  for (let p = 0; p < n; p++) {
    const s = assigned[p];
    put(assignments, pupilIds[p], s < 0 ? null : programIds[s]);
  }

  const { worstPupil, worstClass } = solution;
  const cutoffs: Record<string, Cutoff> = {};
  for (let s = 0; s < m.nPrograms; s++) {
    const w = worstPupil[s];
    const cutoff: Cutoff =
      w < 0
        ? { priority: null, lottery: null }
        : {
            priority: worstClass[s] === m.noPriorityClass ? null : classValues[worstClass[s]],
            lottery: w + 1,
          };
    put(cutoffs, programIds[s], cutoff);
  }

  const ms = timing ? Math.round((performance.now() - started) * 100) / 100 : 0;
  return {
    assignments,
    lottery,
    cutoffs,
    stats: { pupils: n, placed, firstChoice, improvedByCycles: solution.improvedByCycles, ms },
  };
}

/**
 * Build an explainer for one round: for a pupil, every program they ranked above the one they got
 * (all of them when unplaced), whether it is full, its cutoff, and the pupil's own priority and
 * lottery rank there, with the reason they were not admitted. O(N) once, then O(list) per pupil.
 */
export function createExplainer(
  input: MatchInput,
  output: MatchOutput,
): (pupilId: string) => PupilExplanation {
  const capacity = new Map<string, number>();
  for (const pr of input.programs) capacity.set(pr.id, pr.capacity);
  const placedAt = new Map<string, number>();
  for (const id of Object.keys(output.assignments)) {
    const a = output.assignments[id];
    if (a !== null) placedAt.set(a, (placedAt.get(a) ?? 0) + 1);
  }
  const pupilById = new Map(input.pupils.map((p) => [p.id, p]));
  const sic = (input.mechanism ?? DEFAULT_MECHANISM) === 'DA_STB_SIC';

  return (pupilId: string): PupilExplanation => {
    const pupil = pupilById.get(pupilId);
    if (!pupil || !hasOwn(output.assignments, pupilId) || !hasOwn(output.lottery, pupilId)) {
      throw new MatchInputError(`unknown pupil ${JSON.stringify(pupilId)}`);
    }
    const assigned = output.assignments[pupilId];
    const lottery = output.lottery[pupilId];
    const pos = assigned === null ? -1 : pupil.preferences.indexOf(assigned);
    const above = pos < 0 ? pupil.preferences : pupil.preferences.slice(0, pos);
    const higherChoices = above.map((program, k): ProgramExplanation => {
      const cap = capacity.get(program) ?? 0;
      const placed = placedAt.get(program) ?? 0;
      const cutoff = hasOwn(output.cutoffs, program)
        ? output.cutoffs[program]
        : { priority: null, lottery: null };
      const priority =
        pupil.priorities && hasOwn(pupil.priorities, program) ? pupil.priorities[program] : null;
      const full = placed >= cap;
      let reason: NotAdmittedReason;
      if (cap === 0) reason = 'NO_SEATS';
      else if (!full || cutoff.lottery === null) reason = 'INCONSISTENT';
      else {
        const own = priority ?? Infinity;
        const cut = cutoff.priority ?? Infinity;
        if (own > cut) reason = 'PRIORITY';
        else if (own < cut) reason = 'INCONSISTENT';
        else if (lottery > cutoff.lottery) reason = 'LOTTERY';
        else reason = sic ? 'IMPROVEMENT_CYCLE' : 'INCONSISTENT';
      }
      return {
        program,
        rank: k + 1,
        capacity: cap,
        placed,
        full,
        cutoff,
        priority,
        lottery,
        reason,
      };
    });
    return {
      pupil: pupilId,
      assigned,
      assignedRank: pos < 0 ? null : pos + 1,
      lottery,
      higherChoices,
    };
  };
}

/** Explain one pupil's outcome (see createExplainer; use that for many pupils). */
export function explain(input: MatchInput, output: MatchOutput, pupilId: string): PupilExplanation {
  return createExplainer(input, output)(pupilId);
}
