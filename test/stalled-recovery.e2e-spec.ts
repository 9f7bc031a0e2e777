import { INestApplication } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DEFAULT_ROUND_LOCK_MS } from '../config/env.validation';
import { JobsService } from '../src/jobs/jobs.service';
import { QueueName } from '../src/jobs/jobs.types';
import { createTestApp } from './app';
import { Factory } from './factories';
import { startBulkRound, startWorker as startAnyWorker } from './worker-process';

/**
 * Worker processes with the DEFAULT lock settings (ROUND_LOCK_MS unset: 30 s, renewed every 15 s,
 * stalled check every 15 s). A round whose worker is killed with SIGKILL is resumed by another
 * worker and completed within 60 s; a healthy round that runs longer than the lock, with a second
 * worker watching for stalled jobs, keeps its lock and runs once.
 */
jest.setTimeout(300_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The default lock: ROUND_LOCK_MS unset.
const startWorker = () => startAnyWorker({ ROUND_LOCK_MS: undefined });

async function stop(worker: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((r) => worker.once('exit', r));
  worker.kill(signal);
  await exited;
}

describe('stalled rounds with the default lock settings', () => {
  let app: INestApplication;
  let db: DataSource;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    db = new Factory(app).db;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => stop(w, 'SIGKILL')));
  });
  afterAll(async () => {
    await app.close();
  });

  /** A market with a round started on it (queued; no worker yet). */
  const bulkRound = (pupils: number, seed: number) => startBulkRound(app, pupils, 60, seed);

  const roundState = async (id: string) =>
    (
      await db.query(
        `select status, progress, (report ->> 'placed')::int as placed,
                (select count(*)::int from proposals where round_id = $1) as proposals,
                (select count(distinct request_id)::int from proposals where round_id = $1) as pupils
           from matching_rounds where id = $1`,
        [id],
      )
    )[0] as { status: string; progress: number; placed: number; proposals: number; pupils: number };

  const job = (roundId: string) =>
    app.get(JobsService).queue(QueueName.Rounds).getJob(`round-${roundId}`);

  /** The round's job once it has finished (its notices follow the round's commit). */
  async function finishedJob(roundId: string) {
    let j = await job(roundId);
    for (const end = Date.now() + 30_000; Date.now() < end;) {
      if (['completed', 'failed'].includes(String(await j?.getState()))) break;
      await sleep(100);
      j = await job(roundId);
    }
    return j;
  }

  it('defaults to a 30 s lock', () => {
    expect(DEFAULT_ROUND_LOCK_MS).toBe(30_000);
  });

  it('resumes a round whose worker was killed (SIGKILL) on another worker, completed within 60 s', async () => {
    const { round } = await bulkRound(5_000, 3);
    const first = startWorker();
    workers.push(first);
    let s = await roundState(round.id);
    for (const end = Date.now() + 90_000; Date.now() < end && s.status !== 'running';) {
      await sleep(5);
      s = await roundState(round.id);
    }
    expect(s.status).toBe('running');
    await stop(first, 'SIGKILL');
    const killedAt = Date.now();
    // The kill landed inside the round: nothing of it is written.
    expect(await roundState(round.id)).toMatchObject({ status: 'running', proposals: 0 });

    const second = startWorker();
    workers.push(second);
    for (const end = killedAt + 90_000; Date.now() < end && s.status !== 'completed';) {
      await sleep(250);
      s = await roundState(round.id);
    }
    const took = Date.now() - killedAt;
    expect(s.status).toBe('completed');
    expect(took).toBeLessThan(60_000);
    // One set of proposals, from the attempt that completed.
    expect(s.proposals).toBe(s.placed);
    expect(s.pupils).toBe(s.placed);
    expect(s.placed).toBeGreaterThan(3_000);
    // It came back through BullMQ's stalled check, not by luck of a retry.
    const j = await finishedJob(round.id);
    expect(await j?.getState()).toBe('completed');
    expect(j?.stalledCounter).toBeGreaterThanOrEqual(1);
  });

  it('keeps the lock of a healthy round that runs longer than the lock: no other worker takes it over', async () => {
    const { market, round } = await bulkRound(2_000, 5);
    // Hold one of the season's requests: the round waits for it in its snapshot (FOR UPDATE),
    // alive and renewing its lock, for longer than the lock lasts.
    const holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(
        `select id from transfer_requests where season_id = $1 and status = 'submitted' limit 1 for update`,
        [market.seasonId],
      );
      workers.push(startWorker(), startWorker());
      let s = await roundState(round.id);
      for (const end = Date.now() + 90_000; Date.now() < end && s.status !== 'running';) {
        await sleep(50);
        s = await roundState(round.id);
      }
      expect(s.status).toBe('running');
      // Longer than the lock, and more than two stalled checks of the idle worker.
      await sleep(DEFAULT_ROUND_LOCK_MS + 15_000);
      expect(await roundState(round.id)).toMatchObject({ status: 'running', proposals: 0 });
      const active = await job(round.id);
      expect(await active?.getState()).toBe('active');
      expect(active?.stalledCounter).toBe(0);
      await holder.query('commit');
    } finally {
      await holder.end();
    }
    let s = await roundState(round.id);
    for (const end = Date.now() + 60_000; Date.now() < end && s.status !== 'completed';) {
      await sleep(100);
      s = await roundState(round.id);
    }
    expect(s.status).toBe('completed');
    expect(s.proposals).toBe(s.placed);
    expect(s.pupils).toBe(s.placed);
    const j = await finishedJob(round.id);
    expect(await j?.getState()).toBe('completed');
    // Started once, never moved back to the queue by a stalled check.
    expect(j?.stalledCounter).toBe(0);
    expect(j?.attemptsStarted).toBe(1);
    expect(j?.failedReason).toBeFalsy();
  });
});
