/**
 * Hand-made cases: instances from the literature, the contract's details (cutoffs, explanation,
 * lottery replay), and input validation.
 */
import {
  createExplainer,
  drawLottery,
  explain,
  match,
  MatchInput,
  MatchInputError,
  validateInput,
} from './index';

const run = (input: MatchInput) => match(input, { timing: false });

describe('classic Gale–Shapley instance (Roth & Sotomayor style, two stable matchings)', () => {
  // Pupils m1..m3, programs w1..w3 with one seat each; strict priorities as classes 1..3.
  // Student-optimal: m1-w2, m2-w3, m3-w1. (School-optimal would be m1-w1, m2-w3, m3-w2.)
  const input: MatchInput = {
    seed: 'gs',
    mechanism: 'DA_STB',
    programs: [
      { id: 'w1', capacity: 1 },
      { id: 'w2', capacity: 1 },
      { id: 'w3', capacity: 1 },
    ],
    pupils: [
      { id: 'm1', preferences: ['w2', 'w1', 'w3'], priorities: { w1: 1, w2: 2, w3: 1 } },
      { id: 'm2', preferences: ['w1', 'w3', 'w2'], priorities: { w1: 3, w2: 3, w3: 3 } },
      { id: 'm3', preferences: ['w1', 'w2', 'w3'], priorities: { w1: 2, w2: 1, w3: 2 } },
    ],
  };

  it('gives the student-optimal stable matching', () => {
    const out = run(input);
    expect(out.assignments).toEqual({ m1: 'w2', m2: 'w3', m3: 'w1' });
    expect(out.stats).toEqual({
      pupils: 3,
      placed: 3,
      firstChoice: 2,
      improvedByCycles: 0,
      ms: 0,
    });
    expect(out.cutoffs).toEqual({
      w1: { priority: 2, lottery: out.lottery.m3 },
      w2: { priority: 2, lottery: out.lottery.m1 },
      w3: { priority: 3, lottery: out.lottery.m2 },
    });
  });

  it('is the same under DA_STB_SIC (strict priorities leave no cycle)', () => {
    expect(run({ ...input, mechanism: 'DA_STB_SIC' }).assignments).toEqual(run(input).assignments);
  });

  it('handles a rejection chain', () => {
    // A: 3 ≻ 2 ≻ 1, B: 1 ≻ 3 ≻ 2, C: 2 ≻ 1 ≻ 3. 1 and 2 propose to A, 3 to B; A keeps 2;
    // 1 → B displaces 3; 3 → A displaces 2; 2 → C.
    const out = run({
      seed: 1,
      mechanism: 'DA_STB',
      programs: ['A', 'B', 'C'].map((id) => ({ id, capacity: 1 })),
      pupils: [
        { id: '1', preferences: ['A', 'B', 'C'], priorities: { A: 3, B: 1, C: 2 } },
        { id: '2', preferences: ['A', 'C', 'B'], priorities: { A: 2, B: 3, C: 1 } },
        { id: '3', preferences: ['B', 'A', 'C'], priorities: { A: 1, B: 2, C: 3 } },
      ],
    });
    expect(out.assignments).toEqual({ '1': 'B', '2': 'C', '3': 'A' });
  });
});

