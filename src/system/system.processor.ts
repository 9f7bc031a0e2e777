import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../jobs/jobs.types';
import { RetentionService } from '../retention/retention.service';
import { SystemService } from './system.service';

@Processor(QueueName.System)
export class SystemProcessor extends WorkerHost {
  constructor(
    private readonly system: SystemService,
    private readonly retention: RetentionService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    // The nightly erasure (RetentionScheduler); its result holds season ids and counts only.
    if (job.name === JobName.EraseExpired) return this.retention.eraseExpired();
    return this.system.handlePing();
  }
}
