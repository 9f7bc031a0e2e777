import { RedisOptions } from 'ioredis';

/**
 * ioredis options that BullMQ takes as they are too: BullMQ's own type of them has no
 * `retryStrategy: null` (never reconnect), which ioredis 6 allows.
 */
export type SharedRedisOptions = Omit<RedisOptions, 'retryStrategy'> & {
  retryStrategy?: (times: number) => number | void | null;
};

/** Turns REDIS_URL into ioredis options; BullMQ workers need maxRetriesPerRequest null. */
export function redisOptions(url: string): SharedRedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * The client that puts jobs on the queues (JobsService.enqueue), in the API and the worker. It
 * fails fast where a worker's connection waits: no offline queue (a command while disconnected is
 * refused at once, never sent later, after the caller was told it failed), no retries of a command
 * whose connection dropped, a bounded connect and command time, and a reconnect every second so it
 * is back soon after Redis is.
 */
export function producerRedisOptions(url: string): RedisOptions {
  return {
    ...redisOptions(url),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    commandTimeout: 2000,
    retryStrategy: () => 1000,
  };
}
