/**
 * The least any engine must do on the contract's objects, with no matching at all: read every
 * pupil id, look up every preference and every priority's program (a Map), and write the two
 * id-keyed output objects (`lottery`, `assignments`) with a value per pupil. The bench times it
 * beside match() on the same market, so that a figure of match() can be read against what the
 * machine costs that day for the objects alone.
 */
import type { MatchInput } from '../src/matching';

export function bareConversion(input: MatchInput): {
  lottery: Record<string, number>;
  assignments: Record<string, string | null>;
} {
  const index = new Map<string, number>();
  input.programs.forEach((pr, s) => index.set(pr.id, s));
  const pupils = input.pupils;
  const n = pupils.length;
  const first = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    const pu = pupils[p];
    const prefs = pu.preferences;
    for (let k = 0; k < prefs.length; k++) {
      const s = index.get(prefs[k]);
      if (s === undefined) throw new Error(`unknown program ${prefs[k]}`);
      if (k === 0) first[p] = s;
    }
    if (pu.priorities) {
      const entries = Object.entries(pu.priorities);
      for (let e = 0; e < entries.length; e++) {
        if (!index.has(entries[e][0])) throw new Error(`unknown program ${entries[e][0]}`);
      }
    }
  }
  const lottery: Record<string, number> = {};
  for (let p = 0; p < n; p++) lottery[pupils[p].id] = p + 1;
  const assignments: Record<string, string | null> = {};
  for (let p = 0; p < n; p++) {
    assignments[pupils[p].id] = first[p] < 0 ? null : input.programs[first[p]].id;
  }
  return { lottery, assignments };
}
