import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { JobsOptions } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { QueueUnavailableException } from '../common/errors';
import { afterCommit } from '../database/transactions';
import { currentRequestId } from '../logging/request-context';
import { JobsService } from './jobs.service';
import { JobName, JobPayloads } from './jobs.types';

/** What a job queued after commit may set; `jobId` makes a repeated add a no-op (as BullMQ's). */
export type OutboxOptions = Pick<JobsOptions, 'jobId' | 'delay' | 'attempts'>;

export interface OutboxEntry<N extends JobName = JobName> {
  name: N;
  data: JobPayloads[N];
  opts?: OutboxOptions;
}

/** Rows taken per statement by the relay. */
const BATCH = 100;

/**
 * Sends the outbox's committed rows to BullMQ and deletes them: right after the transaction that
 * wrote them commits (Outbox), and in the worker every OUTBOX_RELAY_MS (OutboxSweeper) for rows
 * that could not be sent then (Redis away, a crash between commit and send). A row is deleted only
 * once its job is queued, so a job is queued at least once; its job id (`email-<noticeId>`) and
 * the job's own check (an e-mailed notice is not sent again) make a second send harmless.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
  ) {}

  /**
   * After a commit: sends these rows (by row id or job id). Never throws: the transaction has
   * committed and the caller's work is done; what is not sent waits for the worker's relay.
   */
  async sendNow(which: { ids?: string[]; jobIds?: string[] }): Promise<void> {
    try {
      await this.send(which);
    } catch (e) {
      if (e instanceof QueueUnavailableException)
        this.logger.warn(`jobs left in the outbox until Redis is back: ${e.reason}`);
      else this.logger.error(`outbox not sent: ${(e as Error).message}`);
    }
  }

  /**
   * Sends committed rows (these, or all), oldest first, and deletes them; returns how many were
   * queued. Throws QueueUnavailableException when Redis is away; the rows not sent stay.
   */
  async send(which: { ids?: string[]; jobIds?: string[] } = {}): Promise<number> {
    let sent = 0;
    // Rows whose job BullMQ refused for another reason stay and are logged; later rows still go.
    const skipped: string[] = [];
    for (;;) {
      const pass = await this.db.transaction(async (m) => {
        // `skip locked`: a row being sent by another relay (the worker's, another request's) is
        // left to it, so none is sent twice at once; uncommitted rows are not seen at all.
        const rows: Row[] = await m.query(
          `select id, job_name, data, opts, job_id,
                  greatest(0, ceil(extract(epoch from run_at - clock_timestamp()) * 1000))::bigint
                    as delay
             from outbox
            where ($1::bigint[] is null or id = any($1::bigint[]))
              and ($2::varchar[] is null or job_id = any($2::varchar[]))
              and not (id = any($3::bigint[]))
            order by id limit ${BATCH}
              for update skip locked`,
          [which.ids ?? null, which.jobIds ?? null, skipped],
        );
        const done: string[] = [];
        let unavailable: QueueUnavailableException | undefined;
        for (const r of rows) {
          try {
            await this.jobs.enqueue(r.job_name as JobName, r.data as never, {
              ...r.opts,
              ...(r.job_id !== null ? { jobId: r.job_id } : {}),
              ...(r.delay !== null ? { delay: Number(r.delay) } : {}),
            });
            done.push(r.id);
          } catch (e) {
            if (e instanceof QueueUnavailableException) {
              unavailable = e;
              break;
            }
            skipped.push(r.id);
            this.logger.error(
              `outbox row ${r.id} (${r.job_name}) not queued: ${(e as Error).message}`,
            );
          }
        }
        if (done.length) await m.query(`delete from outbox where id = any($1::bigint[])`, [done]);
        return { taken: rows.length, done: done.length, unavailable };
      });
      sent += pass.done;
      if (pass.unavailable) throw pass.unavailable;
      if (pass.taken < BATCH) return sent;
    }
  }
}

interface Row {
  id: string;
  job_name: string;
  data: Record<string, unknown>;
  opts: Record<string, unknown>;
  job_id: string | null;
  delay: string | null;
}

/**
 * Jobs queued after commit: `add` writes the job to the outbox table in the current transaction
 * (TransactionHost), and it is sent when that transaction commits; a rolled-back transaction
 * leaves no job. Outside a transaction the row commits by itself and is sent at once. Redis being
 * away never fails the caller: the row waits for the worker's relay.
 */
@Injectable()
export class Outbox {
  /** The rows each open transaction has written so far, sent together after its commit. */
  private readonly unsent = new WeakMap<EntityManager, string[]>();

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly relay: OutboxRelay,
  ) {}

  add<N extends JobName>(name: N, data: JobPayloads[N], opts: OutboxOptions = {}): Promise<void> {
    return this.addMany([{ name, data, opts }]);
  }

  /** Writes the jobs in the current transaction; they are sent once it commits (or at once). */
  async addMany(jobs: OutboxEntry[]): Promise<void> {
    if (!jobs.length) return;
    const tx = this.txHost.tx;
    // The request's id goes with the job, as JobsService.enqueue adds it, also when sent later.
    const requestId = currentRequestId();
    // clock_timestamp(), not now(): a job added late in a long transaction (a round's) keeps its
    // whole delay.
    const rows: { id: string }[] = await tx.query(
      `insert into outbox (job_name, data, opts, job_id, run_at)
       select j ->> 'name', j -> 'data', j -> 'opts', j ->> 'jobId',
              clock_timestamp() + ((j ->> 'delay')::bigint * interval '1 millisecond')
         from jsonb_array_elements($1::jsonb) with ordinality as e(j, n)
        order by e.n
       on conflict (job_id) do nothing
       returning id`,
      [
        JSON.stringify(
          jobs.map(({ name, data, opts: { jobId, delay, ...opts } = {} }) => ({
            name,
            data: requestId ? { ...data, requestId } : data,
            opts,
            jobId: jobId ?? null,
            delay: delay ?? null,
          })),
        ),
      ],
    );
    const ids = rows.map((r) => r.id);
    if (!ids.length) return;
    // One send per transaction, of every row it wrote, however many adds it made.
    const queued = this.unsent.get(tx);
    if (queued) {
      queued.push(...ids);
      return;
    }
    const send = () => this.relay.sendNow({ ids });
    if (afterCommit(tx, send)) this.unsent.set(tx, ids);
    // Outside a transaction the insert has committed already.
    else await send();
  }
}
