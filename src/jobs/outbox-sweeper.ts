import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../../config/env.validation';
import { QueueUnavailableException } from '../common/errors';
import { OutboxRelay } from './outbox';

/**
 * In the worker: at start and then every OUTBOX_RELAY_MS, the outbox rows nobody sent at their
 * commit (Redis was away, or the process ended in between) are queued. With Redis unreachable a
 * pass is skipped and the next one tries again. Each worker process runs it; `skip locked` and
 * the jobs' ids keep two workers from queueing a row twice.
 */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private unavailable = false;

  constructor(
    private readonly relay: OutboxRelay,
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
      this.config.get('OUTBOX_RELAY_MS', { infer: true }),
    );
  }

  private async pass(): Promise<void> {
    try {
      const sent = await this.relay.send();
      if (sent) this.logger.log(`queued ${sent} job(s) left in the outbox`);
      this.unavailable = false;
    } catch (e) {
      if (this.stopped) return; // connections closing under a last pass
      if (!(e instanceof QueueUnavailableException)) {
        this.logger.error(`outbox relay failed: ${(e as Error).message}`);
      } else if (!this.unavailable) {
        // Once per outage; JobsService has logged that Redis is away.
        this.logger.warn('outbox relay waits for Redis');
        this.unavailable = true;
      }
    }
  }
}
