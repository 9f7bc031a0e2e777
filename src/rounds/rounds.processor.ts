import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { DEFAULT_ROUND_LOCK_MS } from '../../config/env.validation';
import { JobHandlers } from '../jobs/job-handlers';
import { JobName, JobPayloads, QueueName } from '../jobs/jobs.types';
import { RoundsService } from './rounds.service';

// BullMQ renews the lock of a running round every LOCK_MS / 2 while the process lives, so a long
// round keeps it (only an event loop blocked for LOCK_MS / 2 or more would lose it; the engine
// blocks about a second at 200,000 pupils). A worker that died stops renewing: its lock expires
// after at most LOCK_MS and the next stalled check (every LOCK_MS / 2, by any live worker) puts
// the round back in the queue, so with the default 30 s another worker resumes it within ~45 s.
// Tests shorten it (ROUND_LOCK_MS).
const LOCK_MS = Number(process.env.ROUND_LOCK_MS || DEFAULT_ROUND_LOCK_MS);

@Processor(QueueName.Rounds, {
  concurrency: 1,
  lockDuration: LOCK_MS,
  lockRenewTime: Math.floor(LOCK_MS / 2),
  stalledInterval: Math.max(500, Math.floor(LOCK_MS / 2)),
  // Rounds are idempotent, so a job that stalled because its worker died is simply run again.
  maxStalledCount: 10,
})
export class RoundsProcessor extends WorkerHost {
  private readonly logger = new Logger(RoundsProcessor.name);

  constructor(
    private readonly rounds: RoundsService,
    private readonly handlers: JobHandlers,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    switch (job.name) {
      case JobName.RunRound: {
        const { roundId } = job.data as JobPayloads[JobName.RunRound];
        await this.rounds.execute(roundId, (pct) => job.updateProgress(pct));
        return;
      }
      case JobName.ExtendReminder: {
        const { roundId } = job.data as JobPayloads[JobName.ExtendReminder];
        await this.rounds.sendExtendReminder(roundId);
        return;
      }
      default:
        // The proposals' deadline and reminder jobs (src/proposals/proposal-jobs.ts).
        return this.handlers.run(job);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, err: Error): Promise<void> {
    if (!job || job.name !== JobName.RunRound) return;
    this.logger.warn(`round job ${job.id} attempt ${job.attemptsMade} failed: ${err.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.rounds.markFailed(
        (job.data as JobPayloads[JobName.RunRound]).roundId,
        err.message,
      );
    }
  }
}
