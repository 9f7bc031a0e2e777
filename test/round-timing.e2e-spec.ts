import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Region } from '../src/regions/region.entity';
import { createTestApp, createTestWorker } from './app';
import { Factory } from './factories';
import { insertBulkMarket } from './factories/bulk-market';

/**
 * A round's times are the wall clock's: it finishes after its engine has run and its proposals are
 * written, not when its transaction began, and its view says how long it took and the engine's part.
 */
describe('round timing', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  it('takes at least as long as its engine, and the view shows both durations', async () => {
    // Big enough that the engine alone takes tens of milliseconds.
    const market = await insertBulkMarket(app.get(DataSource), 8_000, 80, 6, 11);
    const region = await f.db.getRepository(Region).findOneByOrFail({ id: market.regionId });
    const admin = { authorization: `Bearer ${(await f.user(region, 'admin')).token}` };

    const queued = await http()
      .post(`/api/seasons/${market.seasonId}/rounds`)
      .set(admin)
      .send({ dryRun: true })
      .expect(201);
    expect(queued.body).toMatchObject({ durationMs: null, engineMs: null });

    let round = queued.body;
    for (let i = 0; i < 600 && !['completed', 'failed'].includes(round.status); i++) {
      await new Promise((res) => setTimeout(res, 50));
      round = (await http().get(`/api/rounds/${queued.body.id}`).set(admin).expect(200)).body;
    }
    expect(round.status).toBe('completed');

    const started = Date.parse(round.startedAt);
    const finished = Date.parse(round.finishedAt);
    expect(round.durationMs).toBe(finished - started);
    expect(round.engineMs).toBe(round.report.engineMs);
    expect(round.engineMs).toBeGreaterThan(10);
    // The engine ran between start and finish: the round took longer than the engine alone.
    expect(round.durationMs).toBeGreaterThanOrEqual(round.engineMs);

    // The list shows the same.
    const list = await http().get(`/api/seasons/${market.seasonId}/rounds`).set(admin).expect(200);
    expect(list.body.items[0]).toMatchObject({
      id: round.id,
      durationMs: round.durationMs,
      engineMs: round.engineMs,
    });
  });
});
