import { Injectable } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service';
import { JobName, QUEUE_OF } from '../jobs/jobs.types';

/** A round trip API → queue → worker, used to check that a worker is consuming jobs. */
@Injectable()
export class SystemService {
  constructor(private readonly jobs: JobsService) {}

  async ping(): Promise<{ jobId: string }> {
    const job = await this.jobs.enqueue(JobName.Ping, {});
    return { jobId: String(job.id) };
  }

  async pingState(jobId: string): Promise<{ jobId: string; state: string; result: unknown }> {
    const job = await this.jobs.queue(QUEUE_OF[JobName.Ping]).getJob(jobId);
    return {
      jobId,
      state: job ? await job.getState() : 'unknown',
      result: job?.returnvalue ?? null,
    };
  }

  handlePing(): { pong: true; at: string } {
    return { pong: true, at: new Date().toISOString() };
  }
}
