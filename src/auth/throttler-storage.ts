import { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis, { RedisOptions } from 'ioredis';

// One round trip, atomic: count the hit, start the window on the first one, block past the
// limit; a block that has run out starts a new window with this hit.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local hitsTtl = redis.call('PTTL', KEYS[1])
if hitsTtl <= 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  hitsTtl = tonumber(ARGV[1])
end
local blockTtl = 0
local blocked = redis.call('GET', KEYS[2])
if blocked then
  blockTtl = redis.call('PTTL', KEYS[2])
elseif hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], 1, 'PX', ARGV[3])
  blocked = '1'
  blockTtl = tonumber(ARGV[3])
end
if blocked and blockTtl <= 0 then
  redis.call('DEL', KEYS[2])
  redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
  hits = 1
  hitsTtl = tonumber(ARGV[1])
  blocked = false
end
return { hits, hitsTtl, blocked and 1 or 0, blockTtl }
`;

/**
 * The throttled password routes' counts in Redis, so all API instances share them. In the
 * project itself because @nest-lab/throttler-storage-redis, which did this, does not admit
 * NestJS 12 (its peer range ends at 11). The keys are the guard's own (a hash of route, throttler
 * and tracker), so no e-mail or IP address is stored.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(options: RedisOptions) {
    this.redis = new Redis(options);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<{
    totalHits: number;
    timeToExpire: number;
    isBlocked: boolean;
    timeToBlockExpire: number;
  }> {
    const [totalHits, hitsTtl, blocked, blockTtl] = (await this.redis.eval(
      INCREMENT,
      2,
      `throttle:${throttlerName}:${key}:hits`,
      `throttle:${throttlerName}:${key}:blocked`,
      ttl,
      limit,
      blockDuration,
    )) as [number, number, number, number];
    // The guard wants seconds (it puts them in Retry-After and the X-RateLimit headers).
    return {
      totalHits,
      timeToExpire: Math.ceil(hitsTtl / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockTtl / 1000),
    };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
