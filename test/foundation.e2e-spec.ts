import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, createTestWorker } from './app';
import { Factory } from './factories';

describe('foundation (real Postgres and Redis)', () => {
  let app: INestApplication;
  let admin: string;

  beforeAll(async () => {
    app = await createTestApp();
    const f = new Factory(app);
    admin = `Bearer ${(await f.user(await f.region(), 'admin')).token}`;
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /health is 200 with database and Redis up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('serves OpenAPI generated from the controllers', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health']));
    const html = await request(app.getHttpServer()).get('/api/docs').expect(200);
    expect(html.text).toContain('swagger');
  });

  it('has entities that describe the migrated schema exactly (migration:generate finds nothing)', async () => {
    const log = await app.get(DataSource).driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('sets security headers (helmet)', async () => {
    const res = await request(app.getHttpServer()).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers an unknown route with 404, not 500', async () => {
    await request(app.getHttpServer()).get('/api/no-such-thing').expect(404);
  });

  it('answers malformed JSON with 400 saying so', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/system/ping')
      .set('authorization', admin)
      .set('content-type', 'application/json')
      .send('{"oops":')
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      message: 'De inhoud van het verzoek is geen geldige JSON',
    });
  });

  it('answers a body over the limit with 413 saying so', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/system/ping')
      .set('authorization', admin)
      .send({ pad: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large', message: 'Verzoek te groot' });
  });

  it('answers input nested deeper than any request needs with 400, before log-in too (was a 500)', async () => {
    const deep = (n: number): unknown => (n === 0 ? 'x' : [deep(n - 1)]);
    const res = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: deep(2000), password: 'x' })
      .expect(400);
    expect(res.body.message).toMatch(/te diep genest/);
  });

  describe('with a worker', () => {
    let worker: INestApplicationContext;
    beforeAll(async () => {
      worker = await createTestWorker();
    });
    afterAll(async () => {
      await worker.close();
    });

    it('a job enqueued through the API is finished by the worker', async () => {
      const enq = await request(app.getHttpServer())
        .post('/api/system/ping')
        .set('authorization', admin)
        .expect(202);
      const jobId: string = enq.body.jobId;
      expect(jobId).toBeTruthy();
      let state = '';
      let body: { state: string; result: { pong?: boolean } | null } = { state: '', result: null };
      for (let i = 0; i < 100 && state !== 'completed'; i++) {
        body = (
          await request(app.getHttpServer())
            .get(`/api/system/ping/${jobId}`)
            .set('authorization', admin)
            .expect(200)
        ).body;
        state = body.state;
        if (state !== 'completed') await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toBe('completed');
      expect(body.result?.pong).toBe(true);
    });
  });
});
