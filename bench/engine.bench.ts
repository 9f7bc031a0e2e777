/**
 * Benchmark of the matching engine (npm run bench:engine [-- --sizes=8k,200k,1m]
 * [--mechanisms=DA_STB] [--paths=match,json,core,floor,floorjson] [--reps=3]).
 *
 * For each size × mechanism × path it starts a fresh child process (so memory figures do not mix),
 * generates the market deterministically (not timed, again before each rep of a `match()` path:
 * the first run turns the ids into V8 property keys), warms up on a small market, then times:
 *  - `match`: match() from the contract's objects to the contract's output, default options
 *    (checks on, timing on); every id in the input is a fresh string, each preference its own
 *    string object, as a database driver gives them row by row (the worker's buildEngineInput
 *    reuses one string per offer in the lists; measured at 1M, that is no faster);
 *  - `json`:  the same on input that went through JSON.stringify/JSON.parse (untimed), as
 *    `npm run match` reads it. JSON.parse internalizes string values of up to 10 characters,
 *    and the bench's ids (L123456, P1234) are that short: they arrive as V8's property keys
 *    already, so match() does not have to put them into the string table. 36-character UUIDs
 *    would arrive fresh.
 *  - `core`:  runCore() alone, typed arrays in, typed arrays out, no checks.
 *  - `floor`, `floorjson`: no engine, only the object work any engine must do on the `match`
 *    and `json` inputs (bareConversion in conversion.ts): what the machine costs that day for
 *    reading the input objects and writing the output objects. Run once per size (the mechanism
 *    does not enter into it).
 * Memory: peak RSS above the pre-run RSS, sampled every ~2 ms by a worker thread, and the heap
 * retained right after the run (heapUsed after − before).
 */
import { spawnSync } from 'child_process';
import { cpus } from 'os';
import { Worker } from 'worker_threads';
import { compileInput, match, runCore } from '../src/matching';
import type { MatchInput, Mechanism } from '../src/matching';
import { bareConversion } from './conversion';
import { generateMarket, MarketSpec } from './market';

const SIZES: Record<string, MarketSpec & { label: string; reps: number }> = {
  '8k': { label: 'Amsterdam 8k × 6 × 300', pupils: 8_000, prefs: 6, programs: 300, reps: 9 },
  '200k': {
    label: 'national 200k × 8 × 3,000',
    pupils: 200_000,
    prefs: 8,
    programs: 3_000,
    reps: 3,
  },
  '1m': { label: '1M × 12 × 5,000', pupils: 1_000_000, prefs: 12, programs: 5_000, reps: 1 },
};
const MECHANISMS: Mechanism[] = ['DA_STB', 'DA_STB_SIC'];
const PATHS = ['match', 'json', 'core', 'floor', 'floorjson'] as const;
type Path = (typeof PATHS)[number];
/** The paths without the engine (bareConversion). */
const isFloor = (path: Path): boolean => path === 'floor' || path === 'floorjson';

/** Targets on the reference machine (2 cores), through match(). */
const TARGETS: Record<string, number> = { 'DA_STB 1m': 4000, 'DA_STB_SIC 200k': 10000 };

interface CaseResult {
  size: string;
  mechanism: Mechanism;
  path: Path;
  reps: number;
  msMedian: number;
  msMin: number;
  peakRssMB: number;
  heapMB: number;
  pupils: number;
  placed: number;
  firstChoice: number;
  improved: number;
  sicRounds: number | null;
  genMs: number;
}

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

function list<T extends string>(name: string, all: readonly T[]): T[] {
  const v = arg(name);
  if (!v) return [...all];
  const wanted = v.split(',').map((s) => s.trim());
  for (const w of wanted) {
    if (!(all as readonly string[]).includes(w)) {
      console.error(`unknown ${name} value ${w}; expected one of ${all.join(', ')}`);
      process.exit(2);
    }
  }
  return wanted as T[];
}

const SAMPLER = `
const { workerData } = require('worker_threads');
const peak = new Float64Array(workerData.peak);
const flag = new Int32Array(workerData.flag);
while (Atomics.load(flag, 0) === 0) {
  const r = process.memoryUsage.rss();
  if (r > peak[0]) peak[0] = r;
  Atomics.wait(flag, 0, 0, 2);
}
`;

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

