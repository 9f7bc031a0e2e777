import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { redisOptions } from '../src/jobs/redis-options';
import { runMigrations } from '../src/database/migrate';
import { dropDatabase, ensureDatabase, freePort, withDatabase } from '../scripts/services';
import { prepare } from '../scripts/start';
import { createTestApp } from './app';
import { Factory } from './factories';

const ROOT = path.resolve(__dirname, '..');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts an entry point as `npm start` does (ts-node), with these variables on top of ours. */
function start(entry: string, env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => out, exited };
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The log lines of level info (LOG_LEVEL=log): pino's JSON, as outside development. */
const logLines = (out: string): { context?: string; msg?: string }[] =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((l) => l.level === 'info');

describe('start-up', () => {
  jest.setTimeout(180_000);
  const dbName = `${new URL(process.env.DATABASE_URL as string).pathname.slice(1)}_startup`;
  const databaseUrl = withDatabase(process.env.DATABASE_URL as string, dbName);
  const dir = mkdtempSync(path.join(tmpdir(), 'overstap-startup-'));
  const runs: Run[] = [];
  /** The database of the processes below: the first test makes it; alone, a test makes it here. */
  const ready = async () => {
    await ensureDatabase(databaseUrl);
    await runMigrations(databaseUrl);
  };

  afterAll(async () => {
    for (const r of runs) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await dropDatabase(databaseUrl, dbName);
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm start reads .env as the API does and creates the database DATABASE_URL names', async () => {
    const saved = { ...process.env };
    const file = path.join(dir, '.env');
    writeFileSync(
      file,
      [
        '# as in .env.example',
        `DATABASE_URL=${databaseUrl}`,
        `REDIS_URL=${process.env.REDIS_URL}`,
        'PUBLIC_URL=http://from-dot-env.test',
        'STARTUP_TEST_KEPT=from .env',
      ].join('\n'),
    );
    delete process.env.DATABASE_URL;
    delete process.env.REDIS_URL;
    delete process.env.PUBLIC_URL;
    process.env.STARTUP_TEST_KEPT = 'from the environment';
    const said: string[] = [];
    try {
      const prepared = await prepare((s) => said.push(s), file);
      expect(prepared.databaseUrl).toBe(databaseUrl);
      expect(prepared.redisUrl).toBe(saved.REDIS_URL);
      expect(process.env.PUBLIC_URL).toBe('http://from-dot-env.test');
      // As @nestjs/config: a variable set in the environment wins over the file.
      expect(process.env.STARTUP_TEST_KEPT).toBe('from the environment');
      expect(said).toContain(`database created: ${dbName}`);
      expect(said.some((s) => s.startsWith('migrations applied:'))).toBe(true);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('select count(*)::int as n from migrations');
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }

    // A second start finds it and changes nothing.
    const again: string[] = [];
    const saved2 = { ...process.env };
    process.env.DATABASE_URL = databaseUrl;
    try {
      await prepare((s) => again.push(s), path.join(dir, 'none.env'));
    } finally {
      Object.assign(process.env, saved2);
    }
    expect(again.some((s) => s.startsWith('database created'))).toBe(false);
    expect(again).toContain('migrations: up to date');
  });

  it('the API honours LOG_LEVEL', async () => {
    const api = async (level: string) => {
      const port = await freePort();
      const run = start('src/main.ts', {
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        LOG_LEVEL: level,
        MAIL_DIR: dir,
      });
      runs.push(run);
      await until('the API', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok);
      // Its last line ("API on …", when written) follows the listen; give it a moment.
      await new Promise((r) => setTimeout(r, 1000));
      run.child.kill('SIGTERM');
      await run.exited;
      return run.output();
    };
    await ready();
    expect(logLines(await api('warn'))).toEqual([]);
    const log = logLines(await api('log'));
    expect(
      log.some((l) => l.context === 'Api' && /^API on http:\/\/localhost:\d+/.test(l.msg ?? '')),
    ).toBe(true);
  });

  it('the worker honours LOG_LEVEL', async () => {
    const prefix = `${process.env.REDIS_PREFIX}:startup`;
    const queue = new Queue('system', {
      connection: redisOptions(process.env.REDIS_URL as string),
      prefix,
    });
    try {
      const worker = async (level: string) => {
        const run = start('workers/main.ts', {
          DATABASE_URL: databaseUrl,
          REDIS_PREFIX: prefix,
          LOG_LEVEL: level,
          MAIL_DIR: dir,
        });
        runs.push(run);
        await until('the worker', async () => (await queue.getWorkers()).length > 0);
        await new Promise((r) => setTimeout(r, 1000));
        run.child.kill('SIGTERM');
        expect(await run.exited).toBe(0);
        await until('the worker to leave', async () => (await queue.getWorkers()).length === 0);
        return run.output();
      };
      await ready();
      expect(logLines(await worker('warn'))).toEqual([]);
      const log = logLines(await worker('log'));
      expect(log.some((l) => l.context === 'Worker' && /^Worker started/.test(l.msg ?? ''))).toBe(
        true,
      );
    } finally {
      await queue.close();
    }
  });
});

describe('/seasons and /schools/directory page like every other list', () => {
  let app: INestApplication;
  let f: Factory;
  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
  });
  afterAll(() => app.close());

  it('answers { items, total, page, limit } within the region, and refuses a limit over 200', async () => {
    const region = await f.region();
    const other = await f.region();
    const seasons = [await f.season(region), await f.season(region), await f.season(region)];
    await f.season(other);
    const schools = [];
    for (const name of ['A-school', 'B-school', 'C-school']) {
      const school = await f.school(region, { name });
      await f.user(region, 'coordinator', [school]);
      schools.push(school);
    }
    await f.school(other, { name: 'A-andere regio' });
    const { token } = await f.user(region, 'advisor');
    const get = (url: string) =>
      request(app.getHttpServer()).get(url).set('authorization', `Bearer ${token}`);

    const first = await get('/api/seasons?limit=2').expect(200);
    const newestFirst = seasons.map((s) => s.name).sort((a, b) => b.localeCompare(a));
    expect(first.body).toEqual({
      items: [
        expect.objectContaining({ name: newestFirst[0] }),
        expect.objectContaining({ name: newestFirst[1] }),
      ],
      total: 3,
      page: 1,
      limit: 2,
    });
    const second = await get('/api/seasons?limit=2&page=2').expect(200);
    expect(second.body.items.map((s: { name: string }) => s.name)).toEqual([newestFirst[2]]);
    expect((await get('/api/seasons').expect(200)).body).toMatchObject({ page: 1, limit: 50 });
    await get('/api/seasons?limit=201').expect(400);

    const dir = await get('/api/schools/directory?limit=2&page=2').expect(200);
    expect(dir.body).toEqual({
      items: [
        expect.objectContaining({
          schoolId: schools[2].id,
          coordinators: [{ name: expect.any(String), email: expect.stringContaining('@') }],
        }),
      ],
      total: 3,
      page: 2,
      limit: 2,
    });
    await get('/api/schools/directory?page=0').expect(400);
  });
});
