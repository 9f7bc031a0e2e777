/**
 * match() on a worker thread (large rounds, or `threads: true`) gives the same output as on the
 * caller's thread, and a thread that fails leaves match() to solve on its own.
 */
import { generateMarket } from '../../bench/market';
import { compileInput } from './compile';
import { match } from './match';
import { solve } from './solve';
import { SolverThread } from './thread';
import { MatchInput, MatchInputError, Mechanism } from './types';

/** The bench's market (skewed popularity, a few priority classes), 5 choices per pupil. */
const market = (n: number, np: number, mechanism: Mechanism, seed: string): MatchInput => ({
  ...generateMarket({ pupils: n, prefs: 5, programs: np, seed }),
  mechanism,
});

/** match() with and without the thread; the threaded run must have had its solution from the thread. */
const same = (input: MatchInput): void => {
  const result = jest.spyOn(SolverThread.prototype, 'result');
  const threaded = JSON.stringify(match(input, { threads: true, timing: false }));
  expect(result).toHaveBeenCalledTimes(1);
  expect(result.mock.results[0].value).toBeDefined(); // not the inline fallback
  result.mockRestore();
  const inline = JSON.stringify(match(input, { threads: false, timing: false }));
  expect(threaded).toBe(inline);
};

describe('match() on a worker thread', () => {
  it('gives byte-identical output for both mechanisms, drawn and replayed lotteries', () => {
    const sic = market(3000, 40, 'DA_STB_SIC', 'thread-sic');
    const out = match(sic, { threads: false, timing: false });
    expect(out.stats.improvedByCycles).toBeGreaterThan(0); // so the thread runs cycles too
    same(sic);
    same(market(3000, 40, 'DA_STB', 'thread-da'));
    same({ ...sic, seed: undefined, lottery: out.lottery });
  });

  it('reports bad input as without a thread, and leaves no thread running', () => {
    const bad = market(50, 5, 'DA_STB', 'bad');
    const k = bad.pupils[7].preferences.push('P99') - 1;
    const stop = jest.spyOn(SolverThread.prototype, 'stop');
    expect(() => match(bad, { threads: true })).toThrow(
      new MatchInputError(`pupils[7] ("L7").preferences[${k}]: unknown program "P99"`),
    );
    expect(stop).toHaveBeenCalledTimes(1);
    stop.mockRestore();
  });

  it('SolverThread returns what solve() returns, and undefined when solve() throws', () => {
    const { market: m, ranks } = compileInput(market(2000, 30, 'DA_STB_SIC', 'direct'), {
      shared: true,
    });
    const thread = SolverThread.start()!;
    thread.submit(m, 'DA_STB_SIC', true, ranks);
    const fromThread = thread.result();
    expect(fromThread).toBeDefined();
    // (Typed arrays from the thread have another realm's constructors.)
    const plain = (o: object): unknown =>
      JSON.parse(
        JSON.stringify(o, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)),
      );
    expect(plain(fromThread!)).toEqual(plain(solve(m, 'DA_STB_SIC', true, ranks)));

    // A market without capacities: solve() throws, on the thread as here.
    const broken = { ...m, capacity: undefined as unknown as Int32Array };
    expect(() => solve(broken, 'DA_STB', true, ranks)).toThrow(TypeError);
    const failing = SolverThread.start()!;
    failing.submit(broken, 'DA_STB', true, ranks);
    expect(failing.result()).toBeUndefined();
  });
});
