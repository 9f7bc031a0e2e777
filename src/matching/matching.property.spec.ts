/**
 * Property-based tests of the matching engine over random markets with skewed popularity and
 * mixed priority classes, against simple reference implementations written here.
 */
import fc from 'fast-check';
import { checkResult, compileInput, match, MatchInput, MatchOutput, runCore } from './index';

// ---------------------------------------------------------------------------------------------
// Random markets

interface MarketShape {
  minPupils?: number;
  minPrefs?: number;
  minCapacity?: number;
  maxPupils: number;
  maxPrograms: number;
  maxCapacity: number;
  /** Whether priorities are used at all. */
  priorities: boolean;
}

const marketArb = (shape: MarketShape): fc.Arbitrary<MatchInput> =>
  fc
    .tuple(
      fc.integer({ min: 1, max: shape.maxPrograms }),
      fc.integer({ min: 0, max: shape.maxPupils }),
    )
    .chain(([np, n]) =>
      fc.record({
        capacities: fc.array(fc.integer({ min: shape.minCapacity ?? 0, max: shape.maxCapacity }), {
          minLength: np,
          maxLength: np,
        }),
        pupils: fc.array(
          // (popularity draw, priority draw) per listed program; duplicates are dropped.
          fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9 })), {
            minLength: Math.min(shape.minPrefs ?? 0, np + 1),
            maxLength: np + 1,
          }),
          { minLength: n, maxLength: n },
        ),
        seed: fc.oneof(fc.string(), fc.integer()),
        sic: fc.boolean(),
      }),
    )
    .map(({ capacities, pupils, seed, sic }) => {
      const np = capacities.length;
      const programs = capacities.map((capacity, s) => ({ id: `P${s}`, capacity }));
      return {
        seed,
        mechanism: sic ? 'DA_STB_SIC' : 'DA_STB',
        programs,
        pupils: pupils.map((draws, p) => {
          const preferences: string[] = [];
          const priorities: Record<string, number> = {};
          for (const [u, v] of draws) {
            // Skewed popularity: low program numbers are drawn far more often.
            const s = Math.min(np - 1, Math.floor(np * (u / 1000) ** 1.5));
            const id = `P${s}`;
            if (preferences.includes(id)) continue;
            preferences.push(id);
            if (shape.priorities && v >= 6) priorities[id] = 1 + (v % 2);
          }
          return Object.keys(priorities).length > 0
            ? { id: `L${p}`, preferences, priorities }
            : { id: `L${p}`, preferences };
        }),
      } as MatchInput;
    });

const small = marketArb({ maxPupils: 30, maxPrograms: 7, maxCapacity: 3, priorities: true });
const noPrio = marketArb({ maxPupils: 30, maxPrograms: 7, maxCapacity: 4, priorities: false });
/** Crowded markets with long lists, where single tie-breaking often leaves improvement cycles. */
const crowded = marketArb({
  minPupils: 8,
  maxPupils: 30,
  maxPrograms: 6,
  minPrefs: 3,
  minCapacity: 1,
  maxCapacity: 3,
  priorities: true,
});
const tiny = marketArb({
  minPupils: 3,
  maxPupils: 6,
  maxPrograms: 3,
  minPrefs: 2,
  minCapacity: 1,
  maxCapacity: 1,
  priorities: true,
});

const withMechanism = (input: MatchInput, mechanism: 'DA_STB' | 'DA_STB_SIC'): MatchInput => ({
  ...input,
  mechanism,
});

// ---------------------------------------------------------------------------------------------
// Reference helpers, deliberately simple and independent of the engine

const NONE = Number.POSITIVE_INFINITY;
const prioOf = (input: MatchInput, pupil: string, program: string): number => {
  const p = input.pupils.find((x) => x.id === pupil)!;
  const v = p.priorities && Object.prototype.hasOwnProperty.call(p.priorities, program);
  return v ? p.priorities![program] : NONE;
};
const capOf = (input: MatchInput, program: string): number =>
  input.programs.find((x) => x.id === program)!.capacity;
/** Position of a program in a pupil's list; Infinity when unplaced (null). */
const posOf = (prefs: string[], program: string | null): number =>
  program === null ? Number.POSITIVE_INFINITY : prefs.indexOf(program);