const MB = 1024 * 1024;

async function runChild(size: string, mechanism: Mechanism, path: Path): Promise<CaseResult> {
  const spec = SIZES[size];
  const reps = Number(arg('reps') ?? spec.reps);
  const g0 = performance.now();
  const json = path === 'json' || path === 'floorjson';
  const floor = isFloor(path);
  const viaJson = <T>(x: T): T => (json ? (JSON.parse(JSON.stringify(x)) as T) : x);
  const generate = (s: MarketSpec = spec): MatchInput =>
    viaJson({ ...generateMarket(s), mechanism });
  let input = generate();
  const compiled = path === 'core' ? compileInput(input) : undefined;
  const genMs = performance.now() - g0;

  // Warm up the JIT on a small market of the same shape.
  const warm = generate({ ...spec, pupils: 4000, seed: 'warm-up' });
  for (let i = 0; i < 3; i++) {
    if (floor) bareConversion(warm);
    else if (path !== 'core') match(warm);
    else runCore(compileInput(warm).market, mechanism);
  }

  const peakBuf = new SharedArrayBuffer(8);
  const flagBuf = new SharedArrayBuffer(4);
  const sampler = new Worker(SAMPLER, {
    eval: true,
    workerData: { peak: peakBuf, flag: flagBuf },
  });
  await new Promise((r) => setTimeout(r, 50));
  const peak = new Float64Array(peakBuf);
  const flag = new Int32Array(flagBuf);

  const times: number[] = [];
  let peakRss = 0;
  let heap = 0;
  let out: CaseResult | undefined;
  for (let rep = 0; rep < reps; rep++) {
    if (rep > 0 && path !== 'core') input = generate();
    gc();
    // V8 sweeps after a full collection on background threads; with the market on the heap that
    // takes ~0.25 s at 1M, and whatever is left is finished by the next allocation, i.e. inside
    // the timed run. Wait for it: it is the cost of this gc(), not of match().
    await new Promise((r) => setTimeout(r, 1000));
    const rss0 = process.memoryUsage.rss();
    const heap0 = process.memoryUsage().heapUsed;
    peak[0] = rss0;
    const t0 = performance.now();
    let stats: Omit<CaseResult, 'size' | 'mechanism' | 'path' | 'reps' | 'msMedian' | 'msMin'>;
    if (floor) {
      const o = bareConversion(input);
      times.push(performance.now() - t0);
      heap = Math.max(heap, process.memoryUsage().heapUsed - heap0);
      stats = {
        peakRssMB: 0,
        heapMB: 0,
        pupils: Object.keys(o.lottery).length,
        placed: 0,
        firstChoice: 0,
        improved: 0,
        sicRounds: null,
        genMs,
      };
    } else if (path !== 'core') {
      const o = match(input);
      const dt = performance.now() - t0;
      times.push(dt);
      heap = Math.max(heap, process.memoryUsage().heapUsed - heap0);
      stats = {
        peakRssMB: 0,
        heapMB: 0,
        pupils: o.stats.pupils,
        placed: o.stats.placed,
        firstChoice: o.stats.firstChoice,
        improved: o.stats.improvedByCycles,
        sicRounds: null,
        genMs,
      };
    } else {
      const m = compiled!.market;
      const r = runCore(m, mechanism);
      const dt = performance.now() - t0;
      times.push(dt);
      heap = Math.max(heap, process.memoryUsage().heapUsed - heap0);
      let placed = 0;
      let first = 0;
      for (let p = 0; p < m.nPupils; p++) {
        if (r.choice[p] >= 0) placed++;
        if (r.choice[p] === m.prefStart[p]) first++;
      }
      stats = {
        peakRssMB: 0,
        heapMB: 0,
        pupils: m.nPupils,
        placed,
        firstChoice: first,
        improved: r.improvedByCycles,
        sicRounds: mechanism === 'DA_STB_SIC' ? r.sicRounds : null,
        genMs,
      };
    }
    await new Promise((r) => setTimeout(r, 10));
    peakRss = Math.max(peakRss, peak[0] - rss0);
    out = { size, mechanism, path, reps, msMedian: 0, msMin: 0, ...stats };
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  await sampler.terminate();
  times.sort((a, b) => a - b);
  return {
    ...out!,
    msMedian: times[Math.floor(times.length / 2)],
    msMin: times[0],
    peakRssMB: peakRss / MB,
    heapMB: heap / MB,
  };
}

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

function main(): void {
  const sizes = list('sizes', Object.keys(SIZES));
  const mechanisms = list('mechanisms', MECHANISMS);
  const paths = list('paths', PATHS);

  console.log('Overstap matching engine benchmark');
  console.log(`date      ${new Date().toISOString()}`);
  console.log(`node      ${process.version} (${process.platform} ${process.arch})`);
  console.log(`cpu       ${cpus()[0]?.model ?? '?'} × ${cpus().length}`);
  console.log(
    'markets   Zipf(0.9) popularity, capacity ≈ N/programs × U[0.5,1.5) (1% closed), ' +
      '15% of listed programs with priority class 1–3',
  );
  console.log(
    'time      median of reps; match = match() objects → output (checks on), ids fresh strings\n' +
      '          as from a database driver; json = the same on JSON.parse output (short ids arrive\n' +
      '          interned); core = runCore() on typed arrays; floor, floorjson = no engine, only\n' +
      '          reading the input objects and writing the two output objects (bench/conversion.ts)',
  );
  console.log('memory    peak RSS above pre-run RSS (sampled); heap retained after the run\n');

  const header = [
    pad('market', 26),
    pad('mechanism', 10),
    pad('path', 9),
    pad('ms', 9, true),
    pad('min ms', 9, true),
    pad('reps', 4, true),
    pad('peak RSS Δ', 11, true),
    pad('heap Δ', 9, true),
    pad('placed', 9, true),
    pad('1st choice', 10, true),
    pad('by SIC', 7, true),
    pad('rounds', 6, true),
    pad('target', 12, true),
  ].join('  ');
  console.log(header);
  console.log('-'.repeat(header.length));

  for (const size of sizes) {
    for (const mechanism of mechanisms) {
      for (const path of paths) {
        if (isFloor(path) && mechanism !== mechanisms[0]) continue;
        const child = spawnSync(
          process.execPath,
          [
            ...process.execArgv,
            '--expose-gc',
            __filename,
            `--child=${size}:${mechanism}:${path}`,
            ...(arg('reps') ? [`--reps=${arg('reps')}`] : []),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const line = child.stdout.trim().split('\n').pop() ?? '';
        if (child.status !== 0 || !line.startsWith('{')) {
          console.log(`${size} ${mechanism} ${path}: failed (exit ${child.status})`);
          continue;
        }
        const r = JSON.parse(line) as CaseResult;
        const target =
          path === 'match' || path === 'json' ? TARGETS[`${mechanism} ${size}`] : undefined;
        const verdict =
          target === undefined ? '' : `${r.msMedian < target ? 'ok' : 'MISSED'} <${target / 1000}s`;
        console.log(
          [
            pad(SIZES[size].label, 26),
            pad(isFloor(path) ? '-' : mechanism, 10),
            pad(path, 9),
            pad(r.msMedian.toFixed(1), 9, true),
            pad(r.msMin.toFixed(1), 9, true),
            pad(String(r.reps), 4, true),
            pad(`${r.peakRssMB.toFixed(0)} MB`, 11, true),
            pad(`${r.heapMB.toFixed(0)} MB`, 9, true),
            pad(String(r.placed), 9, true),
            pad(String(r.firstChoice), 10, true),
            pad(String(r.improved), 7, true),
            pad(r.sicRounds === null ? '' : String(r.sicRounds), 6, true),
            pad(verdict, 12, true),
          ].join('  '),
        );
      }
    }
  }
}

const childArg = arg('child');
if (childArg) {
  const [size, mechanism, path] = childArg.split(':') as [string, Mechanism, Path];
  runChild(size, mechanism, path).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  main();
}
