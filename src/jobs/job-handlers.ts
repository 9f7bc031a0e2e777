import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, JobPayloads } from './jobs.types';

type Handler = (job: Job) => Promise<void>;

/**
 * Who runs a job that travels on another feature's queue. The rounds queue also carries the
 * proposals' deadline and reminder jobs (one queue, so a worker takes them in turn with its
 * rounds); its processor runs its own jobs and hands the others here, so the dependency points
 * down: rounds does not know proposals, proposals registers with the jobs module. A handler is
 * registered in its provider's constructor, before any worker starts (workers start in
 * onModuleInit), and only in the worker (workers/worker.module.ts).
 */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<string, Handler>();

  register<N extends JobName>(name: N, handle: (data: JobPayloads[N]) => Promise<void>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} has a handler already`);
    this.handlers.set(name, (job) => handle(job.data as JobPayloads[N]));
  }

  /** Runs the job's handler; a job nobody handles fails (BullMQ retries it, then keeps it). */
  async run(job: Job): Promise<void> {
    const handle = this.handlers.get(job.name);
    if (!handle) throw new Error(`unknown job ${job.name}`);
    await handle(job);
  }
}
