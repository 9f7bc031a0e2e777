import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { redisOptions } from '../jobs/redis-options';

export type Status = 'up' | 'down';
export interface HealthReport {
  status: 'ok' | 'error';
  database: Status;
  redis: Status;
}

const TIMEOUT_MS = 1500;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    // Its own client that fails fast, so a down Redis answers "down" instead of queueing the ping.
    this.redis = new Redis({
      ...redisOptions(config.get('REDIS_URL', { infer: true })),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: TIMEOUT_MS,
      retryStrategy: () => 1000,
    });
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([this.checkDatabase(), this.checkRedis()]);
    return { status: database === 'up' && redis === 'up' ? 'ok' : 'error', database, redis };
  }

  /**
   * Whether migrations this build knows are not applied yet (TypeORM's showMigrations); null
   * when the database does not answer. The API's start runs them first, so readiness waits.
   */
  async migrationsPending(): Promise<boolean | null> {
    try {
      return await within(this.dataSource.showMigrations(), TIMEOUT_MS * 2);
    } catch {
      return null;
    }
  }

  async checkDatabase(): Promise<Status> {
    try {
      await within(this.dataSource.query('select 1'), TIMEOUT_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }

  async checkRedis(): Promise<Status> {
    try {
      if (this.redis.status === 'wait') await within(this.redis.connect(), TIMEOUT_MS);
      return (await within(this.redis.ping(), TIMEOUT_MS)) === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
