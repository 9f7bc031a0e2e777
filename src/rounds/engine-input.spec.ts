import { match } from '../matching';
import {
  buildEngineInput,
  buildReport,
  canonicalJson,
  SnapshotOffer,
  SnapshotRequest,
} from './engine-input';

const offer = (id: string, schoolId: string, over: Partial<SnapshotOffer> = {}): SnapshotOffer => ({
  id,
  schoolId,
  board: 'B1',
  grade: 3,
  level: 'havo',
  profile: '',
  remaining: 1,
  ...over,
});
const req = (
  id: string,
  preferences: string[],
  over: Partial<SnapshotRequest> = {},
): SnapshotRequest => ({
  id,
  reason: 'afstroom',
  sendingBoard: null,
  grade: 3,
  level: 'havo',
  profile: '',
  preferences,
  excluded: [],
  ...over,
});

describe('buildEngineInput', () => {
  it('maps preferred schools to their offer for the requested leerjaar × niveau, in order', () => {
    const input = buildEngineInput(
      [req('r1', ['s2', 's1', 's3'])],
      [offer('o1', 's1'), offer('o2', 's2'), offer('o3', 's3', { level: 'vwo' })],
      {},
      'seed',
      'DA_STB',
    );
    expect(input.pupils).toEqual([{ id: 'r1', preferences: ['o2', 'o1'] }]);
    expect(input.programs).toEqual([
      { id: 'o1', capacity: 1 },
      { id: 'o2', capacity: 1 },
    ]);
  });

  it('prefers the offer for the pupil’s profile, and leaves out schools that declined', () => {
    const offers = [
      offer('plain', 's1', { grade: 4 }),
      offer('nt', 's1', { grade: 4, profile: 'NT' }),
      offer('o2', 's2', { grade: 4 }),
    ];
    const input = buildEngineInput(
      [req('r1', ['s1', 's2'], { grade: 4, profile: 'NT', excluded: ['s2'] })],
      offers,
      {},
      's',
      'DA_STB',
    );
    expect(input.pupils[0].preferences).toEqual(['nt']);
  });

  it('gives priority classes by reason and by same board', () => {
    const offers = [offer('o1', 's1', { board: 'A' }), offer('o2', 's2', { board: 'B' })];
    const input = buildEngineInput(
      [
        req('mover', ['s1', 's2'], { reason: 'verhuizing' }),
        req('board', ['s1', 's2'], { sendingBoard: 'B' }),
        req('none', ['s1']),
      ],
      offers,
      { reasons: { verhuizing: 1 }, sameBoard: 2 },
      's',
      'DA_STB_SIC',
    );
    const byId = Object.fromEntries(input.pupils.map((p) => [p.id, p]));
    expect(byId.mover.priorities).toEqual({ o1: 1, o2: 1 });
    expect(byId.board.priorities).toEqual({ o2: 2 });
    expect(byId.none.priorities).toBeUndefined();
  });

  it('writes priorities as Object.fromEntries would, in offer id order', () => {
    const offers = [offer('o2', 's2'), offer('__proto__', 's3'), offer('o1', 's1')];
    const input = buildEngineInput(
      [req('r1', ['s1', 's2', 's3'], { reason: 'verhuizing' })],
      offers,
      { reasons: { verhuizing: 1 } },
      's',
      'DA_STB',
    );
    const priorities = input.pupils[0].priorities as Record<string, number>;
    expect(Object.getPrototypeOf(priorities)).toBe(Object.prototype);
    expect(JSON.stringify(priorities)).toBe(
      JSON.stringify(
        Object.fromEntries([
          ['__proto__', 1],
          ['o1', 1],
          ['o2', 1],
        ]),
      ),
    );
  });

  it('is independent of the order rows come from the database', () => {
    const rs = [req('a', ['s1']), req('b', ['s1'])];
    const os = [offer('o1', 's1'), offer('o2', 's2')];
    const one = buildEngineInput(rs, os, {}, 's', 'DA_STB');
    const two = buildEngineInput([...rs].reverse(), [...os].reverse(), {}, 's', 'DA_STB');
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('sorts pupils by id (JS string order) whether or not the rows come sorted', () => {
    const ids = ['b0', 'a1', 'B2', 'a10', 'a2', '0f'];
    const sorted = [...ids].sort();
    const os = [offer('o1', 's1')];
    for (const order of [ids, sorted, [...sorted].reverse()]) {
      const input = buildEngineInput(
        order.map((id) => req(id, ['s1'])),
        os,
        {},
        's',
        'DA_STB',
      );
      expect(input.pupils.map((p) => p.id)).toEqual(sorted);
    }
  });
});

describe('buildReport', () => {
  it('counts placed, first choices and unplaced per leerjaar × niveau', () => {
    const rs = [req('a', ['s1']), req('b', ['s1']), req('c', ['s1'], { grade: 2, level: 'vwo' })];
    const os = [offer('o1', 's1')];
    const input = buildEngineInput(rs, os, {}, 'seed', 'DA_STB');
    const output = match(input, { timing: false });
    const report = buildReport(input, output, rs, os, 1);
    expect(report.pupils).toBe(3);
    expect(report.placed).toBe(1);
    expect(report.firstChoiceShare).toBeCloseTo(1 / 3, 3);
    expect(report.unplacedByGradeLevel).toEqual([
      { grade: 2, level: 'vwo', unplaced: 1 },
      { grade: 3, level: 'havo', unplaced: 1 },
    ]);
    expect(report.cutoffs).toEqual([
      expect.objectContaining({
        offerId: 'o1',
        schoolId: 's1',
        capacity: 1,
        lottery: expect.any(Number),
      }),
    ]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('writes the same whether or not the keys already come sorted', () => {
    expect(canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    // Integer-like keys, which objects enumerate first, in numeric order.
    expect(canonicalJson({ a: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"a":1}');
    // What JSON.stringify would write differently: left to the sorting writer.
    expect(canonicalJson({ a: [1, undefined], b: new Date(0), c: undefined })).toBe(
      '{"a":[1,],"b":{}}',
    );
  });

  it('is JSON.stringify of an engine input, which comes with its keys sorted', () => {
    const input = buildEngineInput(
      [req('r2', ['s2', 's1'], { reason: 'verhuizing', sendingBoard: 'B' }), req('r1', ['s1'])],
      [offer('o2', 's2', { board: 'B' }), offer('o1', 's1')],
      { reasons: { verhuizing: 2 }, sameBoard: 1 },
      'seed',
      'DA_STB',
    );
    expect(input.pupils[1].priorities).toEqual({ o1: 2, o2: 1 });
    expect(canonicalJson(input)).toBe(JSON.stringify(input));
  });
});
