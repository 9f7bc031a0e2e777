import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestApp } from './app';
import { Factory } from './factories';
import { startBulkRound, startWorker as startAnyWorker } from './worker-process';

/**
 * The worker is a real process here, killed with SIGKILL at points inside a round (while it
 * takes the snapshot, after the engine, while proposals are written). Whatever the moment,
 * the round is written completely or not at all, and the finished round has one set of proposals.
 */
jest.setTimeout(600_000);

// A short lock, so a killed worker's round is taken up again soon.
const startWorker = () => startAnyWorker({ ROUND_LOCK_MS: '1500' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function state(db: DataSource, roundId: string, seasonId: string) {
  const [r] = await db.query(`select status, progress, report from matching_rounds where id = $1`, [
    roundId,
  ]);
  const [c] = await db.query(
    `select (select count(*)::int from proposals where round_id = $1) as proposals,
            (select count(*)::int from transfer_requests where season_id = $2 and status = 'proposed') as proposed,
            (select count(*)::int from transfer_requests where season_id = $2 and status = 'mediation') as mediation,
            (select coalesce(sum(pending), 0)::int from offers where season_id = $2) as pending`,
    [roundId, seasonId],
  );
  return { ...r, ...c };
}

/** Either nothing of the round is written, or all of it. */
function expectAllOrNothing(s: Awaited<ReturnType<typeof state>>) {
  if (s.status === 'completed') {
    expect(s.proposals).toBe(s.report.placed);
    expect(s.proposed).toBe(s.proposals);
    expect(s.pending).toBe(s.proposals);
    expect(s.mediation).toBe(s.report.pupils - s.report.placed);
  } else {
    expect({
      proposals: s.proposals,
      proposed: s.proposed,
      pending: s.pending,
      mediation: s.mediation,
    }).toEqual({
      proposals: 0,
      proposed: 0,
      pending: 0,
      mediation: 0,
    });
  }
}

describe('a round survives kill -9 of its worker', () => {
  let app: INestApplication;
  let db: DataSource;

  /** A 20,000-pupil market with a round started on it (queued; no worker yet). */
  const bulkRound = (seed: number) => startBulkRound(app, 20_000, 150, seed);

  beforeAll(async () => {
    app = await createTestApp();
    db = new Factory(app).db;
  });
  afterAll(async () => {
    await app.close();
  });

  it('is fully written or not at all, and a retried job writes no second set', async () => {
    const { market, round } = await bulkRound(7);

    // Kill points: while snapshotting (progress 5), after the engine (30 → 70), while writing (70).
    const killAt = [5, 30, 70];
    for (const at of killAt) {
      // Progress left by the previous (killed) attempt must not count for this one.
      await db.query(`update matching_rounds set progress = 0 where id = $1`, [round.id]);
      const worker = startWorker();
      const exited = new Promise((r) => worker.once('exit', r));
      let killed = false;
      let seen = await state(db, round.id, market.seasonId);
      // Bounded by time, not by count: a busy machine starts the worker slowly.
      for (const until = Date.now() + 90_000; Date.now() < until && !killed;) {
        seen = await state(db, round.id, market.seasonId);
        if (seen.status === 'completed') break;
        if (seen.status === 'running' && seen.progress >= at) {
          worker.kill('SIGKILL');
          killed = true;
        } else await sleep(5);
      }
      if (!killed) worker.kill('SIGKILL');
      await exited;
      // The kill must have landed inside the round, not after it.
      expect({ at, killed, last: killed ? undefined : seen }).toEqual({
        at,
        killed: true,
        last: undefined,
      });
      expectAllOrNothing(await state(db, round.id, market.seasonId));
    }

    // A last worker picks the stalled job up again and finishes it.
    const worker = startWorker();
    let final = await state(db, round.id, market.seasonId);
    for (const until = Date.now() + 120_000; Date.now() < until && final.status !== 'completed';) {
      await sleep(100);
      final = await state(db, round.id, market.seasonId);
    }
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
    expect(final.status).toBe('completed');
    expectAllOrNothing(final);
    expect(final.proposals).toBeGreaterThan(15_000);
    const [dups] = await db.query(
      `select count(*)::int as n from (select request_id from proposals where round_id = $1 group by request_id having count(*) > 1) d`,
      [round.id],
    );
    expect(dups.n).toBe(0);
  });

  it('SIGTERM lets the worker finish its active round before it exits; no job is left active', async () => {
    const { market, round } = await bulkRound(11);
    const worker = startWorker();
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
      worker.once('exit', (code, signal) => r({ code, signal })),
    );
    let s = await state(db, round.id, market.seasonId);
    for (
      const until = Date.now() + 90_000;
      Date.now() < until && !(s.status === 'running' && s.progress >= 30);
    ) {
      await sleep(5);
      s = await state(db, round.id, market.seasonId);
    }
    expect(s.status).toBe('running');
    worker.kill('SIGTERM');
    // Nest closes the app (BullMQ waits for the active job), then re-raises the signal.
    const how = await exited;
    expect(how.code === 0 || how.signal === 'SIGTERM').toBe(true);
    const after = await state(db, round.id, market.seasonId);
    expect(after.status).toBe('completed');
    expectAllOrNothing(after);
    const { JobsService } = await import('../src/jobs/jobs.service');
    const { QueueName } = await import('../src/jobs/jobs.types');
    const queue = app.get(JobsService).queue(QueueName.Rounds);
    expect(await queue.getActiveCount()).toBe(0);
    expect(await (await queue.getJob(`round-${round.id}`))?.getState()).toBe('completed');
  });
});
