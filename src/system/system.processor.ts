import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QueueName } from '../jobs/jobs.types';
import { SystemService } from './system.service';

@Processor(QueueName.System)
export class SystemProcessor extends WorkerHost {
  constructor(private readonly system: SystemService) {
    super();
  }

  async process(_job: Job): Promise<unknown> {
    return this.system.handlePing();
  }
}
