import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../../config/env.validation';
import { QueueUnavailableException } from '../common/errors';
import { RoundsService } from './rounds.service';

/**
 * In the worker: at start and then every ROUND_RECONCILE_MS, every round that should run and has
 * no job gets one again (RoundsService.reconcile). Not only at start: Redis can lose its data
 * (restart without persistence, FLUSHALL, failover) while the workers keep running. With Redis
 * unreachable a pass is skipped and the next one tries again. Each worker process runs it; job
 * ids are fixed, so two workers reconciling at once add each job once.
 */
@Injectable()
export class RoundReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RoundReconciler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private unavailable = false;

  constructor(
    private readonly rounds: RoundsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Bounded: with Redis away the pass gives up within QUEUE_TIMEOUT_MS and the worker starts.
    await this.runOnce();
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass now (also used by tests); the periodic passes never overlap. */
  async runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.runOnce().finally(() => this.schedule()),
      this.config.get('ROUND_RECONCILE_MS', { infer: true }),
    );
  }

  private async pass(): Promise<void> {
    try {
      const { requeued, failed } = await this.rounds.reconcile();
      if (requeued.length)
        this.logger.log(
          `re-queued ${requeued.length} round(s) without a job: ${requeued.join(', ')}`,
        );
      if (failed.length)
        this.logger.warn(
          `marked failed ${failed.length} round(s) whose job failed: ${failed.join(', ')}`,
        );
      this.unavailable = false;
    } catch (e) {
      if (this.stopped) return; // connections closing under a last pass
      if (!(e instanceof QueueUnavailableException)) {
        this.logger.error(`round reconciliation failed: ${(e as Error).message}`);
      } else if (!this.unavailable) {
        // Once per outage; JobsService has logged that Redis is away.
        this.logger.warn('round reconciliation waits for Redis');
        this.unavailable = true;
      }
    }
  }
}
