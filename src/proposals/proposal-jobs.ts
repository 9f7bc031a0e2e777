import { Injectable } from '@nestjs/common';
import { JobHandlers } from '../jobs/job-handlers';
import { JobName } from '../jobs/jobs.types';
import { ProposalsService } from './proposals.service';

/**
 * The proposals' jobs: a round's response deadline and the reminder the school day before. They
 * travel on the rounds queue (queued by the round that made the proposals), whose processor hands
 * them here through JobHandlers. Provided by the worker only (workers/worker.module.ts).
 */
@Injectable()
export class ProposalJobs {
  constructor(handlers: JobHandlers, proposals: ProposalsService) {
    handlers.register(JobName.ProposalDeadline, async ({ roundId }) => {
      await proposals.handleDeadline(roundId);
    });
    handlers.register(JobName.ProposalReminder, async ({ roundId }) => {
      await proposals.sendReminder(roundId);
    });
  }
}
