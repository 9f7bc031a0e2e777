/**
 * The command-line entry, spawned as `npm run match` runs it (ts-node, transpile only).
 * All processes are started together in beforeAll to keep the suite fast.
 */
import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import type { MatchInput, MatchOutput } from './index';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = resolve(__dirname, '../..');
const cli = join(__dirname, 'cli.ts');

function runCli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', cli, ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const good: MatchInput = {
  seed: '2027-r1',
  mechanism: 'DA_STB_SIC',
  programs: [
    { id: 'P1', capacity: 1 },
    { id: 'P7', capacity: 2 },
  ],
  pupils: [
    { id: 'L1', preferences: ['P1', 'P7'], priorities: { P7: 1 } },
    { id: 'L2', preferences: ['P1'] },
    { id: 'L3', preferences: ['P7', 'P1'] },
  ],
};

const bad: Record<string, [string, RegExp]> = {
  'malformed JSON': ['{"seed": "x", "programs": [', /^invalid JSON|^malformed JSON/],
  'unknown program in preferences': [
    JSON.stringify({ ...good, pupils: [{ id: 'L1', preferences: ['P9'] }] }),
    /unknown program "P9"/,
  ],
  'duplicate pupil ids': [
    JSON.stringify({ ...good, pupils: [good.pupils[0], { ...good.pupils[1], id: 'L1' }] }),
    /duplicate pupil id "L1"/,
  ],
  'a program twice in one list': [
    JSON.stringify({ ...good, pupils: [{ id: 'L1', preferences: ['P1', 'P7', 'P1'] }] }),
    /program "P1" is listed twice/,
  ],
  'negative capacity': [
    JSON.stringify({ ...good, programs: [{ id: 'P1', capacity: -2 }] }),
    /\("P1"\): capacity must be a non-negative integer/,
  ],
  'non-integer capacity': [
    JSON.stringify({ ...good, programs: [{ id: 'P1', capacity: 0.5 }] }),
    /\("P1"\): capacity must be a non-negative integer/,
  ],
  'a lottery that is not a permutation': [
    JSON.stringify({ ...good, lottery: { L1: 1, L2: 2, L3: 2 } }),
    /lottery\["L3"\]: rank 2 is used twice/,
  ],
  'wrong mechanism': [
    JSON.stringify({ ...good, mechanism: 'TTC' }),
    /mechanism: unknown mechanism "TTC"/,
  ],
};

describe('cli (npm run match)', () => {
  let dir: string;
  const results = new Map<string, Run>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'overstap-match-'));
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(good));
    const jobs: [string, () => Promise<Run>][] = [
      ['file', () => runCli([file])],
      ['file-no-timing-1', () => runCli([file, '--no-timing'])],
      ['file-no-timing-2', () => runCli(['--no-timing', file])],
      ['stdin-dash', () => runCli(['-', '--no-timing'], JSON.stringify(good))],
      ['stdin', () => runCli(['--no-timing'], JSON.stringify(good))],
      ['missing-file', () => runCli([join(dir, 'nope.json')])],
      ['unknown-option', () => runCli([file, '--mechanism=DA_STB'])],
      ...Object.entries(bad).map(([name, [text]]): [string, () => Promise<Run>] => [
        name,
        () => runCli([], text),
      ]),
    ];
    // At most 4 at a time.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) {
        const [name, job] = jobs[next++];
        results.set(name, await job());
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file and writes the output JSON', () => {
    const r = results.get('file')!;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as MatchOutput;
    expect(Object.keys(out)).toEqual(['assignments', 'lottery', 'cutoffs', 'stats']);
    expect(Object.keys(out.assignments)).toEqual(['L1', 'L2', 'L3']);
    expect(Object.keys(out.cutoffs)).toEqual(['P1', 'P7']);
    expect(Object.keys(out.stats)).toEqual([
      'pupils',
      'placed',
      'firstChoice',
      'improvedByCycles',
      'ms',
    ]);
    expect(out.stats.pupils).toBe(3);
    expect(typeof out.stats.ms).toBe('number');
  });

  it('is byte-identical with --no-timing, from a file or stdin', () => {
    const a = results.get('file-no-timing-1')!;
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).stats.ms).toBe(0);
    for (const name of ['file-no-timing-2', 'stdin-dash', 'stdin']) {
      expect(results.get(name)!.code).toBe(0);
      expect(results.get(name)!.stdout).toBe(a.stdout);
    }
  });

  it('exits 2 when the file cannot be read', () => {
    const r = results.get('missing-file')!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cannot read .*nope\.json/);
  });

  it('exits 2 on an option it does not know', () => {
    const r = results.get('unknown-option')!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('unknown option --mechanism=DA_STB\n');
  });

  it.each(Object.entries(bad))(
    'exits 2 with one line naming the first bad item: %s',
    (name, [, message]) => {
      const r = results.get(name)!;
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    },
  );
});
