/**
 * `npm start`: finds or starts Postgres and Redis, runs pending migrations, then runs the API
 * and the worker as two processes. Ctrl-C (or SIGTERM) stops both and whatever it started.
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
  ensurePostgres,
  ensureRedis,
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
  let empty = false;
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
    printLogins(await seedDemoWith(url, redisUrl, demoPassword), say, webUrl());
  }
  say(`API docs: ${webUrl()}api/docs`);
}
const say = (s: string) => console.log(`[overstap] ${s}`);

async function main(): Promise<void> {
  const started: Started[] = [];
  const children: ChildProcess[] = [];
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

  const pg = await ensurePostgres(say);
  started.push(pg);
  let redis: Started;
  try {
    redis = await ensureRedis(say);
  } catch (err) {
    console.error((err as Error).message);
    return stopAll(1);
  }
  started.push(redis);

  let databaseUrl = pg.url;
  if (pg.how !== 'env') {
    databaseUrl = withDatabase(pg.url, 'overstap');
    await createDatabaseIfMissing(pg.url, 'overstap');
  }
  say(
    `database: ${pg.how === 'embedded' ? 'embedded PostgreSQL' : pg.how === 'local' ? 'PostgreSQL on 127.0.0.1:5432' : 'DATABASE_URL'}`,
  );
  say(
    `redis: ${redis.how === 'private' ? `private redis-server (${redis.url})` : redis.how === 'local' ? 'Redis on 127.0.0.1:6379' : 'REDIS_URL'}`,
  );

  const applied = await runMigrations(databaseUrl);
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');
  if (process.env.NODE_ENV !== 'production') await seedOrShowAccess(databaseUrl, redis.url);

  ensureWebBuilt(say);
  say(`web app: ${webUrl()}`);

  const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
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

main().catch((err: Error) => {
  console.error(`[overstap] could not start: ${err.message}`);
  process.exit(1);
});
