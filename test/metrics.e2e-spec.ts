import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Server } from 'node:http';
import * as net from 'node:net';
import request from 'supertest';
import { JobsService } from '../src/jobs/jobs.service';
import { QueueName } from '../src/jobs/jobs.types';
import { freePort } from '../scripts/services';
import { Factory } from './factories';

const TOKEN = 'metrics-token-for-the-e2e-spec';

/**
 * A minimal SMTP server: accepts every message, but refuses recipients whose address starts with
 * "bounce" (550), so both e-mail counters move through nodemailer's real SMTP transport.
 */
function smtpServer(): Promise<{ port: number; accepted: () => number; close: () => void }> {
  let accepted = 0;
  const server = net.createServer((socket) => {
    let inData = false;
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += String(chunk);
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            accepted++;
            socket.write('250 queued\r\n');
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
        else if (verb === 'MAIL') socket.write('250 ok\r\n');
        else if (verb === 'RCPT')
          socket.write(/<bounce/i.test(line) ? '550 no such user\r\n' : '250 ok\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        accepted: () => accepted,
        close: () => server.close(),
      }),
    ),
  );
}

/** The value of one series in Prometheus text, or undefined. */
function series(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('metrics', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let workerHttp: Server;
  let workerUrl: string;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let f: Factory;
  const http = () => request(app.getHttpServer());
  const scrape = async () =>
    (await http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    smtp = await smtpServer();
    // Read when the modules are first imported, hence the dynamic imports below.
    process.env.METRICS_TOKEN = TOKEN;
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    const { createTestApp, createTestWorker } = await import('./app');
    const { startWorkerHttp } = await import('../workers/worker-http');
    app = await createTestApp();
    worker = await createTestWorker();
    const port = await freePort();
    workerHttp = await startWorkerHttp(worker, port, '127.0.0.1');
    workerUrl = `http://127.0.0.1:${port}`;
    f = new Factory(app);
  });
  afterAll(async () => {
    workerHttp?.close();
    await worker?.close();
    await app?.close();
    smtp?.close();
  });

  it('/metrics is not public: 401 without or with a wrong token, outside /api', async () => {
    const none = await http().get('/metrics').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    await http().get('/metrics').set('authorization', 'Bearer not-the-token-at-all').expect(401);
    await http().get('/api/metrics').set('authorization', `Bearer ${TOKEN}`).expect(404);
    expect((await fetch(`${workerUrl}/metrics`)).status).toBe(401);
  });

  it('times requests by method, route pattern and status', async () => {
    const region = await f.region();
    const { token } = await f.user(region, 'advisor');
    const before = series(await scrape(), 'http_request_duration_seconds_count', {
      route: '/api/seasons/:id',
      status_code: '404',
    });
    await http()
      .get('/api/seasons/00000000-0000-4000-8000-000000000000')
      .set('authorization', `Bearer ${token}`)
      .expect(404);
    const res = await http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
    const labels = { method: 'GET', route: '/api/seasons/:id', status_code: '404' };
    expect(series(res.text, 'http_request_duration_seconds_count', labels)).toBe((before ?? 0) + 1);
    expect(
      series(res.text, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' }),
    ).toBe((before ?? 0) + 1);
    // Never the raw path with its id.
    expect(res.text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(series(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it("counts each queue's jobs by state, in /metrics and in the admin's queue view", async () => {
    const region = await f.region();
    const admin = await f.user(region, 'admin');
    const advisor = await f.user(region, 'advisor');
    const view = () =>
      http().get('/api/system/queues').set('authorization', `Bearer ${admin.token}`).expect(200);
    const failedBefore = (await view()).body.queues.find(
      (q: { name: string }) => q.name === 'notifications',
    ).failed as number;
    // A job the worker cannot handle fails at once (one attempt): one more failed job.
    await app
      .get(JobsService)
      .queue(QueueName.Notifications)
      .add('no.such.job', {}, { attempts: 1 });
    let queues: { name: string; failed: number; delayed: number; waiting: number }[] = [];
    for (let i = 0; i < 100; i++) {
      queues = (await view()).body.queues;
      if (queues.find((q) => q.name === 'notifications')!.failed > failedBefore) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(queues.map((q) => q.name).sort()).toEqual(['notifications', 'rounds', 'system']);
    expect(queues.find((q) => q.name === 'notifications')).toMatchObject({
      failed: failedBefore + 1,
      waiting: expect.any(Number),
      active: expect.any(Number),
      delayed: expect.any(Number),
      completed: expect.any(Number),
    });
    const text = await scrape();
    expect(series(text, 'overstap_queue_jobs', { queue: 'notifications', state: 'failed' })).toBe(
      failedBefore + 1,
    );
    for (const queue of ['system', 'rounds', 'notifications'])
      for (const state of ['waiting', 'active', 'delayed'])
        expect(series(text, 'overstap_queue_jobs', { queue, state })).toEqual(expect.any(Number));
    await http()
      .get('/api/system/queues')
      .set('authorization', `Bearer ${advisor.token}`)
      .expect(403);
  });

  it('counts e-mails sent and refused, in the process that sends them (API: password reset)', async () => {
    const region = await f.region();
    const ok = await f.user(region, 'advisor');
    const bounce = await f.user(region, 'advisor', [], {
      email: `bounce-${Date.now()}@example.test`,
    });
    const text0 = await scrape();
    const sent0 = series(text0, 'overstap_emails_sent_total') ?? 0;
    const failed0 = series(text0, 'overstap_emails_failed_total') ?? 0;
    for (const email of [ok.user.email, bounce.user.email])
      await http().post('/api/auth/password/forgot').send({ email }).expect(202);
    // Sent after the answer, in the background: wait for both.
    let text = '';
    for (let i = 0; i < 100; i++) {
      text = await scrape();
      if (
        (series(text, 'overstap_emails_sent_total') ?? 0) > sent0 &&
        (series(text, 'overstap_emails_failed_total') ?? 0) > failed0
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(series(text, 'overstap_emails_sent_total')).toBe(sent0 + 1);
    expect(series(text, 'overstap_emails_failed_total')).toBe(failed0 + 1);
    expect(text).toContain('# TYPE overstap_emails_sent_total counter');
  });

  it("the worker's port: /health, and /metrics with its rounds (duration, placed share) and e-mails", async () => {
    const health = await fetch(`${workerUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      database: 'up',
      redis: 'up',
      workers: 'up',
    });

    const region = await f.region();
    const season = await f.season(region);
    const [a, b] = [await f.school(region), await f.school(region)];
    const sending = await f.school(region);
    await f.offer(season, a, 3, 'havo', 2);
    await f.offer(season, b, 3, 'havo', 1);
    for (let i = 0; i < 4; i++) await f.request(season, sending, [a, b]);
    await f.user(region, 'coordinator', [a]);
    const { token } = await f.user(region, 'admin');
    const workerMetrics = async () => {
      const res = await fetch(`${workerUrl}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    // The spec files of a run share its database: a round another spec queued and never ran is run
    // by this worker (its reconciliation at start) and counted too. Count from when none is left
    // in the database or the queue, and its account (after the job) has had time to be taken.
    for (let i = 0; ; i++) {
      const [{ n }]: { n: number }[] = await f.db.query(
        `select count(*)::int as n from matching_rounds where status in ('queued', 'running')`,
      );
      const queued = await scrape();
      const jobs = ['waiting', 'active'].map(
        (state) => series(queued, 'overstap_queue_jobs', { queue: 'rounds', state }) ?? 0,
      );
      if (n === 0 && jobs[0] + jobs[1] === 0) break;
      if (i === 600) throw new Error(`${n} round(s) of other specs still queued or running`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
    const text0 = await workerMetrics();
    const runs0 = series(text0, 'overstap_round_duration_seconds_count', { dry_run: 'false' }) ?? 0;
    const completed0 = series(text0, 'overstap_rounds_total', { outcome: 'completed' }) ?? 0;
    const accepted0 = smtp.accepted();
    await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set('authorization', `Bearer ${token}`)
      .send({})
      .expect(201);
    let text = '';
    for (let i = 0; i < 200; i++) {
      text = await workerMetrics();
      const share = series(text, 'overstap_round_placed_share', { region_id: region.id });
      if (share !== undefined && (series(text, 'overstap_emails_sent_total') ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(series(text, 'overstap_round_placed_share', { region_id: region.id })).toBe(0.75);
    expect(series(text, 'overstap_round_duration_seconds_count', { dry_run: 'false' })).toBe(
      runs0 + 1,
    );
    expect(series(text, 'overstap_rounds_total', { outcome: 'completed' })).toBe(completed0 + 1);
    // The coordinator's and the admin's notices, e-mailed by the worker over SMTP.
    expect(series(text, 'overstap_emails_sent_total')).toBeGreaterThanOrEqual(1);
    expect(smtp.accepted()).toBeGreaterThan(accepted0);
    expect(series(text, 'overstap_emails_failed_total')).toBe(0);
  });
});
