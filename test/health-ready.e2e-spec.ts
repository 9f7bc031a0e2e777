import { INestApplication } from '@nestjs/common';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate';
import { typeormOptions } from '../src/database/typeorm-options';
import { dropDatabase, ensureDatabase, withDatabase } from '../scripts/services';

/**
 * Liveness and readiness (Terminus) against a database of this spec's own, migrated but for its
 * newest migration at first: as when a new release starts before its migrations have run.
 */
describe('/health/live and /health/ready', () => {
  const dbName = `${new URL(process.env.DATABASE_URL as string).pathname.slice(1)}_ready`;
  const url = withDatabase(process.env.DATABASE_URL as string, dbName);
  const files = readdirSync(path.join(__dirname, '..', 'migrations'))
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const newest = files[files.length - 1].replace(/\.ts$/, '');
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await ensureDatabase(url);
    const ds = new DataSource({
      ...typeormOptions(url),
      migrations: files.slice(0, -1).map((f) => path.join(__dirname, '..', 'migrations', f)),
    });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    // Read when the modules are first imported, hence the dynamic import. No METRICS_TOKEN here.
    process.env.DATABASE_URL = url;
    delete process.env.METRICS_TOKEN;
    const { createTestApp } = await import('./app');
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
    await dropDatabase(url, dbName);
  });

  it('is not ready while a migration is pending, and live all the same', async () => {
    const res = await http().get('/health/ready').expect(503);
    expect(res.body).toEqual({
      status: 'error',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
      error: { migrations: { status: 'down', message: 'migrations pending' } },
      details: {
        database: { status: 'up' },
        redis: { status: 'up' },
        migrations: { status: 'down', message: 'migrations pending' },
      },
    });
    await http()
      .get('/health/live')
      .expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    // The older check keeps its shape: it only asks whether the database and Redis answer.
    await http().get('/health').expect(200, { status: 'ok', database: 'up', redis: 'up' });
  });

  it(`is ready once the pending migration (${newest}) has run`, async () => {
    expect(await runMigrations(url)).toEqual([expect.stringContaining(newest.split('-')[0])]);
    const res = await http().get('/health/ready').expect(200);
    // Never a cached "ready" from a proxy.
    expect(res.headers['cache-control']).toMatch(/no-cache/);
    expect(res.body).toMatchObject({
      status: 'ok',
      details: {
        database: { status: 'up' },
        redis: { status: 'up' },
        migrations: { status: 'up' },
      },
    });
  });

  it('answers /metrics with 404 while METRICS_TOKEN is not set', async () => {
    await http().get('/metrics').expect(404);
    await http().get('/metrics').set('authorization', 'Bearer anything-at-all-here').expect(404);
  });
});
