import { Injectable } from '@nestjs/common';
import { QueueUnavailableException } from '../common/errors';
import { JobsService, QUEUE_TIMEOUT_MS } from '../jobs/jobs.service';
import { JobName, QUEUE_OF, QueueName } from '../jobs/jobs.types';
import { QUEUE_STATES, QueueCounts } from '../metrics/metrics';

/** A round trip API → queue → worker, used to check that a worker is consuming jobs. */
@Injectable()
export class SystemService {
  constructor(private readonly jobs: JobsService) {}

  /** 503 (queue_unavailable) within 2 s when Redis is unreachable: the ping was not queued. */
  async ping(): Promise<{ jobId: string }> {
    const job = await this.jobs.enqueue(JobName.Ping, {});
    return { jobId: String(job.id) };
  }

  async pingState(jobId: string): Promise<{ jobId: string; state: string; result: unknown }> {
    const job = await this.jobs.findJob(QUEUE_OF[JobName.Ping], jobId);
    return {
      jobId,
      state: job ? await job.getState() : 'unknown',
      result: job?.returnvalue ?? null,
    };
  }

  /**
   * Each queue's jobs by state (admin view and the queue gauge of /metrics); counts only, no job
   * data. QueueUnavailableException when Redis is unreachable.
   */
  async queueCounts(): Promise<QueueCounts[]> {
    await this.jobs.ensureAvailable();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new QueueUnavailableException('timed out')),
        QUEUE_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([
        Promise.all(
          Object.values(QueueName).map(async (name) => {
            const counts = await this.jobs.queue(name).getJobCounts(...QUEUE_STATES);
            const row = { name } as QueueCounts;
            for (const state of QUEUE_STATES) row[state] = counts[state] ?? 0;
            return row;
          }),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  handlePing(): { pong: true; at: string } {
    return { pong: true, at: new Date().toISOString() };
  }
}
