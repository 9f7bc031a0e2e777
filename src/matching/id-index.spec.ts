import { firstRepeat, hashId, IdIndex } from './id-index';

/** Every id finds its own index, and ids that are not in the set find -1. */
function expectExact(ids: string[], absent: string[]): IdIndex {
  const index = new IdIndex(ids);
  const positions = ids.map((_, i) => i);
  expect(ids.map((id) => index.get(id))).toEqual(positions);
  // Fresh string objects, as a database driver hands them over.
  expect(ids.map((id) => index.get(id.split('').join('')))).toEqual(positions);
  expect(absent.map((id) => index.get(id))).toEqual(absent.map(() => -1));
  return index;
}

describe('IdIndex (program id lookup)', () => {
  it('finds short and long ids, and nothing else', () => {
    const ids = Array.from({ length: 5000 }, (_, s) => `P${s}`);
    const index = expectExact(ids, ['P5000', 'P-1', 'p1', '', 'P1 ', '__proto__', 'constructor']);
    expect(index.strategy).toBe('sample');
    const uuids = Array.from(
      { length: 3000 },
      (_, s) => `8f14e45f-ceea-467f-a0e6-${s.toString(16).padStart(12, '0')}`,
    );
    expectExact(uuids, ['8f14e45f-ceea-467f-a0e6-000000000bb8', '8f14e45f']);
  });

  it('tells ids apart that differ only where the sample does not look', () => {
    // Same first 4 and last 12 characters: the sampled hash is one value for all of them.
    const ids = Array.from(
      { length: 2000 },
      (_, s) => `SCH-${String(s).padStart(6, '0')}-program-2027`,
    );
    const index = expectExact(ids, ['SCH-002000-program-2027', 'SCH-000001-program-2028']);
    expect(index.strategy).toBe('full');
  });

  it('handles unicode, empty and prototype-like ids', () => {
    expectExact(
      ['école', 'Ω', '__proto__', 'hasOwnProperty', '😀-1', '😀-2', 'a'.repeat(200)],
      ['ecole', 'toString'],
    );
    expect(new IdIndex([]).get('x')).toBe(-1);
  });
});

describe('firstRepeat (duplicate pupil ids)', () => {
  const repeatOf = (ids: string[]): number => firstRepeat(ids, Int32Array.from(ids, hashId));

  it('names the first id that repeats an earlier one', () => {
    const ids = Array.from({ length: 10_000 }, (_, p) => `L${p}`);
    expect(repeatOf(ids)).toBe(-1);
    // Fresh string objects with the same text count as the same id.
    expect(repeatOf([...ids, 'L12345', `L${5000}`, 'L17'])).toBe(10_001);
    expect(repeatOf(['a', 'b', 'b', 'a'])).toBe(2);
    expect(repeatOf([])).toBe(-1);
  });

  it('finds repeats among ids that differ only where the sample does not look', () => {
    const ids = Array.from(
      { length: 3000 },
      (_, s) => `SCH-${String(s).padStart(6, '0')}-pupil-2027`,
    );
    expect(repeatOf(ids)).toBe(-1);
    expect(repeatOf([...ids, 'SCH-002999-pupil-2027'])).toBe(3000);
  });
});
