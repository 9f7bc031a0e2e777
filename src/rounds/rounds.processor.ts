import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { DEFAULT_ROUND_LOCK_MS } from '../../config/env.validation';
import { JobName, JobPayloads, QueueName } from '../jobs/jobs.types';
import { ProposalsService } from '../proposals/proposals.service';
import { RoundsService } from './rounds.service';

// A round may keep the event loop busy for seconds; its lock must outlast that. Tests shorten it
// (ROUND_LOCK_MS) to see a killed worker's job picked up again quickly.
const LOCK_MS = Number(process.env.ROUND_LOCK_MS ?? DEFAULT_ROUND_LOCK_MS);

@Processor(QueueName.Rounds, {
  concurrency: 1,
  lockDuration: LOCK_MS,
  stalledInterval: Math.max(500, Math.floor(LOCK_MS / 2)),
  // Rounds are idempotent, so a job that stalled because its worker died is simply run again.
  maxStalledCount: 10,
})
export class RoundsProcessor extends WorkerHost {
  private readonly logger = new Logger(RoundsProcessor.name);

  constructor(
    private readonly rounds: RoundsService,
    private readonly proposals: ProposalsService,
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
      case JobName.ProposalDeadline: {
        const { roundId } = job.data as JobPayloads[JobName.ProposalDeadline];
        await this.proposals.handleDeadline(roundId);
        return;
      }
      case JobName.ProposalReminder: {
        const { roundId } = job.data as JobPayloads[JobName.ProposalReminder];
        await this.proposals.sendReminder(roundId);
        return;
      }
      case JobName.ExtendReminder: {
        const { roundId } = job.data as JobPayloads[JobName.ExtendReminder];
        await this.rounds.sendExtendReminder(roundId);
        return;
      }
      default:
        throw new Error(`unknown job ${job.name}`);
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
