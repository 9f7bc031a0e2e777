import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Logger, PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/configure-app';
import { loggerParams } from '../src/logging/logger-params';
import { WorkerModule } from '../workers/worker.module';
import { Factory } from './factories';

type Line = Record<string, unknown> & { msg?: string };

/**
 * The API and the worker in this process, both logging through one pino logger whose lines land
 * in `raw` (the most verbose level, so nothing is held back from the checks).
 */
describe('logs', () => {
  const raw: string[] = [];
  const lines = (): Line[] => raw.map((l) => JSON.parse(l) as Line);
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const params = loggerParams({
      service: 'api',
      nodeEnv: 'test',
      logLevel: 'verbose',
      destination: { write: (s: string) => void raw.push(s) },
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(PARAMS_PROVIDER_TOKEN)
      .useValue(params)
      .compile();
    app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
    app.useLogger(app.get(Logger));
    await app.init();
    // The worker's logger is the same pino instance (one per process): its lines land here too.
    worker = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
    worker.useLogger(worker.get(Logger));
    await worker.init();
    f = new Factory(app);
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
  });

  async function until<T>(what: string, find: () => T | undefined, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const found = find();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('writes one JSON access line per request: method, route pattern, status, duration, user id, request id', async () => {
    const region = await f.region();
    const { user, token } = await f.user(region, 'advisor');
    const res = await http()
      .get('/api/seasons?limit=5')
      .set('authorization', `Bearer ${token}`)
      .set('x-request-id', 'trace-0001-abcdef')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('trace-0001-abcdef');
    const access = await until('the access line', () =>
      lines().find((l) => l.requestId === 'trace-0001-abcdef' && l.route),
    );
    expect(access).toMatchObject({
      level: 'info',
      name: 'api',
      method: 'GET',
      route: '/api/seasons',
      status: 200,
      userId: user.id,
      durationMs: expect.any(Number),
    });
    expect(typeof access.time).toBe('string');

    // An id that is not plain is replaced by a fresh one; an unknown route is not written out.
    const other = await http()
      .get('/api/no-such-thing/12345')
      .set('x-request-id', 'bad id <script>')
      .expect(404);
    const fresh = other.headers['x-request-id'];
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    const miss = await until('the 404 line', () =>
      lines().find((l) => l.requestId === fresh && l.status === 404),
    );
    expect(miss).toMatchObject({ route: '(unmatched)', userId: null, method: 'GET' });
    expect(raw.join('\n')).not.toContain('no-such-thing');
  });

  it("leaves a pupil's name and support needs out of every line, whatever the request", async () => {
    const region = await f.region();
    const season = await f.season(region);
    const sending = await f.school(region);
    const { token } = await f.user(region, 'coordinator', [sending]);
    const draft = await f.request(season, sending, [], { status: 'draft', submittedAt: null });
    const firstName = 'Xaverijn';
    const lastName = 'Quokkastraat';
    const support = 'dyscalculie-en-faalangst-geheim';
    const auth = { authorization: `Bearer ${token}` };
    const ok = await http()
      .patch(`/api/transfer-requests/${draft.id}`)
      .set(auth)
      .send({ firstName, lastName, supportNeeds: support })
      .expect(200);
    expect(ok.body.firstName).toBe(firstName);
    // Refused (bad postcode), and a search by name in the query string.
    await http()
      .patch(`/api/transfer-requests/${draft.id}`)
      .set(auth)
      .send({ firstName, postcode: 'nope', supportNeeds: support })
      .expect(400);
    await http()
      .get(`/api/transfer-requests?seasonId=${season.id}&q=${lastName}`)
      .set(auth)
      .expect(200);
    const id = ok.headers['x-request-id'];
    const access = await until('the PATCH line', () =>
      lines().find((l) => l.requestId === id && l.route),
    );
    expect(access).toMatchObject({
      method: 'PATCH',
      route: '/api/transfer-requests/:id',
      status: 200,
    });
    await until('the search line', () =>
      lines().find((l) => l.route === '/api/transfer-requests' && l.method === 'GET'),
    );
    const all = raw.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [firstName, lastName, support, token]) expect(all).not.toContain(secret);
    // The request's id is there, its path's id is not (route pattern only).
    expect(all).toContain(id);
    expect(all).not.toContain(draft.id);
  });

  it("carries the request id into the worker's lines for the job it queued", async () => {
    const region = await f.region();
    const { token } = await f.user(region, 'admin');
    const res = await http()
      .post('/api/system/ping')
      .set('authorization', `Bearer ${token}`)
      .set('x-request-id', 'ping-request-4242')
      .expect(202);
    const done = await until('the job line', () =>
      lines().find(
        (l) =>
          l.requestId === 'ping-request-4242' &&
          l.job === 'system.ping' &&
          /done/.test(l.msg ?? ''),
      ),
    );
    expect(done).toMatchObject({
      queue: 'system',
      jobId: res.body.jobId,
      context: 'Jobs',
      durationMs: expect.any(Number),
    });
  });

  it("logs a round's start, progress and end with its figures, under the id of the request that started it", async () => {
    const region = await f.region();
    const season = await f.season(region);
    const [a, b] = [await f.school(region), await f.school(region)];
    const sending = await f.school(region);
    await f.offer(season, a, 3, 'havo', 2);
    await f.offer(season, b, 3, 'havo', 1);
    for (let i = 0; i < 4; i++) await f.request(season, sending, [a, b]);
    const { token } = await f.user(region, 'admin');
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set('authorization', `Bearer ${token}`)
      .set('x-request-id', 'round-request-777')
      .send({})
      .expect(201);
    const roundId = start.body.id as string;
    const ours = () => lines().filter((l) => l.roundId === roundId);
    const end = await until('the round end line', () =>
      ours().find((l) => /completed/.test(l.msg ?? '')),
    );
    expect(end).toMatchObject({
      requestId: 'round-request-777',
      context: 'Rounds',
      pupils: 4,
      placed: 3,
      placedShare: 0.75,
      durationMs: expect.any(Number),
    });
    expect(end.msg).toContain('3 of 4 pupils placed (75.0 %)');
    const msgs = ours().map((l) => l.msg);
    expect(msgs).toContainEqual(expect.stringMatching(/started \(attempt 1\)/));
    expect(msgs).toContainEqual(expect.stringMatching(/at 30%/));
    expect(msgs.findIndex((m) => /started/.test(m ?? ''))).toBeLessThan(
      msgs.findIndex((m) => /completed/.test(m ?? '')),
    );
  });
});
