import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../../config/env.validation';
import { DEFAULT_JOB_OPTIONS, JobsService } from '../jobs/jobs.service';
import { JobName, QUEUE_OF } from '../jobs/jobs.types';

/** One scheduler in Redis, whatever the number of workers: upserting it again changes nothing. */
export const RETENTION_SCHEDULER_ID = 'retention-erase-expired';

/**
 * In the worker: keeps the nightly erasure job's schedule in Redis in step with
 * RETENTION_SCHEDULE (a cron pattern in Amsterdam time, or `off`, which removes it).
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionScheduler.name);
  /** Settles once the schedule is in Redis (or failed, logged): start-up does not wait for it. */
  scheduled: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobs: JobsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: with Redis away the command waits for it, and the worker should start anyway.
    this.scheduled = this.schedule().catch((err: Error) =>
      this.logger.warn(`retention schedule not set: ${err.message}`),
    );
  }

  async schedule(): Promise<void> {
    const queue = this.jobs.queue(QUEUE_OF[JobName.EraseExpired]);
    const pattern = this.config.get('RETENTION_SCHEDULE', { infer: true });
    if (pattern === 'off') {
      await queue.removeJobScheduler(RETENTION_SCHEDULER_ID);
      return;
    }
    await queue.upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { pattern, tz: 'Europe/Amsterdam' },
      { name: JobName.EraseExpired, data: {}, opts: DEFAULT_JOB_OPTIONS },
    );
  }
}
