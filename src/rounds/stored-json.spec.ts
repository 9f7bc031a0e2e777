import { MatchInput } from '../matching';
import { canonicalJson, sha256 } from './engine-input';
import { match } from '../matching';
import { canonicalInput, jsonInSteps } from './stored-json';

const input = (pupils: number, sortedKeys = true): MatchInput =>
  ({
    mechanism: 'DA_STB_SIC',
    programs: [
      { capacity: 2, id: 'o1' },
      { capacity: 1, id: 'o2' },
    ],
    pupils: Array.from({ length: pupils }, (_, i) =>
      sortedKeys
        ? { id: `p${String(i).padStart(6, '0')}`, preferences: ['o2', 'o1'], priorities: { o1: 1 } }
        : { preferences: ['o1'], id: `p${i}` },
    ),
    seed: 'abc',
  }) as MatchInput;

describe('canonicalInput', () => {
  it.each([0, 1, 999, 1_000, 12_345])(
    'writes exactly canonicalJson(input) and its hash, in slices (%i pupils)',
    async (n) => {
      const i = input(n);
      const { json, hash } = await canonicalInput(i);
      expect(json).toBe(canonicalJson(i));
      expect(hash).toBe(sha256(json));
      expect(JSON.parse(json).pupils).toHaveLength(n);
    },
  );

  it('sorts keys that do not come in order, as canonicalJson does', async () => {
    const i = input(7_000, false);
    expect((await canonicalInput(i)).json).toBe(canonicalJson(i));
  });
});

describe('jsonInSteps', () => {
  it('writes exactly JSON.stringify of an engine output, in slices', async () => {
    const i = input(3_500);
    const output = match(i, { timing: false });
    expect(await jsonInSteps(output)).toBe(JSON.stringify(output));
    const odd = { a: { x: undefined, y: [1, undefined] }, b: undefined, c: 'c', d: null };
    expect(await jsonInSteps(odd)).toBe(JSON.stringify(odd));
  });
});
