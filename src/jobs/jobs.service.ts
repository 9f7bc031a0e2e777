import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import { JobName, JobPayloads, QUEUE_OF, QueueName } from './jobs.types';

/** Defaults for every job: retried with backoff, finished jobs trimmed so Redis does not grow. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5000 },
};

@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.System) system: Queue,
    @InjectQueue(QueueName.Rounds) rounds: Queue,
    @InjectQueue(QueueName.Notifications) notifications: Queue,
  ) {
    this.queues = {
      [QueueName.System]: system,
      [QueueName.Rounds]: rounds,
      [QueueName.Notifications]: notifications,
    };
    // Without a listener an unreachable Redis would crash the process (BullMQ then prints each
    // error with its stack); /health reports it instead. Here, not in onModuleInit: the queues
    // try to connect as soon as they exist, and a refused connection is reported at once.
    for (const q of Object.values(this.queues)) {
      q.on('error', (err) => this.logger.warn(`queue ${q.name}: ${err.message}`));
    }
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Enqueues a job; pass `jobId` to de-duplicate (a second add with the same id is a no-op). */
  enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts: JobsOptions = {}): Promise<Job> {
    return this.queues[QUEUE_OF[name]].add(name, data, { ...DEFAULT_JOB_OPTIONS, ...opts });
  }
}
