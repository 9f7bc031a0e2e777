/**
 * Deterministic synthetic markets for the engine benchmark: Zipf-like popularity of programs,
 * capacities around N / programs (total ≈ N), and a few priority classes that differ per program.
 */
import type { MatchInput, ProgramInput, PupilInput } from '../src/matching';
import { hashSeed, sfc32 } from '../src/matching/lottery';

export interface MarketSpec {
  pupils: number;
  prefs: number;
  programs: number;
  /** Zipf exponent of program popularity (default 0.9). */
  zipf?: number;
  seed?: string;
}

export function generateMarket(spec: MarketSpec): MatchInput {
  const { pupils: n, prefs: len, programs: np } = spec;
  const alpha = spec.zipf ?? 0.9;
  const rnd32 = sfc32(hashSeed(spec.seed ?? `bench-${n}-${len}-${np}`));
  const rnd = (): number => rnd32() / 4294967296;

  // Popularity: Zipf over a random permutation of the programs.
  const perm = Array.from({ length: np }, (_, i) => i);
  for (let i = np - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const cum = new Float64Array(np);
  let acc = 0;
  for (let r = 0; r < np; r++) {
    acc += 1 / Math.pow(r + 1, alpha);
    cum[r] = acc;
  }
  const pick = (): number => {
    const x = rnd() * acc;
    let lo = 0;
    let hi = np - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return perm[lo];
  };

  // Capacities: N / programs on average, ×[0.5, 1.5), so total ≈ N; a few programs without seats.
  const programs: ProgramInput[] = [];
  const avg = n / np;
  for (let s = 0; s < np; s++) {
    const capacity = rnd() < 0.01 ? 0 : Math.max(1, Math.round(avg * (0.5 + rnd())));
    programs.push({ id: `P${s}`, capacity });
  }

  const pupils: PupilInput[] = [];
  const chosen = new Int32Array(np).fill(-1);
  const listLen = Math.min(len, np);
  for (let p = 0; p < n; p++) {
    const preferences: string[] = [];
    let priorities: Record<string, number> | undefined;
    let guard = 0;
    while (preferences.length < listLen && guard++ < 50 * listLen) {
      const s = pick();
      if (chosen[s] === p) continue;
      chosen[s] = p;
      // Fresh string objects, as from a database driver (JSON.parse interns values of up to 10
      // characters: the bench's json path covers that).
      preferences.push(`P${s}`);
      const u = rnd();
      if (u < 0.15) {
        priorities ??= {};
        priorities[`P${s}`] = u < 0.03 ? 1 : u < 0.08 ? 2 : 3;
      }
    }
    const pupil: PupilInput = { id: `L${p}`, preferences };
    if (priorities) pupil.priorities = priorities;
    pupils.push(pupil);
  }
  return { seed: `bench-${n}`, mechanism: 'DA_STB_SIC', programs, pupils };
}
