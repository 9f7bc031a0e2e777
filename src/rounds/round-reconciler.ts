import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../../config/env.validation';
import { PeriodicPass } from '../jobs/periodic-pass';
import { RoundsService } from './rounds.service';

/**
 * In the worker: at start and then every ROUND_RECONCILE_MS, every round that should run and has
 * no job gets one again (RoundsService.reconcile). Not only at start: Redis can lose its data
 * (restart without persistence, FLUSHALL, failover) while the workers keep running. With Redis
 * unreachable a pass is skipped and the next one tries again. Each worker process runs it; job
 * ids are fixed, so two workers reconciling at once add each job once.
 */
@Injectable()
export class RoundReconciler extends PeriodicPass {
  constructor(
    private readonly rounds: RoundsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {
    super(new Logger(RoundReconciler.name), 'round reconciliation');
  }

  protected intervalMs(): number {
    return this.config.get('ROUND_RECONCILE_MS', { infer: true });
  }

  protected async work(): Promise<void> {
    const { requeued, failed } = await this.rounds.reconcile();
    if (requeued.length)
      this.logger.log(
        `re-queued ${requeued.length} round(s) without a job: ${requeued.join(', ')}`,
      );
    if (failed.length)
      this.logger.warn(
        `marked failed ${failed.length} round(s) whose job failed: ${failed.join(', ')}`,
      );
  }
}
