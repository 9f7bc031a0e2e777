import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { In } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Offer } from '../src/offers/offer.entity';
import { Proposal } from '../src/proposals/proposal.entity';
import { Region } from '../src/regions/region.entity';
import { RoundsService } from '../src/rounds/rounds.service';
import { Season } from '../src/seasons/season.entity';
import { TransferRequest } from '../src/transfer-requests/transfer-request.entity';
import { createTestApp, createTestWorker } from './app';
import { Factory } from './factories';

describe('matching rounds', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  let region: Region;
  const t: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });

  beforeAll(async () => {
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
    region = await f.region();
    t.admin = (await f.user(region, 'admin')).token;
    t.advisor = (await f.user(region, 'advisor')).token;
    const foreign = await f.region();
    t.foreign = (await f.user(foreign, 'admin')).token;
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  /** 3 schools with havo 3 places (2, 1, 1), 6 pupils who all like school A best. */
  async function market() {
    const season = await f.season(region);
    const a = await f.school(region);
    const b = await f.school(region);
    const c = await f.school(region);
    const sending = await f.school(region);
    const offers = {
      a: await f.offer(season, a, 3, 'havo', 2),
      b: await f.offer(season, b, 3, 'havo', 1),
      c: await f.offer(season, c, 3, 'havo', 1),
    };
    const pupils: TransferRequest[] = [];
    for (let i = 0; i < 6; i++)
      pupils.push(await f.request(season, sending, i % 2 ? [a, c] : [a, b]));
    t[`coord-${a.id}`] = (await f.user(region, 'coordinator', [a])).token;
    t[`coord-${sending.id}`] = (await f.user(region, 'coordinator', [sending])).token;
    return { season, schools: { a, b, c, sending }, offers, pupils };
  }

  async function waitDone(id: string) {
    for (let i = 0; i < 200; i++) {
      const r = await http().get(`/api/rounds/${id}`).set(as('admin')).expect(200);
      if (['completed', 'failed'].includes(r.body.status)) return r.body;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('round did not finish');
  }

  it('runs a round: proposals and report in one go, the seed published as a hash first', async () => {
    const { season, offers, pupils, schools } = await market();
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(as('admin'))
      .send({})
      .expect(201);
    expect(start.body).toMatchObject({
      status: 'queued',
      seed: null,
      dryRun: false,
      mechanism: 'DA_STB_SIC',
    });
    expect(start.body.seedHash).toMatch(/^[0-9a-f]{64}$/);

    const done = await waitDone(start.body.id);
    expect(done.status).toBe('completed');
    expect(createHash('sha256').update(done.seed).digest('hex')).toBe(start.body.seedHash);
    expect(done.report).toMatchObject({ pupils: 6, placed: 4 });
    expect(done.report.firstChoiceShare).toBeCloseTo(2 / 6, 3);
    expect(done.report.unplacedByGradeLevel).toEqual([{ grade: 3, level: 'havo', unplaced: 2 }]);
    expect(done.report.cutoffs).toHaveLength(3);
    expect(done.counts).toEqual({ proposals: 4, pending: 4, accepted: 0, declined: 0 });

    const offerRows = await f.db.getRepository(Offer).findBy({ seasonId: season.id });
    expect(offerRows.map((o) => o.pending).reduce((x, y) => x + y)).toBe(4);
    expect(offerRows.find((o) => o.id === offers.a.id)?.pending).toBe(2);
    const statuses = await f.db.getRepository(TransferRequest).findBy({ seasonId: season.id });
    expect(statuses.filter((r) => r.status === 'proposed')).toHaveLength(4);
    expect(statuses.filter((r) => r.status === 'mediation')).toHaveLength(2);
    // Each pupil's audit trail shows what the round did to them (by the system: no user).
    const trail = await f.db.getRepository(AuditEntry).findBy({
      entity: 'transfer_request',
      entityId: In(statuses.map((r) => r.id)),
      action: In(['round.proposed', 'round.mediation']),
    });
    expect(
      statuses.map((r) => [
        r.status,
        trail.filter((a) => a.entityId === r.id).map((a) => a.action),
      ]),
    ).toEqual(statuses.map((r) => [r.status, [`round.${r.status}`]]));
    expect(trail.every((a) => a.userId === null && a.schoolId === schools.sending.id)).toBe(true);

    // Explanations: every unplaced pupil learns why not for each school they listed.
    const results = await http()
      .get(`/api/rounds/${start.body.id}/results?limit=200`)
      .set(as('advisor'))
      .expect(200);
    expect(results.body.total).toBe(6);
    const unplaced = results.body.items.filter(
      (i: { offerId: string | null }) => i.offerId === null,
    );
    expect(unplaced).toHaveLength(2);
    for (const u of unplaced) {
      expect(u.explanation.higherChoices).toHaveLength(2);
      expect(u.explanation.higherChoices[0]).toMatchObject({ full: true, reason: 'LOTTERY' });
    }
    // The sending school's coordinator sees their own pupils' results; the receiving school's, none.
    const own = await http()
      .get(`/api/rounds/${start.body.id}/results`)
      .set(as(`coord-${schools.sending.id}`))
      .expect(200);
    expect(own.body.total).toBe(6);
    const recv = await http()
      .get(`/api/rounds/${start.body.id}/results`)
      .set(as(`coord-${schools.a.id}`))
      .expect(200);
    expect(recv.body.total).toBe(0);

    // Replayed from its stored input and seed: the same result, byte for byte.
    const replay = await http()
      .post(`/api/rounds/${start.body.id}/replay`)
      .set(as('admin'))
      .expect(200);
    expect(replay.body).toMatchObject({ identical: true, inputHash: done.inputHash });

    // Running the finished round again (a retried job) writes nothing.
    await worker.get(RoundsService).execute(start.body.id);
    expect(await f.db.getRepository(Proposal).countBy({ roundId: start.body.id })).toBe(4);
    expect(pupils).toHaveLength(6);
  });

  it('a dry run reports in full and places no one', async () => {
    const { season } = await market();
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(as('admin'))
      .send({ dryRun: true, mechanism: 'DA_STB' })
      .expect(201);
    const done = await waitDone(start.body.id);
    expect(done.report).toMatchObject({ pupils: 6, placed: 4 });
    expect(done.counts.proposals).toBe(0);
    const rows = await f.db.getRepository(TransferRequest).findBy({ seasonId: season.id });
    expect(rows.every((r) => r.status === 'submitted')).toBe(true);
    const offers = await f.db.getRepository(Offer).findBy({ seasonId: season.id });
    expect(offers.every((o) => o.pending === 0)).toBe(true);
  });

  it('50 simultaneous start requests give exactly one round; the others 409', async () => {
    const season: Season = await f.season(region);
    await worker.close(); // keep the round active while the requests arrive
    try {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          http().post(`/api/seasons/${season.id}/rounds`).set(as('admin')).send({ dryRun: true }),
        ),
      );
      const codes = answers.map((a) => a.status);
      expect(codes.filter((c) => c === 201)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(49);
      const [{ n }] = await f.db.query(
        `select count(*)::int as n from matching_rounds where season_id = $1`,
        [season.id],
      );
      expect(n).toBe(1);
    } finally {
      worker = await createTestWorker();
    }
  });

  it('only admins start rounds, and only in their own region', async () => {
    const { season } = await market();
    await http().post(`/api/seasons/${season.id}/rounds`).set(as('advisor')).send({}).expect(403);
    await http().post(`/api/seasons/${season.id}/rounds`).set(as('foreign')).send({}).expect(404);
    await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(as('admin'))
      .send({ mechanism: 'RSD' })
      .expect(400);
  });

  /** A season whose round dates are still ahead (2099), with these dates. */
  const seasonIn2099 = (roundDates: string[]) =>
    f.season(region, {
      roundDates,
      endsOn: '2099-10-01',
      summerHolidayStart: '2099-07-10',
      entryCloses: '2099-06-18',
    });
  const schedule = (seasonId: string) =>
    http()
      .post(`/api/seasons/${seasonId}/rounds/schedule`)
      .set(as('admin'))
      .send({})
      .expect(200)
      .then((res) => Object.assign(res, { body: res.body.items }));

  it('schedules the season’s round dates as delayed jobs, once', async () => {
    const season = await seasonIn2099(['2099-06-21', '2099-07-01', '2020-06-01']);
    const first = await schedule(season.id);
    expect(first.body.map((r: { scheduledFor: string }) => r.scheduledFor)).toEqual([
      '2099-06-21T07:00:00.000Z',
      '2099-07-01T07:00:00.000Z',
    ]);
    const again = await schedule(season.id);
    expect(again.body.map((r: { id: string }) => r.id)).toEqual(
      first.body.map((r: { id: string }) => r.id),
    );
    const jobs =
      app.get(RoundsService) &&
      (await f.db.query(`select count(*)::int as n from matching_rounds where season_id = $1`, [
        season.id,
      ]));
    expect(jobs[0].n).toBe(2);
    const { JobsService } = await import('../src/jobs/jobs.service');
    const { QueueName } = await import('../src/jobs/jobs.types');
    const job = await app
      .get(JobsService)
      .queue(QueueName.Rounds)
      .getJob(`round-${first.body[0].id}`);
    expect(await job?.getState()).toBe('delayed');
  });

  it('cancels a scheduled round whose date is taken off the calendar, and it does not run', async () => {
    const season = await seasonIn2099(['2099-06-21', '2099-07-01']);
    const scheduled = await schedule(season.id);
    const [june, july] = scheduled.body.map((r: { id: string }) => r.id);
    await http()
      .patch(`/api/seasons/${season.id}`)
      .set(as('admin'))
      .send({ roundDates: ['2099-07-01', '2099-07-03'] })
      .expect(200);
    const status = async (id: string) =>
      (await http().get(`/api/rounds/${id}`).set(as('admin')).expect(200)).body.status;
    expect(await status(june)).toBe('cancelled');
    expect(await status(july)).toBe('scheduled');
    // Its delayed job comes due: nothing happens.
    await worker.get(RoundsService).execute(june);
    expect(await status(june)).toBe('cancelled');
    // Scheduling again adds the new date and leaves the cancelled round alone.
    const again = await schedule(season.id);
    expect(again.body.map((r: { scheduledFor: string }) => r.scheduledFor)).toEqual([
      '2099-07-01T07:00:00.000Z',
      '2099-07-03T07:00:00.000Z',
    ]);
    expect(again.body[0].id).toBe(july);
    expect(await status(june)).toBe('cancelled');
  });

  it('refuses results and replay of another region’s round', async () => {
    const { season } = await market();
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(as('admin'))
      .send({ dryRun: true })
      .expect(201);
    await waitDone(start.body.id);
    await http().get(`/api/rounds/${start.body.id}`).set(as('foreign')).expect(404);
    await http().get(`/api/rounds/${start.body.id}/results`).set(as('foreign')).expect(404);
    await http().post(`/api/rounds/${start.body.id}/replay`).set(as('foreign')).expect(404);
  });

  it('puts only the round id in the job payload', async () => {
    const season = await f.season(region);
    await worker.close();
    try {
      const start = await http()
        .post(`/api/seasons/${season.id}/rounds`)
        .set(as('admin'))
        .send({ dryRun: true })
        .expect(201);
      const { JobsService } = await import('../src/jobs/jobs.service');
      const { QueueName } = await import('../src/jobs/jobs.types');
      const job = await app
        .get(JobsService)
        .queue(QueueName.Rounds)
        .getJob(`round-${start.body.id}`);
      // Ids only: the round's, and the id of the request that queued it (for the worker's log).
      expect(job?.data).toEqual({ roundId: start.body.id, requestId: expect.any(String) });
    } finally {
      worker = await createTestWorker();
    }
  });
});