/** Textbook Gale–Shapley, all free pupils proposing in rounds; schools keep the best by (class, lottery). */
function textbookDA(
  input: MatchInput,
  lottery: Record<string, number>,
): Record<string, string | null> {
  const held = new Map<string, string[]>(input.programs.map((pr) => [pr.id, []]));
  const nextIdx = new Map<string, number>(input.pupils.map((p) => [p.id, 0]));
  const holder = new Map<string, string | null>(input.pupils.map((p) => [p.id, null]));
  for (;;) {
    const proposals = new Map<string, string[]>();
    let any = false;
    for (const p of input.pupils) {
      if (holder.get(p.id) !== null) continue;
      const k = nextIdx.get(p.id)!;
      if (k >= p.preferences.length) continue;
      nextIdx.set(p.id, k + 1);
      const s = p.preferences[k];
      proposals.set(s, [...(proposals.get(s) ?? []), p.id]);
      any = true;
    }
    if (!any) break;
    for (const [s, proposers] of proposals) {
      const pool = [...held.get(s)!, ...proposers];
      pool.sort((a, b) => prioOf(input, a, s) - prioOf(input, b, s) || lottery[a] - lottery[b]);
      const keep = pool.slice(0, capOf(input, s));
      for (const p of pool) holder.set(p, keep.includes(p) ? s : null);
      held.set(s, keep);
    }
  }
  return Object.fromEntries(holder);
}

/** A violation of capacity, listing, non-wastefulness or stability (by class, or class+lottery). */
function findViolation(input: MatchInput, out: MatchOutput, strict: boolean): string | null {
  const count = new Map<string, number>();
  for (const p of input.pupils) {
    const a = out.assignments[p.id];
    if (a === undefined) return `${p.id} missing`;
    if (a !== null) {
      if (!p.preferences.includes(a)) return `${p.id} placed at unlisted ${a}`;
      count.set(a, (count.get(a) ?? 0) + 1);
    }
  }
  for (const pr of input.programs) {
    if ((count.get(pr.id) ?? 0) > pr.capacity) return `${pr.id} over capacity`;
  }
  for (const p of input.pupils) {
    const mine = posOf(p.preferences, out.assignments[p.id]);
    for (let k = 0; k < p.preferences.length && k < mine; k++) {
      const s = p.preferences[k];
      if ((count.get(s) ?? 0) < capOf(input, s)) return `${p.id}: free seat at ${s}`;
      for (const q of input.pupils) {
        if (out.assignments[q.id] !== s) continue;
        const pc = prioOf(input, p.id, s);
        const qc = prioOf(input, q.id, s);
        if (pc < qc || (strict && pc === qc && out.lottery[p.id] < out.lottery[q.id])) {
          return `${p.id} envies ${q.id} at ${s}`;
        }
      }
    }
  }
  return null;
}

/**
 * Brute-force stable improvement cycle search: pupil graph i → j when j is placed, i is placed,
 * i desires j's program and has the strongest class among all its desirers; any cycle?
 */
function hasStableImprovementCycle(input: MatchInput, out: MatchOutput): boolean {
  const ids = input.pupils.map((p) => p.id);
  const desires = (i: number, s: string): boolean => {
    const p = input.pupils[i];
    const k = p.preferences.indexOf(s);
    return k >= 0 && k < posOf(p.preferences, out.assignments[p.id]);
  };
  const bestClass = new Map<string, number>();
  for (const pr of input.programs) {
    let b = Number.POSITIVE_INFINITY;
    ids.forEach((id, i) => {
      if (desires(i, pr.id)) b = Math.min(b, prioOf(input, id, pr.id));
    });
    bestClass.set(pr.id, b);
  }
  const n = ids.length;
  const reach: boolean[][] = ids.map(() => ids.map(() => false));
  for (let i = 0; i < n; i++) {
    if (out.assignments[ids[i]] === null) continue;
    for (let j = 0; j < n; j++) {
      const s = out.assignments[ids[j]];
      if (s === null || i === j) continue;
      if (desires(i, s) && prioOf(input, ids[i], s) === bestClass.get(s)) reach[i][j] = true;
    }
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (!reach[i][k]) continue;
      for (let j = 0; j < n; j++) if (reach[k][j]) reach[i][j] = true;
    }
  }
  return reach.some((row, i) => row[i]);
}