describe('stable improvement cycle caused by single tie-breaking (after Erdil & Ergin 2008)', () => {
  // A and B have one seat each. L1 has priority at A; L2 and L3 are tied at A, and all are tied
  // at B. The lottery (L3 luckiest, then L2, then L1) makes DA_STB give L1 → A and L2 → B, though
  // L1 prefers B and L2 prefers A. L3 (unplaced) desires A too but has the same class as L2, so
  // swapping L1 and L2 is a stable improvement cycle.
  const input: MatchInput = {
    seed: 'ee',
    programs: [
      { id: 'A', capacity: 1 },
      { id: 'B', capacity: 1 },
    ],
    pupils: [
      { id: 'L1', preferences: ['B', 'A'], priorities: { A: 1 } },
      { id: 'L2', preferences: ['A', 'B'] },
      { id: 'L3', preferences: ['A'] },
    ],
    lottery: { L1: 3, L2: 2, L3: 1 },
  };

  it('DA_STB leaves the cycle', () => {
    const out = run({ ...input, mechanism: 'DA_STB' });
    expect(out.assignments).toEqual({ L1: 'A', L2: 'B', L3: null });
    expect(out.cutoffs).toEqual({
      A: { priority: 1, lottery: 3 },
      B: { priority: null, lottery: 2 },
    });
    expect(out.stats.firstChoice).toBe(0);
  });

  it('DA_STB_SIC (the default) carries it out', () => {
    const out = run(input);
    expect(out.assignments).toEqual({ L1: 'B', L2: 'A', L3: null });
    expect(out.stats).toEqual({
      pupils: 3,
      placed: 2,
      firstChoice: 2,
      improvedByCycles: 2,
      ms: 0,
    });
    expect(out.lottery).toEqual(input.lottery);
    expect(out.cutoffs).toEqual({
      A: { priority: null, lottery: 2 },
      B: { priority: null, lottery: 3 },
    });
  });

  it('does not carry out a cycle that would break stability', () => {
    // Give L3 priority at A: now L3 is the only one in D_A, so L2 may not take A.
    const strict: MatchInput = {
      ...input,
      pupils: [
        input.pupils[0],
        input.pupils[1],
        { id: 'L3', preferences: ['A'], priorities: { A: 1 } },
      ],
    };
    const out = run(strict);
    // DA: L3 (class 1, lottery 1) beats L1 (class 1, lottery 3) at A; L1 → B; L2 → B? B holds
    // the better lottery of L1 (3) and L2 (2): L2. L1 unplaced.
    expect(out.assignments).toEqual({ L1: null, L2: 'B', L3: 'A' });
    expect(out.stats.improvedByCycles).toBe(0);
  });

  it('explains, per program ranked higher, why not', () => {
    const out = run(input);
    expect(explain(input, out, 'L3')).toEqual({
      pupil: 'L3',
      assigned: null,
      assignedRank: null,
      lottery: 1,
      higherChoices: [
        {
          program: 'A',
          rank: 1,
          capacity: 1,
          placed: 1,
          full: true,
          cutoff: { priority: null, lottery: 2 },
          priority: null,
          lottery: 1,
          reason: 'IMPROVEMENT_CYCLE',
        },
      ],
    });
    expect(explain(input, out, 'L1').higherChoices).toEqual([]);

    const daInput: MatchInput = { ...input, mechanism: 'DA_STB' };
    const da = run(daInput);
    const why = createExplainer(daInput, da);
    expect(why('L1')).toMatchObject({
      assigned: 'A',
      assignedRank: 2,
      higherChoices: [
        {
          program: 'B',
          full: true,
          cutoff: { priority: null, lottery: 2 },
          priority: null,
          lottery: 3,
          reason: 'LOTTERY',
        },
      ],
    });
    expect(why('L3').higherChoices).toEqual([
      expect.objectContaining({ program: 'A', priority: null, reason: 'PRIORITY' }),
    ]);
    expect(() => why('nobody')).toThrow(MatchInputError);
  });
});

