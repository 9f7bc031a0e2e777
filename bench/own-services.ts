import { randomBytes } from 'node:crypto';
import {
  createDatabaseIfMissing,
  dropDatabase,
  ensurePostgres,
  ensureRedis,
  withDatabase,
} from '../scripts/services';
import { runMigrations } from '../src/database/migrate';

export interface OwnServices {
  /** The benchmark's own database, migrated. */
  url: string;
  redisUrl: string;
  /** The benchmark's own Redis key prefix (queues, limiter counts). */
  prefix: string;
  /** What the app reads (also set in process.env): DATABASE_URL, REDIS_URL, REDIS_PREFIX, LOG_LEVEL. */
  env: Record<'DATABASE_URL' | 'REDIS_URL' | 'REDIS_PREFIX' | 'LOG_LEVEL', string>;
  /** Drops the database (unless kept) and stops what ensurePostgres/ensureRedis started. */
  close(keepDatabase?: boolean): Promise<void>;
}

/**
 * What every benchmark starts with, so that runs never see each other's data: a database of its
 * own (`overstap_bench_<kind>_<random>`, migrated) on the local or embedded PostgreSQL, and a
 * Redis key prefix of its own. Sets process.env before the caller imports the app's modules,
 * which read their configuration when they load.
 */
export async function ownServices(kind: string): Promise<OwnServices> {
  const pg = await ensurePostgres(() => undefined);
  const redis = await ensureRedis(() => undefined);
  const name = `overstap_bench_${kind}_${randomBytes(3).toString('hex')}`;
  await createDatabaseIfMissing(pg.url, name);
  const url = withDatabase(pg.url, name);
  const close = async (keepDatabase = false) => {
    if (!keepDatabase) await dropDatabase(pg.url, name);
    await pg.stop();
    await redis.stop();
  };
  try {
    await runMigrations(url);
  } catch (e) {
    await close();
    throw e;
  }
  const env = {
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `bench-${name}`,
    LOG_LEVEL: 'error',
  };
  Object.assign(process.env, env);
  return { url, redisUrl: redis.url, prefix: env.REDIS_PREFIX, env, close };
}
