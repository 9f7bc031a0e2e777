/**
 * `npm start`: reads `.env` as the API does, finds or starts Postgres and Redis, creates the
 * database when missing, runs pending migrations, then runs the API and the worker as two
 * processes. Ctrl-C (or SIGTERM) stops both and whatever it started.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate';
import { ensureWebBuilt } from './web-build';
import { typeormOptions } from '../src/database/typeorm-options';
import { isEmpty, printAccess, printLogins, webUrl } from '../src/seed/accounts';
import {
  createDatabaseIfMissing,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  loadDotEnv,
  Started,
  withDatabase,
} from './services';

const ROOT = path.resolve(__dirname, '..');

/**
 * The first run shows something: a demo region when the database is empty (never in production),
 * with its log-ins. Later runs say which accounts exist and how to get into one.
 */
async function seedOrShowAccess(url: string, redisUrl: string): Promise<void> {
  const demoPassword = process.env.DEMO_PASSWORD || undefined;
  const db = new DataSource(typeormOptions(url));
  await db.initialize();
  let empty: boolean;
  try {
    empty = await isEmpty(db);
    if (!empty) await printAccess(db, say, { url: webUrl(), demoPassword });
  } finally {
    await db.destroy();
  }
  if (empty) {
    say('empty database: seeding the demo region…');
    // Imported here: the seed's Nest modules read their configuration when first imported.
    const { seedDemoWith } = await import('../src/seed/run');
    const demoTotp = process.env.DEMO_TOTP_SECRET || undefined;
    printLogins(await seedDemoWith(url, redisUrl, demoPassword, demoTotp), say, webUrl());
  }
  say(`API docs: ${webUrl()}api/docs`);
}
const say = (s: string) => console.log(`[overstap] ${s}`);

export interface Prepared {
  started: Started[];
  databaseUrl: string;
  redisUrl: string;
}

/**
 * Everything before the processes start: `.env`, Postgres and Redis (found or started), the
 * database (created when missing, DATABASE_URL's as well as the default `overstap`) and its
 * migrations. On a failure it stops what it started.
 */
export async function prepare(log: (s: string) => void = say, envFile?: string): Promise<Prepared> {
  if (loadDotEnv(envFile)) log('read .env');
  const started: Started[] = [];
  try {
    const pg = await ensurePostgres(log);
    started.push(pg);
    const redis = await ensureRedis(log);
    started.push(redis);

    let databaseUrl = pg.url;
    if (pg.how === 'env') {
      if (await ensureDatabase(databaseUrl)) log(`database created: ${databaseName(databaseUrl)}`);
    } else {
      databaseUrl = withDatabase(pg.url, 'overstap');
      await createDatabaseIfMissing(pg.url, 'overstap');
    }
    log(
      `database: ${pg.how === 'embedded' ? 'embedded PostgreSQL' : pg.how === 'local' ? 'PostgreSQL on 127.0.0.1:5432' : 'DATABASE_URL'}`,
    );
    log(
      `redis: ${redis.how === 'private' ? `private redis-server (${redis.url})` : redis.how === 'local' ? 'Redis on 127.0.0.1:6379' : 'REDIS_URL'}`,
    );

    const applied = await runMigrations(databaseUrl);
    log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');
    return { started, databaseUrl, redisUrl: redis.url };
  } catch (err) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw err;
  }
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  let started: Started[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  let prepared: Prepared;
  try {
    prepared = await prepare(say);
  } catch (err) {
    console.error((err as Error).message);
    return stopAll(1);
  }
  started = prepared.started;
  const { databaseUrl, redisUrl } = prepared;
  if (process.env.NODE_ENV !== 'production') await seedOrShowAccess(databaseUrl, redisUrl);

  ensureWebBuilt(say);
  say(`web app: ${webUrl()}`);

  const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  const run = (entry: string) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', entry], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`[overstap] ${entry} exited with code ${code}; stopping the rest`);
        void stopAll(code || 1);
      }
    });
    children.push(child);
  };
  run('src/main.ts');
  run('workers/main.ts');
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`[overstap] could not start: ${err.message}`);
    process.exit(1);
  });
}