/** All matchings of a tiny market that are stable w.r.t. priority classes (and non-wasteful). */
function allStableMatchings(input: MatchInput): Record<string, string | null>[] {
  const result: Record<string, string | null>[] = [];
  const pupils = input.pupils;
  const current: (string | null)[] = [];
  const recurse = (i: number): void => {
    if (i === pupils.length) {
      const assignments = Object.fromEntries(pupils.map((p, k) => [p.id, current[k]]));
      const v = findViolation(input, { assignments, lottery: {} } as unknown as MatchOutput, false);
      if (v === null) result.push(assignments);
      return;
    }
    for (const option of [null, ...pupils[i].preferences]) {
      current[i] = option;
      recurse(i + 1);
    }
  };
  recurse(0);
  return result;
}

const run = (input: MatchInput): MatchOutput => match(input, { timing: false });
const numRuns = 300;

// ---------------------------------------------------------------------------------------------

describe('matching engine properties', () => {
  it('keeps capacity, places only at listed programs, is stable and wastes no seat', () => {
    fc.assert(
      fc.property(fc.oneof(small, crowded), (input) => {
        const out = run(input);
        const strict = input.mechanism === 'DA_STB';
        expect(findViolation(input, out, strict)).toBeNull();
        expect(Object.keys(out.assignments)).toEqual(input.pupils.map((p) => p.id));
        expect(out.stats.pupils).toBe(input.pupils.length);
        expect(out.stats.placed).toBe(
          Object.values(out.assignments).filter((a) => a !== null).length,
        );
        expect(out.stats.firstChoice).toBe(
          input.pupils.filter(
            (p) => p.preferences.length > 0 && out.assignments[p.id] === p.preferences[0],
          ).length,
        );
      }),
      { numRuns },
    );
  });

  it('DA_STB equals a textbook Gale–Shapley with the same lottery', () => {
    fc.assert(
      fc.property(fc.oneof(small, crowded), (input) => {
        const out = run(withMechanism(input, 'DA_STB'));
        expect(out.assignments).toEqual(textbookDA(input, out.lottery));
        expect(out.stats.improvedByCycles).toBe(0);
      }),
      { numRuns },
    );
  });

  it('DA_STB_SIC is never worse for anyone than DA_STB and leaves no stable improvement cycle', () => {
    let improvedMarkets = 0;
    fc.assert(
      fc.property(fc.oneof(small, crowded), (input) => {
        const da = run(withMechanism(input, 'DA_STB'));
        const sic = run(withMechanism(input, 'DA_STB_SIC'));
        expect(sic.lottery).toEqual(da.lottery);
        let improved = 0;
        for (const p of input.pupils) {
          const before = posOf(p.preferences, da.assignments[p.id]);
          const after = posOf(p.preferences, sic.assignments[p.id]);
          expect(after).toBeLessThanOrEqual(before);
          if (after < before) improved++;
        }
        expect(sic.stats.improvedByCycles).toBe(improved);
        expect(sic.stats.placed).toBe(da.stats.placed);
        expect(hasStableImprovementCycle(input, sic)).toBe(false);
        expect(findViolation(input, sic, false)).toBeNull();
        if (improved > 0) improvedMarkets++;
      }),
      { numRuns },
    );
    // The generator must actually produce markets where cycles pay off.
    expect(improvedMarkets).toBeGreaterThanOrEqual(3);
  });

  it('without priority classes DA_STB has no stable improvement cycle (and SIC changes nothing)', () => {
    fc.assert(
      fc.property(noPrio, (input) => {
        const da = run(withMechanism(input, 'DA_STB'));
        const sic = run(withMechanism(input, 'DA_STB_SIC'));
        expect(hasStableImprovementCycle(input, da)).toBe(false);
        expect(sic.assignments).toEqual(da.assignments);
      }),
      { numRuns: 100 },
    );
  });

  it('DA_STB_SIC is not Pareto-dominated by any stable matching (tiny markets, brute force)', () => {
    const rank = (p: MatchInput['pupils'][number], a: string | null): number =>
      posOf(p.preferences, a);
    const dominates = (
      input: MatchInput,
      x: Record<string, string | null>,
      y: Record<string, string | null>,
    ): boolean =>
      input.pupils.every((p) => rank(p, x[p.id]) <= rank(p, y[p.id])) &&
      input.pupils.some((p) => rank(p, x[p.id]) < rank(p, y[p.id]));
    fc.assert(
      fc.property(tiny, (input) => {
        const sic = run(withMechanism(input, 'DA_STB_SIC'));
        const stable = allStableMatchings(input);
        expect(stable).toContainEqual(sic.assignments);
        for (const other of stable) {
          expect(dominates(input, other, sic.assignments)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
    // The brute force has teeth: on a fixed sample, single tie-breaking alone is sometimes
    // dominated by another stable matching.
    const sample = fc.sample(tiny, { seed: 20080601, numRuns: 400 });
    const daDominated = sample.filter((input) => {
      const da = run(withMechanism(input, 'DA_STB'));
      return allStableMatchings(input).some((other) => dominates(input, other, da.assignments));
    }).length;
    expect(daDominated).toBeGreaterThan(0);
  });

  it('is deterministic: same input and seed give byte-identical JSON (stats.ms aside)', () => {
    fc.assert(
      fc.property(small, (input) => {
        const a = JSON.stringify(run(input));
        const b = JSON.stringify(run(JSON.parse(JSON.stringify(input)) as MatchInput));
        expect(b).toBe(a);
      }),
      { numRuns: 100 },
    );
  });

  it('different seeds give different lotteries', () => {
    const marketWithPupils = marketArb({
      maxPupils: 40,
      maxPrograms: 5,
      maxCapacity: 3,
      priorities: true,
    }).filter((m) => m.pupils.length >= 15);
    fc.assert(
      fc.property(marketWithPupils, fc.string(), fc.string(), (input, s1, s2) => {
        fc.pre(s1 !== s2);
        const a = run({ ...input, seed: s1 });
        const b = run({ ...input, seed: s2 });
        expect(a.lottery).not.toEqual(b.lottery);
      }),
      { numRuns: 100 },
    );
  });

  it('the lottery is a permutation of 1..N and is replayed when given', () => {
    fc.assert(
      fc.property(small, fc.string(), (input, otherSeed) => {
        const out = run(input);
        const ranks = input.pupils.map((p) => out.lottery[p.id]).sort((x, y) => x - y);
        expect(ranks).toEqual(input.pupils.map((_, i) => i + 1));
        const replay = run({ ...input, seed: otherSeed, lottery: out.lottery });
        expect(JSON.stringify(replay)).toBe(JSON.stringify(out));
        const { seed: _seed, ...noSeed } = input;
        expect(JSON.stringify(run({ ...noSeed, lottery: out.lottery }))).toBe(JSON.stringify(out));
      }),
      { numRuns: 100 },
    );
  });

  it('cutoffs are the weakest (priority, lottery) admitted', () => {
    fc.assert(
      fc.property(small, (input) => {
        const out = run(input);
        for (const pr of input.programs) {
          const admitted = input.pupils.filter((p) => out.assignments[p.id] === pr.id);
          const cut = out.cutoffs[pr.id];
          if (admitted.length === 0) {
            expect(cut).toEqual({ priority: null, lottery: null });
            continue;
          }
          admitted.sort(
            (a, b) =>
              prioOf(input, b.id, pr.id) - prioOf(input, a.id, pr.id) ||
              out.lottery[b.id] - out.lottery[a.id],
          );
          const w = admitted[0];
          const wp = prioOf(input, w.id, pr.id);
          expect(cut).toEqual({ priority: wp === NONE ? null : wp, lottery: out.lottery[w.id] });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the lottery draw is close to uniform', () => {
    const counts = new Map<string, number>();
    const input: MatchInput = {
      programs: [],
      pupils: [
        { id: 'a', preferences: [] },
        { id: 'b', preferences: [] },
        { id: 'c', preferences: [] },
      ],
    };
    const runs = 6000;
    for (let i = 0; i < runs; i++) {
      const out = run({ ...input, seed: `s${i}` });
      const key = ['a', 'b', 'c'].map((id) => out.lottery[id]).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - runs / 6) ** 2 / (runs / 6);
    expect(chi2).toBeLessThan(25); // 5 degrees of freedom: p ≈ 0.0001
  });

  it('the core re-check rejects a broken result', () => {
    fc.assert(
      fc.property(small, (input) => {
        const { market } = compileInput(input);
        const r = runCore(market, 'DA_STB_SIC');
        // Unplace a placed pupil whose seat is then free: someone is worse off / a seat is wasted.
        const p = r.choice.findIndex((t) => t >= 0);
        fc.pre(p >= 0);
        const broken = r.choice.slice();
        broken[p] = -1;
        expect(() => checkResult(market, broken, { strict: false, daChoice: r.daChoice })).toThrow(
          /result check failed/,
        );
      }),
      { numRuns: 100 },
    );
  });
});
