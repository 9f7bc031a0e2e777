import { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { freePort } from '../scripts/services';
import { startRedisServer, stopRedisServer } from './private-redis';
import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Factory as FactoryT } from './factories';

/**
 * Transactions by context and the outbox (issue 19 point 4): a notice and its e-mail's job, and
 * an audit entry, are written in the transaction of the TransactionHost; the e-mail is queued
 * after commit, never for a rolled-back notice, and later when Redis was away at the commit.
 * Runs on a private redis-server (stopped midway), as test/redis-outage.e2e-spec.ts does.
 */
jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'overstap-outbox-mail-'));

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

const mailed = (notificationId: string) =>
  readdirSync(MAIL_DIR).filter((name) => name.endsWith(`-${notificationId}.json`)).length;

describe('transactions by context and the outbox', () => {
  let app: INestApplication;
  let worker: INestApplicationContext | undefined;
  let f: FactoryT;
  let region: Awaited<ReturnType<FactoryT['region']>>;
  let advisor: Awaited<ReturnType<FactoryT['user']>>;
  // The app's modules, imported once the environment below is set.
  let m: {
    TransactionHost: typeof TransactionHost;
    NotificationsService: typeof import('../src/notifications/notifications.service').NotificationsService;
    AuditService: typeof import('../src/audit/audit.service').AuditService;
    JobsService: typeof import('../src/jobs/jobs.service').JobsService;
    QueueName: typeof import('../src/jobs/jobs.types').QueueName;
  };
  let n = 0;

  const notify = (userId: string) =>
    app.get(m.NotificationsService).notify({
      regionId: region.id,
      userIds: [userId],
      kind: 'round.completed',
      subject: `Bericht ${++n}`,
      path: '/rondes',
      dedupeKey: `outbox-test:${n}`,
    });
  const tx = () => app.get<TransactionHost<TransactionalAdapterTypeOrm>>(m.TransactionHost);
  const emailJob = (id: string) =>
    app.get(m.JobsService).findJob(m.QueueName.Notifications, `email-${id}`);
  const outboxRows = async (id: string) =>
    (
      await f.db.query(`select count(*)::int as n from outbox where job_id = $1`, [`email-${id}`])
    )[0].n as number;
  const notices = async (id: string) =>
    (await f.db.query(`select count(*)::int as n from notifications where id = $1`, [id]))[0]
      .n as number;

  beforeAll(async () => {
    port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    // Configuration is read when the modules are first imported: set it before.
    process.env.REDIS_URL = redisUrl;
    process.env.MAIL_DIR = MAIL_DIR;
    process.env.OUTBOX_RELAY_MS = '500';
    await startRedis();
    m = {
      TransactionHost: (await import('@nestjs-cls/transactional')).TransactionHost,
      NotificationsService: (await import('../src/notifications/notifications.service'))
        .NotificationsService,
      AuditService: (await import('../src/audit/audit.service')).AuditService,
      JobsService: (await import('../src/jobs/jobs.service')).JobsService,
      QueueName: (await import('../src/jobs/jobs.types')).QueueName,
    };
    const { createTestApp } = await import('./app');
    const { Factory } = await import('./factories');
    app = await createTestApp();
    f = new Factory(app);
    region = await f.region();
    advisor = await f.user(region, 'advisor');
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await stopRedis();
    rmSync(MAIL_DIR, { recursive: true, force: true });
  });

  let rolledBack: string;

  it('a notice made in a transaction that rolls back leaves no notice, no outbox row and no e-mail job', async () => {
    await expect(
      tx().withTransaction(async () => {
        [rolledBack] = await notify(advisor.user.id);
        // Written, in this transaction only.
        expect(await outboxRows(rolledBack)).toBe(0);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(rolledBack).toEqual(expect.any(String));
    expect(await notices(rolledBack)).toBe(0);
    expect(await outboxRows(rolledBack)).toBe(0);
    expect(await emailJob(rolledBack)).toBeUndefined();
  });

  it('queues the e-mail job once the transaction commits, not before', async () => {
    let id = '';
    await tx().withTransaction(async () => {
      [id] = await notify(advisor.user.id);
      // Inside: the row is there for this transaction, and nothing is queued yet.
      const [{ n: inTx }] = await tx().tx.query(
        `select count(*)::int as n from outbox where job_id = $1`,
        [`email-${id}`],
      );
      expect(inTx).toBe(1);
      expect(await emailJob(id)).toBeUndefined();
    });
    const job = await emailJob(id);
    expect(job?.data).toMatchObject({ notificationId: id });
    expect(await notices(id)).toBe(1);
    // Sent, so gone from the outbox.
    expect(await outboxRows(id)).toBe(0);

    // Outside a transaction notify opens one of its own: the same after its commit.
    const [alone] = await notify(advisor.user.id);
    expect((await emailJob(alone))?.data).toMatchObject({ notificationId: alone });
    expect(await outboxRows(alone)).toBe(0);
  });

  it('a nested transaction (savepoint) that rolls back takes its notice along; the outer one is queued after the outer commit', async () => {
    const { Propagation } = await import('@nestjs-cls/transactional');
    let outer = '';
    let inner = '';
    await tx().withTransaction(async () => {
      [outer] = await notify(advisor.user.id);
      await expect(
        tx().withTransaction(Propagation.Nested, async () => {
          [inner] = await notify(advisor.user.id);
          throw new Error('savepoint rolled back');
        }),
      ).rejects.toThrow('savepoint rolled back');
      expect(await emailJob(outer)).toBeUndefined();
    });
    expect((await emailJob(outer))?.data).toMatchObject({ notificationId: outer });
    expect(await notices(inner)).toBe(0);
    expect(await emailJob(inner)).toBeUndefined();
    expect(await outboxRows(inner)).toBe(0);
  });

  it('an audit entry written in a failing transaction is rolled back with it', async () => {
    const user = {
      id: advisor.user.id,
      regionId: region.id,
      role: 'advisor' as const,
      schoolIds: [],
      sessionId: '',
    };
    const entries = async (action: string) =>
      (
        await f.db.query(
          `select count(*)::int as n from audit_log where user_id = $1 and action = $2`,
          [user.id, action],
        )
      )[0].n as number;
    await expect(
      tx().withTransaction(async () => {
        await app.get(m.AuditService).record(user, { entity: 'test', action: 'test.failed' });
        await app.get(m.AuditService).recordMany(user, [{ entity: 'test', action: 'test.failed' }]);
        throw new Error('failed');
      }),
    ).rejects.toThrow('failed');
    expect(await entries('test.failed')).toBe(0);

    await tx().withTransaction(() =>
      app.get(m.AuditService).record(user, { entity: 'test', action: 'test.committed' }),
    );
    expect(await entries('test.committed')).toBe(1);
  });

  it('with Redis away at the commit the row stays, and the worker’s relay sends it once Redis is back', async () => {
    // A proposal to accept over HTTP: its notice is written in the accept's transaction and
    // sent after its commit, as the others written here through TransactionHost.
    const { ProposalFactory } = await import('./factories/proposals');
    const season = await f.season(region);
    const sending = await f.school(region);
    const receiving = await f.school(region);
    const sender = await f.user(region, 'coordinator', [sending]);
    const receiver = await f.user(region, 'coordinator', [receiving]);
    const offer = await f.offer(season, receiving, 3, 'havo', 1);
    const pupil = await f.request(season, sending, [receiving]);
    const pf = new ProposalFactory(f.db);
    const p = await pf.proposal(await pf.round(season), pupil, offer);

    await stopRedis();
    let inTx = '';
    await tx().withTransaction(async () => {
      [inTx] = await notify(advisor.user.id);
    });
    const [alone] = await notify(advisor.user.id);
    // The request is answered as ever (not 503): the change is made; its e-mail waits.
    await request(app.getHttpServer())
      .post(`/api/proposals/${p.id}/accept`)
      .set({ authorization: `Bearer ${receiver.token}` })
      .expect(200);
    const [{ id: placed }] = await f.db.query(
      `select id from notifications where user_id = $1 and kind = 'pupil.placed'`,
      [sender.user.id],
    );
    const waiting = [inTx, alone, placed];
    for (const id of waiting) {
      expect(await notices(id)).toBe(1);
      expect(await outboxRows(id)).toBe(1);
    }

    // Redis is back; a worker starts: its relay (at start, then every 500 ms) queues the rows,
    // and the e-mails are sent, each once.
    await startRedis();
    const { createTestWorker } = await import('./app');
    worker = await createTestWorker();
    for (const id of waiting) {
      for (const end = Date.now() + 30_000; !mailed(id) && Date.now() < end;) await sleep(100);
      expect(mailed(id)).toBe(1);
      expect(await outboxRows(id)).toBe(0);
    }
    // The rolled-back notice of the first test was never mailed.
    expect(mailed(rolledBack)).toBe(0);
  });
});
