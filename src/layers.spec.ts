/**
 * The layers of the code, lowest first, and the check that no import runs from a lower layer up
 * to a higher one (issue 19 point 7): a rule lives in one module, and what it needs sits below it.
 * A module may import from its own layer and from any layer below. README.md "Where things live"
 * says which module owns which rule.
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

/**
 * Lowest first. A path ending in '/' is a folder, any other a file; a file is in the layer of the
 * longest path that holds it, and every *.entity.ts is in 'schema' unless a file path names it.
 * A new folder under src/ needs a place here (the test says so).
 */
const LAYERS: { name: string; paths: string[] }[] = [
  {
    // Framework-free helpers and the plumbing every feature stands on.
    name: 'kernel',
    paths: [
      'config/',
      'src/config.module.ts',
      'src/common/', // the error shape, validation, pagination, CSV, levels
      'src/calendar/', // school holidays and school days
      'src/matching/', // the engine: pure (see the test below)
      'src/logging/',
      'src/database/',
    ],
  },
  // The tables: entities refer to each other across features, and any layer may read them.
  { name: 'schema', paths: [] },
  {
    // Pure rules kept beside their feature but used below it.
    name: 'shared rules',
    paths: [
      'src/seasons/calendar.ts', // today's date in Amsterdam
      'src/seasons/amsterdam-time.ts',
      'src/transfer-requests/support-cipher.ts', // used by auth (second factors) too
      'src/proposals/deadline.ts', // a proposal's deadline: rounds schedule its jobs
    ],
  },
  {
    // Who is asking (and what they may see), queues, e-mail, metrics.
    name: 'platform',
    paths: [
      'src/access/',
      'src/auth/auth-user.ts',
      'src/auth/decorators.ts',
      'src/jobs/',
      'src/mail/',
      'src/metrics/metrics.ts',
    ],
  },
  { name: 'records', paths: ['src/audit/', 'src/notifications/'] },
  {
    name: 'accounts and reference data',
    paths: ['src/auth/', 'src/users/', 'src/regions/', 'src/schools/', 'src/seasons/'],
  },
  {
    // The offers with their places, and a request's lifecycle (its status, when it may be made).
    name: 'supply and requests',
    paths: [
      'src/offers/',
      'src/transfer-requests/lifecycle.ts',
      'src/transfer-requests/lifecycle.module.ts',
      'src/transfer-requests/status.ts',
      'src/transfer-requests/entry-window.ts',
      'src/transfer-requests/pupil-age.ts',
    ],
  },
  { name: 'rounds', paths: ['src/rounds/'] },
  { name: 'proposals', paths: ['src/proposals/'] },
  // The request form: entering, editing and withdrawing a request (which lapses its proposal).
  { name: 'request form', paths: ['src/transfer-requests/'] },
  { name: 'mediation', paths: ['src/mediation/'] },
  { name: 'reports', paths: ['src/monitor/', 'src/supply-demand/', 'src/retention/'] },
  {
    // What puts it all together: the API, the worker, the web app's module, the demo data.
    name: 'app',
    paths: [
      'src/app.module.ts',
      'src/configure-app.ts',
      'src/main.ts',
      'src/health/',
      'src/metrics/',
      'src/system/',
      'src/seed/',
      'src/web/',
      'workers/',
    ],
  },
];

/**
 * Imports that run up today, each until the change that removes it lands. `from -> to`, as
 * the failure lists them.
 */
const EXCEPTIONS = new Set<string>([]);

function layerOf(file: string): number | undefined {
  const named = LAYERS.findIndex((l) => l.paths.includes(file));
  if (named >= 0) return named;
  if (file.endsWith('.entity.ts')) return LAYERS.findIndex((l) => l.name === 'schema');
  let best: { layer: number; length: number } | undefined;
  LAYERS.forEach((l, layer) => {
    for (const p of l.paths)
      if (p.endsWith('/') && file.startsWith(p) && (!best || p.length > best.length))
        best = { layer, length: p.length };
  });
  return best?.layer;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = `${dir}/${d.name}`;
    if (d.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Every import, export … from, import() and require() with a literal name. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** A relative import as a path from the root (with its file name), or null for a package. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.relative(ROOT, path.resolve(ROOT, path.dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const full = path.join(ROOT, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile())
      return candidate.split(path.sep).join('/');
  }
  return base.split(path.sep).join('/');
}

// (These files are checks, not a part of the code they check.)
const FILES = [...sourceFiles('src'), ...sourceFiles('workers')].filter(
  (f) => f !== 'src/layers.spec.ts' && f !== 'src/ownership.spec.ts',
);
const IMPORTS = FILES.flatMap((from) =>
  importsOf(from).map((spec) => ({ from, spec, to: resolve(from, spec) })),
);

describe('layers', () => {
  it('places every file of src/ and workers/ in a layer', () => {
    expect(FILES.filter((f) => layerOf(f) === undefined)).toEqual([]);
    expect(FILES.length).toBeGreaterThan(100);
  });

  it('has no import from a lower layer up to a higher one', () => {
    const up: string[] = [];
    for (const { from, to } of IMPORTS) {
      if (to === null || !(to.startsWith('src/') || to.startsWith('workers/'))) continue;
      const a = layerOf(from)!;
      const b = layerOf(to);
      const edge = `${from} -> ${to}`;
      if (b !== undefined && b > a && !EXCEPTIONS.has(edge))
        up.push(`${edge} (${LAYERS[a].name} -> ${LAYERS[b].name})`);
    }
    expect(up).toEqual([]);
  });

  it('lists only exceptions that still exist', () => {
    const edges = new Set(IMPORTS.map(({ from, to }) => `${from} -> ${to}`));
    expect([...EXCEPTIONS].filter((e) => !edges.has(e))).toEqual([]);
  });

  it('keeps the matching engine pure: no framework, no database, no other module', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const impure = IMPORTS.filter(
      ({ from, spec, to }) =>
        from.startsWith('src/matching/') &&
        !from.endsWith('.spec.ts') && // specs may use test tools and generators
        (to === null ? !builtins.has(spec) : !to.startsWith('src/matching/')),
    ).map(({ from, spec }) => `${from} -> ${spec}`);
    expect(impure).toEqual([]);
  });
});
