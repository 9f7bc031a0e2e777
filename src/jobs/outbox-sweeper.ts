import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../../config/env.validation';
import { OutboxRelay } from './outbox';
import { PeriodicPass } from './periodic-pass';

/**
 * In the worker: at start and then every OUTBOX_RELAY_MS, the outbox rows nobody sent at their
 * commit (Redis was away, or the process ended in between) are queued. With Redis unreachable a
 * pass is skipped and the next one tries again. Each worker process runs it; `skip locked` and
 * the jobs' ids keep two workers from queueing a row twice.
 */
@Injectable()
export class OutboxSweeper extends PeriodicPass {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {
    super(new Logger(OutboxSweeper.name), 'outbox relay');
  }

  protected intervalMs(): number {
    return this.config.get('OUTBOX_RELAY_MS', { infer: true });
  }

  protected async work(): Promise<void> {
    const sent = await this.relay.send();
    if (sent) this.logger.log(`queued ${sent} job(s) left in the outbox`);
  }
}
