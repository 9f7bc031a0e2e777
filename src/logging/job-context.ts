import { WorkerHost } from '@nestjs/bullmq';
import { Provider, Type } from '@nestjs/common';
import { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { runWithRequestId } from './request-context';

/** What every line about a job carries: ids only (the payload itself is never logged). */
export function jobBindings(job: Job): Record<string, unknown> {
  const requestId = (job.data as { requestId?: unknown } | undefined)?.requestId;
  return {
    ...(typeof requestId === 'string' ? { requestId } : {}),
    queue: job.queueName,
    job: job.name,
    jobId: job.id,
  };
}

/**
 * Runs each job of these processors inside a logging context, as nestjs-pino does per request:
 * every line logged while it runs (Nest's Logger included) carries jobBindings, so a job's lines
 * are found by the id of the request that queued it, and jobs it queues carry that id on.
 * It wraps `process` before @nestjs/bullmq binds it (that happens in onModuleInit, after every
 * provider, this one included, has been built), so the processors themselves stay as they are.
 */
export function jobLogContext(...processors: Type<WorkerHost>[]): Provider {
  return {
    provide: 'JOB_LOG_CONTEXT',
    inject: [PinoLogger, ...processors],
    useFactory: (logger: PinoLogger, ...hosts: WorkerHost[]) => {
      logger.setContext('Jobs');
      for (const host of hosts) {
        const process = host.process.bind(host);
        const run = async (job: Job, token?: string) => {
          const t0 = Date.now();
          try {
            const result: unknown = await process(job, token);
            const durationMs = Date.now() - t0;
            logger.info({ durationMs }, `job ${job.name} ${job.id} done in ${durationMs} ms`);
            return result;
          } catch (err) {
            const durationMs = Date.now() - t0;
            logger.warn(
              { durationMs, attempt: job.attemptsMade + 1 },
              `job ${job.name} ${job.id} failed (attempt ${job.attemptsMade + 1}): ${(err as Error).name}`,
            );
            throw err;
          }
        };
        host.process = (job: Job, token?: string) =>
          runWithRequestId(jobBindings(job).requestId as string | undefined, () =>
            logger.runInContext(() => run(job, token), { bindings: jobBindings(job) }),
          );
      }
      return true;
    },
  };
}
