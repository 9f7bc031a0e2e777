import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { QueueUnavailableException } from '../common/errors';

/**
 * A worker's pass run at start and then every `intervalMs()` (never two at once): the outbox
 * sweep, the round reconciliation. With Redis unreachable a pass is skipped, said once per outage,
 * and the next one tries again.
 */
export abstract class PeriodicPass implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private unavailable = false;

  /**
   * @param logger the subclass's logger
   * @param what the pass in a log line, e.g. 'round reconciliation'
   */
  protected constructor(
    protected readonly logger: Logger,
    private readonly what: string,
  ) {}

  protected abstract intervalMs(): number;
  /** One pass's work; logs what it did. */
  protected abstract work(): Promise<void>;

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
      this.intervalMs(),
    );
  }

  private async pass(): Promise<void> {
    try {
      await this.work();
      this.unavailable = false;
    } catch (e) {
      if (this.stopped) return; // connections closing under a last pass
      if (!(e instanceof QueueUnavailableException)) {
        this.logger.error(`${this.what} failed: ${(e as Error).message}`);
      } else if (!this.unavailable) {
        // Once per outage; JobsService has logged that Redis is away.
        this.logger.warn(`${this.what} waits for Redis`);
        this.unavailable = true;
      }
    }
  }
}
