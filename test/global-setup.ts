/**
 * Once per `jest` run: find or start Postgres and Redis, create this run's own database and
 * Redis key prefix, and migrate. The e2e specs read the result from process.env.
 */
import { randomBytes } from 'node:crypto';
import { runMigrations } from '../src/database/migrate';
import {
  createDatabaseIfMissing,
  ensurePostgres,
  ensureRedis,
  Started,
  withDatabase,
} from '../scripts/services';

declare global {
  var __OVERSTAP_TEST__: { started: Started[]; serverUrl: string; db: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const quiet = () => undefined;
  const pg = await ensurePostgres(quiet);
  const redis = await ensureRedis(quiet);
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const db = `overstap_test_${id}`;
  await createDatabaseIfMissing(pg.url, db);
  const url = withDatabase(pg.url, db);
  await runMigrations(url);
  process.env.DATABASE_URL = url;
  process.env.REDIS_URL = redis.url;
  process.env.REDIS_PREFIX = `overstap-test-${id}`;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = 'error';
  // No nightly erasure of the test database while a run crosses 02:30 (retention's spec sets one).
  process.env.RETENTION_SCHEDULE = 'off';
  globalThis.__OVERSTAP_TEST__ = { started: [pg, redis], serverUrl: pg.url, db };
}
