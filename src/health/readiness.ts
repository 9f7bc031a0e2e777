import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { HealthService } from './health.service';

/** Terminus indicators for /health/ready: each answers up or down, never throws. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly health: HealthService,
  ) {}

  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('database');
    return (await this.health.checkDatabase()) === 'up' ? check.up() : check.down();
  }

  async redis(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('redis');
    return (await this.health.checkRedis()) === 'up' ? check.up() : check.down();
  }

  /** Down while a migration is pending (or the database cannot say): the worker waits for it. */
  async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('migrations');
    const pending = await this.health.migrationsPending();
    if (pending === null) return check.down({ message: 'database unreachable' });
    return pending ? check.down({ message: 'migrations pending' }) : check.up();
  }
}
