import { HttpException, HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis, { RedisOptions } from 'ioredis';
import { createHash } from 'node:crypto';
import { EnvironmentVariables } from '../../config/env.validation';
import { redisOptions } from '../jobs/redis-options';

/** Failed log-ins of one account within the window before it waits (same answer as a wrong password). */
export const ACCOUNT_FAILURES = 10;
/** Failed log-ins from one address within the window before the address gets 429. */
export const IP_FAILURES = 50;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const TOO_MANY_FAILURES =
  'Te veel mislukte inlogpogingen vanaf dit adres; probeer het over 15 minuten opnieuw';

/**
 * Options of the Redis client behind the rate limits (log-in and the throttled password routes):
 * every key under `<REDIS_PREFIX>:limiter:`, so all API instances share one count and a test run
 * its own; a command fails after a few retries instead of waiting for Redis forever.
 */
export function limiterRedisOptions(
  config: ConfigService<EnvironmentVariables, true>,
): RedisOptions {
  return {
    ...redisOptions(config.get('REDIS_URL', { infer: true })),
    keyPrefix: `${config.get('REDIS_PREFIX', { infer: true })}:limiter:`,
    maxRetriesPerRequest: 2,
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

// Reserves one try for the account: the try counts as a failure until it succeeds, so tries made
// at the same moment cannot pass the limit together. 0 = go on, 1 = the account waits, 2 = the
// address has too many failures. From the limit on, the account waits a whole window.
const RESERVE = `
local ip = tonumber(redis.call('GET', KEYS[2]) or '0')
if ip >= tonumber(ARGV[2]) then return 2 end
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return 1 end
n = redis.call('INCR', KEYS[1])
if n >= tonumber(ARGV[1]) or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 0`;

// A failed try: the account's reservation stays; the address counts one failure.
const FAILED = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

export type LoginVerdict = 'allowed' | 'locked';

/**
 * Limits failed log-ins, never successful ones: per account (ACCOUNT_FAILURES in the window, then
 * that account waits) and per address (IP_FAILURES failures, then 429). A successful log-in clears
 * its account's count. The counts live in Redis, so they hold across API instances.
 */
@Injectable()
export class LoginLimiter implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.redis = new Redis(limiterRedisOptions(config));
  }

  /** Before the password is checked: 'locked' when the account waits; 429 when the address does. */
  async reserve(email: string, ip: string): Promise<LoginVerdict> {
    const verdict = await this.redis.eval(
      RESERVE,
      2,
      this.accountKey(email),
      this.ipKey(ip),
      ACCOUNT_FAILURES,
      IP_FAILURES,
      FAILURE_WINDOW_MS,
    );
    if (verdict === 2) throw new HttpException(TOO_MANY_FAILURES, HttpStatus.TOO_MANY_REQUESTS);
    return verdict === 1 ? 'locked' : 'allowed';
  }

  /** The password was wrong (or the account unknown or disabled): the address counts it too. */
  async failed(ip: string): Promise<void> {
    await this.redis.eval(FAILED, 1, this.ipKey(ip), FAILURE_WINDOW_MS);
  }

  /** Logged in: the account's failures are forgotten. */
  async succeeded(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email));
  }

  // E-mail addresses and IP addresses are personal data: the keys hold a hash of them.
  private accountKey(email: string): string {
    return `login:account:${digest(email.toLowerCase())}`;
  }

  private ipKey(ip: string): string {
    return `login:ip:${digest(ip)}`;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
