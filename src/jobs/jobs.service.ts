import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Job, JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { EnvironmentVariables } from '../../config/env.validation';
import { QueueUnavailableException } from '../common/errors';
import { currentRequestId } from '../logging/request-context';
import { JobName, JobPayloads, QUEUE_OF, QueueName } from './jobs.types';
import { producerRedisOptions } from './redis-options';

/** Defaults for every job: retried with backoff, finished jobs trimmed so Redis does not grow. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5000 },
};

/** How long a queue operation waits for Redis to be connected (e.g. during a reconnect). */
export const QUEUE_READY_WAIT_MS = 1000;
/** How long a queue operation may take in all before it is QueueUnavailable (an API answers 503). */
export const QUEUE_TIMEOUT_MS = 1500;

/** ioredis' and BullMQ's words for "Redis is not there", as opposed to a bad command. */
const CONNECTION_ERROR =
  /Connection is closed|Stream isn't writeable|enableOfflineQueue|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|max retries per request|Reached the max retries|LOADING/i;

@Injectable()
export class JobsService implements OnModuleDestroy {
  private readonly logger = new Logger(JobsService.name);
  /** The queues registered with Nest: workers consume them; their connection waits for Redis. */
  private readonly queues: Record<QueueName, Queue>;
  /** The same queues on a client that fails fast (redis-options.ts): enqueue and lookups. */
  private readonly producer: Redis;
  private readonly producers: Record<QueueName, Queue>;
  private down = false;

  constructor(
    @InjectQueue(QueueName.System) system: Queue,
    @InjectQueue(QueueName.Rounds) rounds: Queue,
    @InjectQueue(QueueName.Notifications) notifications: Queue,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.queues = {
      [QueueName.System]: system,
      [QueueName.Rounds]: rounds,
      [QueueName.Notifications]: notifications,
    };
    this.producer = new Redis(producerRedisOptions(config.get('REDIS_URL', { infer: true })));
    const prefix = config.get('REDIS_PREFIX', { infer: true });
    const producer = (name: QueueName) => new Queue(name, { connection: this.producer, prefix });
    this.producers = {
      [QueueName.System]: producer(QueueName.System),
      [QueueName.Rounds]: producer(QueueName.Rounds),
      [QueueName.Notifications]: producer(QueueName.Notifications),
    };
    // Without a listener an unreachable Redis would crash the process (BullMQ then prints each
    // error with its stack); /health reports it instead. Here, not in onModuleInit: the queues
    // try to connect as soon as they exist, and a refused connection is reported at once.
    for (const q of Object.values(this.queues)) {
      q.on('error', (err) => this.logger.warn(`queue ${q.name}: ${err.message}`));
    }
    // The producer's errors are logged once per outage, not once per reconnect attempt.
    for (const q of Object.values(this.producers)) q.on('error', () => undefined);
    this.producer.on('error', (err) => {
      if (!this.down) this.logger.warn(`Redis unreachable, jobs cannot be queued: ${err.message}`);
      this.down = true;
    });
    this.producer.on('ready', () => {
      if (this.down) this.logger.log('Redis reachable again');
      this.down = false;
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(Object.values(this.producers).map((q) => q.close().catch(() => undefined)));
    this.producer.disconnect();
  }

  /** The queue as registered with Nest (its calls wait for Redis rather than fail). */
  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /**
   * Enqueues a job now; pass `jobId` to de-duplicate (a second add with the same id is a no-op).
   * Inside a transaction use Outbox.add instead: it queues the job once the transaction commits
   * (none if it rolls back) and keeps it for later while Redis is away; a job queued here from
   * inside one may run before the commit, or for changes that are then rolled back.
   * Throws QueueUnavailableException within QUEUE_TIMEOUT_MS when Redis is unreachable. While it
   * is disconnected nothing is sent (no offline queue); a job sent to a Redis that did not answer
   * in time may still land later, so a caller that undoes its writes must expect that job.
   */
  enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts: JobsOptions = {}): Promise<Job> {
    // The id of the request (or job) queueing it: the worker's lines for the job carry it too.
    const requestId = currentRequestId();
    if (requestId) data = { ...data, requestId };
    return this.withRedis((q) =>
      q[QUEUE_OF[name]].add(name, data, { ...DEFAULT_JOB_OPTIONS, ...opts }),
    );
  }

  /** A job by id, or undefined; QueueUnavailableException when Redis is unreachable. */
  async findJob(queue: QueueName, id: string): Promise<Job | undefined> {
    return this.withRedis((q) => q[queue].getJob(id));
  }

  /** Resolves when Redis is connected; QueueUnavailableException after QUEUE_READY_WAIT_MS. */
  async ensureAvailable(): Promise<void> {
    await this.whenReady(Date.now() + QUEUE_READY_WAIT_MS);
  }

  private async withRedis<T>(fn: (q: Record<QueueName, Queue>) => Promise<T>): Promise<T> {
    const started = Date.now();
    await this.whenReady(started + QUEUE_READY_WAIT_MS);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        fn(this.producers),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new QueueUnavailableException('timed out')),
            Math.max(0, started + QUEUE_TIMEOUT_MS - Date.now()),
          );
        }),
      ]);
    } catch (e) {
      if (e instanceof QueueUnavailableException) throw e;
      const message = e instanceof Error ? e.message : String(e);
      if (this.producer.status !== 'ready' || CONNECTION_ERROR.test(message))
        throw new QueueUnavailableException(message);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private whenReady(deadline: number): Promise<void> {
    const client = this.producer;
    if (client.status === 'ready') return Promise.resolve();
    if (client.status === 'end') return Promise.reject(new QueueUnavailableException('closed'));
    return new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(
        () => {
          client.off('ready', onReady);
          reject(new QueueUnavailableException(`not connected (${client.status})`));
        },
        Math.max(0, deadline - Date.now()),
      );
      client.once('ready', onReady);
    });
  }
}
