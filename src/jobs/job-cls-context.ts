import { WorkerHost } from '@nestjs/bullmq';
import { Provider, Type } from '@nestjs/common';
import { Job } from 'bullmq';
import { ClsService } from 'nestjs-cls';

/**
 * Runs each job of these processors in a CLS context of its own, as the API's middleware does
 * per request: a job has no HTTP request to open one, and what a job puts in the context (its
 * transaction, TransactionHost) must not leak into the next job. Wraps `process` the way
 * jobLogContext does (before @nestjs/bullmq binds it), so the processors stay as they are.
 */
export function jobClsContext(...processors: Type<WorkerHost>[]): Provider {
  return {
    provide: 'JOB_CLS_CONTEXT',
    inject: [ClsService, ...processors],
    useFactory: (cls: ClsService, ...hosts: WorkerHost[]) => {
      for (const host of hosts) {
        const process = host.process.bind(host);
        host.process = (job: Job, token?: string) => cls.run(() => process(job, token));
      }
      return true;
    },
  };
}
