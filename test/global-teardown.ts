import Redis from 'ioredis';
import { dropDatabase } from '../scripts/services';

/** Drops this run's database and Redis keys, then stops what global-setup started. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__OVERSTAP_TEST__;
  if (!state) return;
  await dropDatabase(state.serverUrl, state.db);
  const redis = new Redis(process.env.REDIS_URL as string);
  try {
    const prefix = process.env.REDIS_PREFIX as string;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  for (const s of state.started.reverse()) await s.stop();
}
