import Redis from 'ioredis';

/**
 * Forgets every count of the rate limits (log-in failures, password routes) of this test run:
 * they live in Redis under `<REDIS_PREFIX>:limiter:` and outlast an app instance, and every test
 * request comes from the same address.
 */
export async function clearLimiter(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL as string);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${process.env.REDIS_PREFIX}:limiter:*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The keys of the rate limits in Redis now (to show where the counts live). */
export async function limiterKeys(): Promise<string[]> {
  const redis = new Redis(process.env.REDIS_URL as string);
  try {
    return await redis.keys(`${process.env.REDIS_PREFIX}:limiter:*`);
  } finally {
    redis.disconnect();
  }
}