describe('details of the contract', () => {
  it('handles empty markets, empty lists, zero capacity and unplaced pupils', () => {
    const input: MatchInput = {
      seed: 'x',
      programs: [
        { id: 'Z', capacity: 0 },
        { id: 'A', capacity: 2 },
        { id: 'E', capacity: 5 },
      ],
      pupils: [
        { id: 'p1', preferences: ['Z', 'A'] },
        { id: 'p2', preferences: [] },
        { id: 'p3', preferences: ['Z'] },
        { id: 'p4', preferences: ['A'], priorities: { A: 0 } },
        { id: 'p5', preferences: ['A'] },
      ],
    };
    const out = run(input);
    expect(out.assignments.p2).toBeNull();
    expect(out.assignments.p3).toBeNull();
    expect(out.assignments.p4).toBe('A');
    expect(out.cutoffs.Z).toEqual({ priority: null, lottery: null });
    expect(out.cutoffs.E).toEqual({ priority: null, lottery: null });
    // A holds p4 (priority 0) and the luckier of p1 and p5, who has no priority there.
    const other = out.lottery.p1 < out.lottery.p5 ? 'p1' : 'p5';
    expect(out.assignments[other]).toBe('A');
    expect(out.cutoffs.A).toEqual({ priority: null, lottery: out.lottery[other] });
    expect(explain(input, out, 'p3').higherChoices[0]).toMatchObject({
      program: 'Z',
      full: true,
      reason: 'NO_SEATS',
    });

    expect(run({ seed: 's', programs: [], pupils: [] })).toEqual({
      assignments: {},
      lottery: {},
      cutoffs: {},
      stats: { pupils: 0, placed: 0, firstChoice: 0, improvedByCycles: 0, ms: 0 },
    });
  });

  it('reports a priority cutoff when the weakest admitted pupil has one', () => {
    const out = run({
      seed: 's',
      programs: [{ id: 'A', capacity: 2 }],
      pupils: [
        { id: 'a', preferences: ['A'], priorities: { A: 1 } },
        { id: 'b', preferences: ['A'], priorities: { A: 2 } },
        { id: 'c', preferences: ['A'] },
      ],
    });
    expect(out.assignments).toEqual({ a: 'A', b: 'A', c: null });
    expect(out.cutoffs.A).toEqual({ priority: 2, lottery: out.lottery.b });
  });

  it('measures ms by default and not with timing: false', () => {
    const input: MatchInput = { seed: 1, programs: [], pupils: [{ id: 'a', preferences: [] }] };
    expect(match(input).stats.ms).toBeGreaterThanOrEqual(0);
    expect(match(input, { timing: false }).stats.ms).toBe(0);
  });

  it('pins the lottery draw (audits replay old rounds: the draw must never change)', () => {
    expect(Array.from(drawLottery('2027-r1', 8))).toEqual(PINNED_2027_R1);
    // A number seed is drawn as its string.
    expect(Array.from(drawLottery(42, 5))).toEqual(Array.from(drawLottery('42', 5)));
  });

  it('treats awkward ids as plain keys', () => {
    const input = JSON.parse(`{
      "seed": "s",
      "programs": [{ "id": "__proto__", "capacity": 1 }, { "id": "constructor", "capacity": 1 }],
      "pupils": [
        { "id": "__proto__", "preferences": ["constructor", "__proto__"] },
        { "id": "toString", "preferences": ["constructor"], "priorities": { "constructor": 1 } },
        { "id": "valueOf", "preferences": ["constructor"], "priorities": {} }
      ] }`) as MatchInput;
    const out = run(input);
    expect(JSON.stringify(out.assignments)).toBe(
      '{"__proto__":"__proto__","toString":"constructor","valueOf":null}',
    );
    expect(JSON.stringify(out.cutoffs)).toMatch(/^\{"__proto__":\{"priority":null,"lottery":\d\}/);
    expect(explain(input, out, 'valueOf').higherChoices[0].reason).toBe('PRIORITY');
  });

  it('ranks correctly when (class, lottery) keys exceed 32 bits (many distinct priorities)', () => {
    // 50,000 pupils, each with its own priority value v(p) at every program it lists: the
    // programs then all rank by v, just like a lottery with rank v(p) + 1 and no priorities.
    const n = 50_000;
    const v = (p: number): number => (p * 7919) % n; // a permutation of 0..n-1
    const programs = Array.from({ length: 50 }, (_, s) => ({ id: `S${s}`, capacity: 300 }));
    const lists = Array.from({ length: n }, (_, p) =>
      Array.from(new Set([(p * 31) % 50, (p * 17 + 3) % 50, (p * 7 + 11) % 50])).map(
        (s) => `S${s}`,
      ),
    );
    const withPriorities: MatchInput = {
      seed: 'wide',
      mechanism: 'DA_STB',
      programs,
      pupils: lists.map((preferences, p) => ({
        id: `p${p}`,
        preferences,
        priorities: Object.fromEntries(preferences.map((s) => [s, v(p)])),
      })),
    };
    const asLottery: MatchInput = {
      mechanism: 'DA_STB',
      programs,
      pupils: lists.map((preferences, p) => ({ id: `p${p}`, preferences })),
      lottery: Object.fromEntries(lists.map((_, p) => [`p${p}`, v(p) + 1])),
    };
    const a = run(withPriorities);
    expect(a.assignments).toEqual(run(asLottery).assignments);
    expect(run({ ...withPriorities, mechanism: 'DA_STB_SIC' }).assignments).toEqual(a.assignments);
  });

  it.each([255, 256])(
    'ranks correctly around the narrow class array (%i distinct priority values)',
    (k) => {
      // k pupils with distinct priority values (up to 255 they fit the 8-bit class array, 256
      // need the wide one) and 100 without: the same as a lottery that puts the k first, by value.
      const n = k + 100;
      const v = (p: number): number => (p * 101) % k; // a permutation of 0..k-1
      const programs = Array.from({ length: 5 }, (_, s) => ({ id: `S${s}`, capacity: 40 }));
      const lists = Array.from({ length: n }, (_, p) =>
        Array.from(new Set([p % 5, (p * 3 + 1) % 5, (p * 7 + 2) % 5])).map((s) => `S${s}`),
      );
      const pupils = lists.map((preferences, p) => ({ id: `p${p}`, preferences }));
      const withPriorities: MatchInput = {
        mechanism: 'DA_STB',
        programs,
        pupils: pupils.map((pu, p) =>
          p < k
            ? { ...pu, priorities: Object.fromEntries(pu.preferences.map((s) => [s, v(p)])) }
            : pu,
        ),
        lottery: Object.fromEntries(pupils.map((_, p) => [`p${p}`, p + 1])),
      };
      const asLottery: MatchInput = {
        mechanism: 'DA_STB',
        programs,
        pupils,
        lottery: Object.fromEntries(pupils.map((_, p) => [`p${p}`, p < k ? v(p) + 1 : p + 1])),
      };
      const a = run(withPriorities);
      expect(a.stats.placed).toBe(200);
      expect(a.assignments).toEqual(run(asLottery).assignments);
      // The weakest admitted pupil at a program has a priority here: every seat went to one.
      expect(Object.values(a.cutoffs).every((c) => c.priority !== null)).toBe(true);
    },
  );

  it('runs a medium market with its checks on', () => {
    const programs = Array.from({ length: 40 }, (_, s) => ({ id: `S${s}`, capacity: 1 + (s % 7) }));
    const pupils = Array.from({ length: 400 }, (_, p) => {
      const preferences = Array.from(
        new Set(Array.from({ length: 5 }, (_, k) => `S${(p * 7 + k * k * 3 + (p % 5)) % 40}`)),
      );
      const priorities: Record<string, number> = {};
      if (p % 3 === 0) priorities[preferences[0]] = 1;
      if (p % 4 === 0) priorities[preferences[preferences.length - 1]] = 2;
      return { id: `p${p}`, preferences, priorities };
    });
    const out = run({ seed: 'medium', programs, pupils });
    expect(out.stats.pupils).toBe(400);
    expect(out.stats.placed).toBeGreaterThan(150);
  });
});

describe('validateInput', () => {
  const good = (): MatchInput => ({
    seed: 's',
    mechanism: 'DA_STB',
    programs: [
      { id: 'A', capacity: 1 },
      { id: 'B', capacity: 0 },
    ],
    pupils: [
      { id: 'x', preferences: ['A', 'B'], priorities: { A: 1 } },
      { id: 'y', preferences: ['B'] },
    ],
    lottery: { x: 2, y: 1 },
  });

  it('accepts a good input', () => {
    expect(() => validateInput(good())).not.toThrow();
    const { lottery: _l, ...noLottery } = good();
    expect(() => validateInput(noLottery)).not.toThrow();
    const { seed: _s, ...noSeed } = good();
    expect(() => validateInput(noSeed)).not.toThrow();
  });

  const cases: [string, (i: Record<string, unknown> & MatchInput) => unknown, RegExp][] = [
    ['not an object', () => [], /^input: expected a JSON object/],
    [
      'wrong mechanism',
      (i) => ({ ...i, mechanism: 'BOSTON' }),
      /^mechanism: unknown mechanism "BOSTON"/,
    ],
    ['bad seed', (i) => ({ ...i, seed: { a: 1 } }), /^seed: expected a string or a number/],
    ['programs missing', (i) => ({ ...i, programs: undefined }), /^programs: expected an array/],
    [
      'duplicate program id',
      (i) => ({ ...i, programs: [...i.programs, { id: 'A', capacity: 3 }] }),
      /^programs\[2\]: duplicate program id "A"/,
    ],
    [
      'negative capacity',
      (i) => ({ ...i, programs: [{ id: 'A', capacity: -1 }, i.programs[1]] }),
      /^programs\[0\] \("A"\): capacity must be a non-negative integer, got -1/,
    ],
    [
      'non-integer capacity',
      (i) => ({ ...i, programs: [i.programs[0], { id: 'B', capacity: 1.5 }] }),
      /^programs\[1\] \("B"\): capacity must be a non-negative integer, got 1.5/,
    ],
    [
      'capacity as string',
      (i) => ({ ...i, programs: [i.programs[0], { id: 'B', capacity: '2' }] }),
      /^programs\[1\] \("B"\): capacity/,
    ],
    [
      'duplicate pupil id',
      (i) => ({ ...i, pupils: [...i.pupils, { id: 'x', preferences: [] }] }),
      /^pupils\[2\]: duplicate pupil id "x"/,
    ],
    [
      'unknown program in preferences',
      (i) => ({ ...i, pupils: [i.pupils[0], { id: 'y', preferences: ['B', 'Q'] }] }),
      /^pupils\[1\] \("y"\)\.preferences\[1\]: unknown program "Q"/,
    ],
    [
      'program twice in one list',
      (i) => ({ ...i, pupils: [{ id: 'x', preferences: ['A', 'B', 'A'] }, i.pupils[1]] }),
      /^pupils\[0\] \("x"\)\.preferences\[2\]: program "A" is listed twice/,
    ],
    [
      'preferences not an array',
      (i) => ({ ...i, pupils: [{ id: 'x', preferences: 'A' }, i.pupils[1]] }),
      /^pupils\[0\] \("x"\)\.preferences: expected an array/,
    ],
    [
      'priority at an unknown program',
      (i) => ({
        ...i,
        pupils: [{ id: 'x', preferences: ['A'], priorities: { Q: 1 } }, i.pupils[1]],
      }),
      /^pupils\[0\] \("x"\)\.priorities: unknown program "Q"/,
    ],
    [
      'priority not a number',
      (i) => ({
        ...i,
        pupils: [{ id: 'x', preferences: ['A'], priorities: { A: '1' } }, i.pupils[1]],
      }),
      /^pupils\[0\] \("x"\)\.priorities\["A"\]: expected a number/,
    ],
    [
      'lottery missing a pupil',
      (i) => ({ ...i, lottery: { x: 1 } }),
      /^lottery: no rank for pupil "y"/,
    ],
    [
      'lottery rank used twice',
      (i) => ({ ...i, lottery: { x: 1, y: 1 } }),
      /^lottery\["y"\]: rank 1 is used twice/,
    ],
    [
      'lottery rank out of range',
      (i) => ({ ...i, lottery: { x: 1, y: 3 } }),
      /^lottery\["y"\]: rank must be an integer in 1..2, got 3/,
    ],
    [
      'lottery rank not an integer',
      (i) => ({ ...i, lottery: { x: 1.5, y: 2 } }),
      /^lottery\["x"\]: rank must be an integer/,
    ],
    [
      'lottery over other pupils',
      (i) => ({ ...i, lottery: { x: 1, y: 2, z: 3 } }),
      /^lottery: "z" is not a pupil/,
    ],
    [
      'no seed and no lottery',
      (i) => ({ ...i, seed: undefined, lottery: undefined }),
      /^seed: required when no lottery is given/,
    ],
  ];

  it.each(cases)('rejects %s, naming the first bad item', (_name, mutate, message) => {
    const input = mutate(good() as Record<string, unknown> & MatchInput);
    expect(() => validateInput(input)).toThrow(MatchInputError);
    expect(() => validateInput(input)).toThrow(message);
    expect(() => match(input as MatchInput)).toThrow(message);
  });
});

const PINNED_2027_R1 = [6, 7, 4, 3, 2, 8, 5, 1];
