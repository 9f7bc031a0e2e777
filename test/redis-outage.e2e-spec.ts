import { INestApplication, INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { freePort } from '../scripts/services';
import { startRedisServer, stopRedisServer } from './private-redis';
import type { Factory as FactoryT } from './factories';

/**
 * Redis away, and Redis losing its data. This spec runs on a private redis-server of its own
 * (redis-server from PATH, on a free port), never on the run's shared Redis: it is stopped, and
 * wiped with FLUSHALL, which on the shared one would also wipe other test runs' keys.
 */
jest.setTimeout(180_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const QUEUE_UNAVAILABLE = {
  statusCode: 503,
  code: 'queue_unavailable',
  message: 'De wachtrij is even niet bereikbaar; probeer het over een minuut opnieuw.',
};

let port: number;
let redisUrl: string;
let redisServer: ChildProcess | undefined;

async function startRedis(): Promise<void> {
  redisServer = await startRedisServer(port, redisUrl);
}

async function stopRedis(): Promise<void> {
  const child = redisServer;
  redisServer = undefined;
  await stopRedisServer(child);
}

describe('Redis outage and data loss', () => {
  let app: INestApplication;
  let worker: INestApplicationContext | undefined;
  let f: FactoryT;
  let admin: { authorization: string };
  let region: Awaited<ReturnType<FactoryT['region']>>;
  const http = () => request(app.getHttpServer());

  /** A request, and how long its answer took. */
  async function timed(req: request.Test) {
    const t0 = Date.now();
    const res = await req;
    return { res, ms: Date.now() - t0 };
  }

  const roundsOf = async (seasonId: string) =>
    (await f.db.query(`select id, status from matching_rounds where season_id = $1`, [
      seasonId,
    ])) as { id: string; status: string }[];

  /** A season with 4 pupils and room for 3 at two schools. */
  async function market() {
    const season = await f.season(region);
    const a = await f.school(region);
    const b = await f.school(region);
    const sending = await f.school(region);
    await f.offer(season, a, 3, 'havo', 2);
    await f.offer(season, b, 3, 'havo', 1);
    for (let i = 0; i < 4; i++) await f.request(season, sending, [a, b]);
    return season;
  }

  /** A season whose round dates are still ahead. */
  const laterSeason = () =>
    f.season(region, {
      roundDates: ['2099-06-21', '2099-07-01'],
      endsOn: '2099-10-01',
      summerHolidayStart: '2099-07-10',
      entryCloses: '2099-06-18',
    });

  async function roundJob(roundId: string) {
    const { JobsService } = await import('../src/jobs/jobs.service');
    const { QueueName } = await import('../src/jobs/jobs.types');
    return app.get(JobsService).queue(QueueName.Rounds).getJob(`round-${roundId}`);
  }

  async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined | false>) {
    for (const end = Date.now() + ms; Date.now() < end;) {
      const v = await probe();
      if (v) return v;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  async function flushAll() {
    const client = new Redis(redisUrl);
    try {
      await client.flushall();
      expect(await client.dbsize()).toBe(0);
    } finally {
      client.disconnect();
    }
  }

  beforeAll(async () => {
    port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    // Configuration is read when the modules are first imported: set it before.
    process.env.REDIS_URL = redisUrl;
    process.env.ROUND_RECONCILE_MS = '1000';
    const { createTestApp } = await import('./app');
    const { Factory } = await import('./factories');
    // Redis is not running yet: the API starts anyway.
    app = await createTestApp();
    f = new Factory(app);
    region = await f.region();
    admin = { authorization: `Bearer ${(await f.user(region, 'admin')).token}` };
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await stopRedis();
  });

  it('answers 503 within 2 s while Redis has never been reachable, and makes no round', async () => {
    const ping = await timed(http().post('/api/system/ping').set(admin));
    expect({ status: ping.res.status, body: ping.res.body }).toEqual({
      status: 503,
      body: QUEUE_UNAVAILABLE,
    });
    expect(ping.ms).toBeLessThan(2000);

    const season = await market();
    const start = await timed(
      http().post(`/api/seasons/${season.id}/rounds`).set(admin).send({ dryRun: false }),
    );
    expect({ status: start.res.status, body: start.res.body }).toEqual({
      status: 503,
      body: QUEUE_UNAVAILABLE,
    });
    expect(start.ms).toBeLessThan(2000);
    expect(await roundsOf(season.id)).toEqual([]);

    const later = await laterSeason();
    const scheduled = await timed(
      http().post(`/api/seasons/${later.id}/rounds/schedule`).set(admin).send({}),
    );
    expect(scheduled.res.status).toBe(503);
    expect(scheduled.res.body.code).toBe('queue_unavailable');
    expect(scheduled.ms).toBeLessThan(2000);
    expect(await roundsOf(later.id)).toEqual([]);
  });

  it('queues again once Redis is there', async () => {
    await startRedis();
    const res = await until('a ping to be queued', 15_000, async () => {
      const r = await http().post('/api/system/ping').set(admin);
      return r.status === 202 && r;
    });
    expect(res.body.jobId).toEqual(expect.any(String));
  });

  it('after FLUSHALL the worker re-queues scheduled and queued rounds, at start and periodically; each runs once', async () => {
    // No worker yet: a round started now stays queued, and one scheduled for later waits.
    const season = await market();
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(admin)
      .send({})
      .expect(201);
    const queuedId: string = start.body.id;
    const later = await laterSeason();
    const sched = await http()
      .post(`/api/seasons/${later.id}/rounds/schedule`)
      .set(admin)
      .send({})
      .expect(200);
    const scheduledId: string = sched.body.items[0].id;
    const scheduledFor = Date.parse(sched.body.items[0].scheduledFor);
    expect(await roundJob(queuedId)).toBeDefined();
    expect(await roundJob(scheduledId)).toBeDefined();

    // Redis loses everything: the rounds' jobs are gone, the rows still say they should run.
    await flushAll();
    expect(await roundJob(queuedId)).toBeUndefined();
    expect(await roundJob(scheduledId)).toBeUndefined();

    // A worker starts: its first reconciliation queues both again, and the queued round runs.
    const { createTestWorker } = await import('./app');
    worker = await createTestWorker();
    const done = await until('the queued round to complete', 30_000, async () => {
      const r = await http().get(`/api/rounds/${queuedId}`).set(admin).expect(200);
      return ['completed', 'failed'].includes(r.body.status) && r.body;
    });
    expect(done.status).toBe('completed');
    const delayed = await roundJob(scheduledId);
    expect(await delayed?.getState()).toBe('delayed');
    // Due at its time still (09:00 Amsterdam on its date), not now.
    expect(Math.abs((delayed!.timestamp ?? 0) + (delayed!.delay ?? 0) - scheduledFor)).toBeLessThan(
      5000,
    );

    // Later, with the worker running, Redis loses its data again, and a round row is queued with
    // no job at all: the periodic reconciliation (every second here) queues both.
    await flushAll();
    const other = await market();
    const [orphan] = await f.db.query(
      `insert into matching_rounds (region_id, season_id, status, mechanism, seed, seed_hash)
       values ($1, $2, 'queued', 'DA_STB_SIC', 'abc', repeat('0', 64)) returning id`,
      [region.id, other.id],
    );
    await until('the scheduled round to be queued again', 15_000, async () => {
      const job = await roundJob(scheduledId);
      return job && (await job.getState()) === 'delayed';
    });
    const ran = await until('the orphan round to complete', 30_000, async () => {
      const r = await http().get(`/api/rounds/${orphan.id}`).set(admin).expect(200);
      return ['completed', 'failed'].includes(r.body.status) && r.body;
    });
    expect(ran.status).toBe('completed');

    // Re-queued again and again, each round ran once: one proposal per placed pupil.
    for (const id of [queuedId, orphan.id]) {
      const [c] = await f.db.query(
        `select count(*)::int as proposals, count(distinct request_id)::int as pupils,
                (select (report ->> 'placed')::int from matching_rounds where id = $1) as placed
           from proposals where round_id = $1`,
        [id],
      );
      expect(c.proposals).toBe(c.placed);
      expect(c.pupils).toBe(c.placed);
      expect(c.placed).toBe(3);
    }
    expect(await roundsOf(later.id)).toEqual(
      expect.arrayContaining([{ id: scheduledId, status: 'scheduled' }]),
    );
  });

  it('answers 503 within 2 s when Redis hangs mid-request, and the round it refused never runs', async () => {
    const season = await market();
    // Frozen, not gone: the connection stays open, so the API gets as far as writing the round
    // and sending the job, and hears nothing back.
    redisServer!.kill('SIGSTOP');
    let start: Awaited<ReturnType<typeof timed>>;
    try {
      start = await timed(http().post(`/api/seasons/${season.id}/rounds`).set(admin).send({}));
    } finally {
      redisServer!.kill('SIGCONT');
    }
    expect({ status: start.res.status, body: start.res.body }).toEqual({
      status: 503,
      body: QUEUE_UNAVAILABLE,
    });
    expect(start.ms).toBeLessThan(2000);
    expect(await roundsOf(season.id)).toEqual([]);
    // The job it sent may still land now: it finds no round and does nothing. Its pupils are
    // untouched, and the next start places them.
    await sleep(3000);
    expect(await roundsOf(season.id)).toEqual([]);
    const [untouched] = await f.db.query(
      `select count(*)::int as n from transfer_requests where season_id = $1 and status = 'submitted'`,
      [season.id],
    );
    expect(untouched.n).toBe(4);
    const again = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(admin)
      .send({})
      .expect(201);
    const done = await until('the round to complete', 30_000, async () => {
      const r = await http().get(`/api/rounds/${again.body.id}`).set(admin).expect(200);
      return ['completed', 'failed'].includes(r.body.status) && r.body;
    });
    expect(done).toMatchObject({ status: 'completed', counts: { proposals: 3 } });
  });

  it('answers 503 within 2 s when Redis goes away later, leaves no round behind, and recovers', async () => {
    await stopRedis();
    const ping = await timed(http().post('/api/system/ping').set(admin));
    expect({ status: ping.res.status, body: ping.res.body }).toEqual({
      status: 503,
      body: QUEUE_UNAVAILABLE,
    });
    expect(ping.ms).toBeLessThan(2000);

    const season = await market();
    const start = await timed(http().post(`/api/seasons/${season.id}/rounds`).set(admin).send({}));
    expect({ status: start.res.status, body: start.res.body }).toEqual({
      status: 503,
      body: QUEUE_UNAVAILABLE,
    });
    expect(start.ms).toBeLessThan(2000);
    // Nothing a worker could later run unasked.
    expect(await roundsOf(season.id)).toEqual([]);

    // Redis is back (empty): the same request starts the round, and the worker runs it.
    await startRedis();
    const again = await until('the round to be started', 15_000, async () => {
      const r = await http().post(`/api/seasons/${season.id}/rounds`).set(admin).send({});
      return r.status === 201 && r;
    });
    const done = await until('the round to complete', 60_000, async () => {
      const r = await http().get(`/api/rounds/${again.body.id}`).set(admin).expect(200);
      return ['completed', 'failed'].includes(r.body.status) && r.body;
    });
    expect(done.status).toBe('completed');
    expect((await roundsOf(season.id)).length).toBe(1);
  });
});
