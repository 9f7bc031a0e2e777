import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { JobsService } from '../src/jobs/jobs.service';
import { QueueName } from '../src/jobs/jobs.types';
import { MediationCase } from '../src/mediation/mediation-case.entity';
import { Offer } from '../src/offers/offer.entity';
import { RoundsService } from '../src/rounds/rounds.service';
import { TransferRequest } from '../src/transfer-requests/transfer-request.entity';
import { createTestApp, createTestWorker } from './app';
import { Factory } from './factories';

/** Issue 22: pupils a round could not place join the next round with a longer list. */
describe('second chance', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  async function world() {
    const region = await f.region();
    const schools = {
      sending: await f.school(region, { name: 'Zendschool' }),
      a: await f.school(region, { name: 'Amstel lyceum' }),
      b: await f.school(region, { name: 'Bijlmer college' }),
      c: await f.school(region, { name: 'Centrum school' }),
      d: await f.school(region, { name: 'Diemen college' }),
    };
    const admin = await f.user(region, 'admin');
    const advisor = await f.user(region, 'advisor');
    const coordinator = await f.user(region, 'coordinator', [schools.sending]);
    const other = await f.user(region, 'coordinator', [schools.d]);
    const coordA = await f.user(region, 'coordinator', [schools.a]);
    const coordB = await f.user(region, 'coordinator', [schools.b]);
    const season = await f.season(region, {
      roundDates: ['2099-06-21', '2099-06-24'],
      summerHolidayStart: '2099-07-10',
      endsOn: '2099-10-01',
    });
    return { region, schools, season, admin, advisor, coordinator, other, coordA, coordB };
  }
  type World = Awaited<ReturnType<typeof world>>;

  async function runRound(w: World) {
    const start = await http()
      .post(`/api/seasons/${w.season.id}/rounds`)
      .set(bearer(w.admin.token))
      .send({})
      .expect(201);
    for (let i = 0; i < 300; i++) {
      const r = await http().get(`/api/rounds/${start.body.id}`).set(bearer(w.admin.token));
      if (r.body.status === 'completed') {
        // The notices follow the commit in the worker; wait for them too.
        await new Promise((res) => setTimeout(res, 300));
        return r.body;
      }
      if (r.body.status === 'failed') throw new Error(r.body.error);
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('round did not finish');
  }

  const proposalOf = async (requestId: string, roundId: string) =>
    (
      await f.db.query(
        `select id, school_id from proposals where request_id = $1 and round_id = $2`,
        [requestId, roundId],
      )
    )[0] as { id: string; school_id: string } | undefined;
  const requestRow = (id: string) => f.db.getRepository(TransferRequest).findOneByOrFail({ id });
  const openCase = (requestId: string) =>
    f.db.getRepository(MediationCase).findOneBy({ requestId, status: 'open' });

  it('a mediation pupil gets schools added, is submitted again and is placed in the next round; the case closes as placed; counted once', async () => {
    const w = await world();
    const offerA = await f.offer(w.season, w.schools.a, 3, 'havo', 1);
    const offerB = await f.offer(w.season, w.schools.b, 3, 'havo', 1);
    await f.offer(w.season, w.schools.c, 3, 'havo', 1);
    const p1 = await f.request(w.season, w.schools.sending, [w.schools.a]);
    const p2 = await f.request(w.season, w.schools.sending, [w.schools.a]);

    const r1 = await runRound(w);
    expect(r1.report.returning).toEqual({ pupils: 0, placed: 0 });
    const placedFirst = (await proposalOf(p1.id, r1.id)) ? p1 : p2;
    const left = placedFirst === p1 ? p2 : p1;
    expect((await requestRow(left.id)).status).toBe('mediation');
    const first = (await proposalOf(placedFirst.id, r1.id))!;
    await http().post(`/api/proposals/${first.id}/accept`).set(bearer(w.coordA.token)).expect(200);

    // The sending coordinator hears of it, with the fitting places and the next round's date.
    const notes = await http()
      .get('/api/notifications')
      .set(bearer(w.coordinator.token))
      .expect(200);
    const notice = notes.body.items.find(
      (n: { kind: string; entityId: string }) =>
        n.kind === 'pupil.unplaced' && n.entityId === left.id,
    );
    expect(notice).toBeDefined();
    expect(notice.subject).toContain('2 passende plaatsen');
    expect(notice.subject).toContain('21 juni 2099');
    expect(notice.link).toMatch(new RegExp(`/leerlingen/${left.id}$`));
    expect(notice.subject).not.toContain(left.lastName);
    // The reminder the school day before the next round (Friday 18 June 2099) is queued.
    const job = await worker
      .get(JobsService)
      .queue(QueueName.Rounds)
      .getJob(`extend-reminder-${r1.id}`);
    expect(await job?.getState()).toBe('delayed');

    const caseBefore = (await openCase(left.id))!;
    const view0 = await http()
      .get(`/api/mediation/cases/${caseBefore.id}`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(view0.body).toMatchObject({ listExtended: false, listExtendedAt: null });

    // Nothing else of the form changes in mediation; another school's coordinator may not.
    await http()
      .patch(`/api/transfer-requests/${left.id}`)
      .set(bearer(w.coordinator.token))
      .send({ justification: 'anders', preferences: [w.schools.a.id, w.schools.b.id] })
      .expect(409);
    await http()
      .patch(`/api/transfer-requests/${left.id}`)
      .set(bearer(w.other.token))
      .send({ preferences: [w.schools.a.id, w.schools.b.id] })
      .expect((res) => expect([403, 404]).toContain(res.status));
    // Earlier preferences keep their order.
    await http()
      .patch(`/api/transfer-requests/${left.id}`)
      .set(bearer(w.coordinator.token))
      .send({ preferences: [w.schools.b.id, w.schools.a.id] })
      .expect(400);

    const extended = await http()
      .patch(`/api/transfer-requests/${left.id}`)
      .set(bearer(w.coordinator.token))
      .send({ preferences: [w.schools.a.id, w.schools.b.id, w.schools.c.id] })
      .expect(200);
    expect(extended.body.preferences).toEqual([w.schools.a.id, w.schools.b.id, w.schools.c.id]);
    expect(extended.body.status).toBe('mediation');
    const view1 = await http()
      .get(`/api/mediation/cases/${caseBefore.id}`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(view1.body.listExtended).toBe(true);
    expect(view1.body.listExtendedAt).not.toBeNull();

    // An extended list: no reminder for this pupil.
    expect(await worker.get(RoundsService).sendExtendReminder(r1.id)).toBe(0);

    const submitted = await http()
      .post(`/api/transfer-requests/${left.id}/submit`)
      .set(bearer(w.coordinator.token))
      .expect(200);
    expect(submitted.body.status).toBe('submitted');
    expect((await openCase(left.id))?.id).toBe(caseBefore.id);

    const r2 = await runRound(w);
    // The placed pupil is not in round 2; the returning one is, and is placed at an added school.
    expect(Object.keys(await roundOutput(r2.id))).toEqual([left.id]);
    expect(r2.report.returning).toEqual({ pupils: 1, placed: 1 });
    const second = (await proposalOf(left.id, r2.id))!;
    expect(second.school_id).toBe(w.schools.b.id);
    await http().post(`/api/proposals/${second.id}/accept`).set(bearer(w.coordB.token)).expect(200);

    const closed = await f.db.getRepository(MediationCase).findOneByOrFail({ id: caseBefore.id });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'placed', placedOfferId: offerB.id });
    expect((await requestRow(left.id)).status).toBe('placed');

    // One accepted proposal per pupil; the offer counters are right.
    const accepted = await f.db.query(
      `select request_id, count(*)::int as n from proposals
        where request_id = any($1::uuid[]) and status = 'accepted' group by 1`,
      [[p1.id, p2.id]],
    );
    expect(accepted.map((a: { n: number }) => a.n)).toEqual([1, 1]);
    for (const [id, placed] of [
      [offerA.id, 1],
      [offerB.id, 1],
    ] as const) {
      const o = await f.db.getRepository(Offer).findOneByOrFail({ id });
      expect({ placed: o.placed, pending: o.pending }).toEqual({ placed, pending: 0 });
    }

    // History and audit show both rounds.
    const history = await http()
      .get(`/api/transfer-requests/${left.id}/history`)
      .set(bearer(w.coordinator.token))
      .expect(200);
    const kinds = history.body.map((h: { kind: string }) => h.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['mediation', 'list.extended', 'submitted', 'proposed', 'placed']),
    );
    expect(kinds.indexOf('mediation')).toBeLessThan(kinds.indexOf('list.extended'));
    expect(kinds.lastIndexOf('submitted')).toBeLessThan(kinds.indexOf('proposed'));
    const audit = await f.db.query(
      `select action from audit_log where entity_id = $1 order by at, id`,
      [left.id],
    );
    const actions = audit.map((a: { action: string }) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['round.mediation', 'preferences.extend', 'submit', 'round.proposed']),
    );

    // The desk and the monitor count the pupil once, as placed.
    const open = await http()
      .get(`/api/mediation/cases?seasonId=${w.season.id}&status=open`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(open.body.total).toBe(0);
    const all = await http()
      .get(`/api/mediation/cases?seasonId=${w.season.id}`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(all.body.total).toBe(1);
    expect(all.body.items[0]).toMatchObject({ outcome: 'placed', requestStatus: 'placed' });
    const monitor = await http()
      .get(`/api/seasons/${w.season.id}/monitor`)
      .set(bearer(w.admin.token))
      .expect(200);
    expect(monitor.body.totals).toMatchObject({ placed: 2, mediation: 0, total: 2 });
  });

  async function roundOutput(roundId: string): Promise<Record<string, string | null>> {
    const [r] = await f.db.query(`select output from matching_rounds where id = $1`, [roundId]);
    return r.output.assignments;
  }

  it('a pupil whose coordinator does not extend stays in mediation with the advisors, out of the next round, and is reminded', async () => {
    const w = await world();
    await f.offer(w.season, w.schools.a, 3, 'havo', 1);
    await f.offer(w.season, w.schools.b, 3, 'havo', 3);
    await f.request(w.season, w.schools.sending, [w.schools.a]);
    await f.request(w.season, w.schools.sending, [w.schools.a]);
    const r1 = await runRound(w);
    const [stays] = (
      await f.db.getRepository(TransferRequest).findBy({ seasonId: w.season.id })
    ).filter((r) => r.status === 'mediation');
    const r2 = await runRound(w);
    expect(Object.keys(await roundOutput(r2.id))).not.toContain(stays.id);
    expect(r2.report.returning).toEqual({ pupils: 0, placed: 0 });
    expect((await requestRow(stays.id)).status).toBe('mediation');
    const c = (await openCase(stays.id))!;
    expect(c.roundId).toBe(r1.id);
    expect(c.listExtendedAt).toBeNull();

    expect(await worker.get(RoundsService).sendExtendReminder(r1.id)).toBe(1);
    const notes = await http()
      .get('/api/notifications')
      .set(bearer(w.coordinator.token))
      .expect(200);
    const reminder = notes.body.items.find(
      (n: { kind: string; entityId: string }) =>
        n.kind === 'pupil.unplaced.reminder' && n.entityId === stays.id,
    );
    expect(reminder.subject).toContain('21 juni 2099');
    // Once only.
    expect(await worker.get(RoundsService).sendExtendReminder(r1.id)).toBe(0);
  });

  it('a school that declined the pupil is refused when added again and never gets them through the longer list', async () => {
    const w = await world();
    await f.offer(w.season, w.schools.a, 3, 'havo', 2);
    await f.offer(w.season, w.schools.b, 3, 'havo', 2);
    const p = await f.request(w.season, w.schools.sending, [w.schools.a]);
    const r1 = await runRound(w);
    const first = (await proposalOf(p.id, r1.id))!;
    expect(first.school_id).toBe(w.schools.a.id);
    await http()
      .post(`/api/proposals/${first.id}/decline`)
      .set(bearer(w.coordA.token))
      .send({ reason: 'niveau-past-niet' })
      .expect(200);
    expect((await requestRow(p.id)).status).toBe('submitted');

    const refused = await http()
      .patch(`/api/transfer-requests/${p.id}`)
      .set(bearer(w.coordinator.token))
      .send({ preferences: [w.schools.a.id, w.schools.b.id, w.schools.a.id] })
      .expect(400);
    expect(refused.body.message).toContain('Amstel lyceum');
    const prefs = await f.db.query(
      `select count(*)::int as n from transfer_request_preferences where request_id = $1`,
      [p.id],
    );
    expect(prefs[0].n).toBe(1);

    // An advisor adds the other school; the request stays submitted for the next round.
    const ok = await http()
      .patch(`/api/transfer-requests/${p.id}`)
      .set(bearer(w.advisor.token))
      .send({ preferences: [w.schools.a.id, w.schools.b.id] })
      .expect(200);
    expect(ok.body.status).toBe('submitted');

    const r2 = await runRound(w);
    expect(r2.report.returning).toEqual({ pupils: 1, placed: 1 });
    expect((await proposalOf(p.id, r2.id))?.school_id).toBe(w.schools.b.id);
    const atA = await f.db.query(
      `select count(*)::int as n from proposals where request_id = $1 and school_id = $2`,
      [p.id, w.schools.a.id],
    );
    expect(atA[0].n).toBe(1);
  });

  it('scheduling warns when no round is left before the summer holiday', async () => {
    const w = await world();
    const none = await f.season(w.region, {
      roundDates: ['2020-06-01', '2099-07-20'],
      summerHolidayStart: '2099-07-10',
      endsOn: '2099-10-01',
    });
    const res = await http()
      .post(`/api/seasons/${none.id}/rounds/schedule`)
      .set(bearer(w.admin.token))
      .send({})
      .expect(200);
    expect(res.body.warning).toMatch(/geen ronde meer gepland vóór de zomervakantie/);
    expect(res.body.warning).toContain('10 juli 2099');
    const fine = await http()
      .post(`/api/seasons/${w.season.id}/rounds/schedule`)
      .set(bearer(w.admin.token))
      .send({})
      .expect(200);
    expect(fine.body.warning).toBeNull();
    expect(fine.body.items).toHaveLength(2);
    // Cancel the scheduled rounds again: they would block the season's other rounds.
    await f.db.query(
      `update matching_rounds set status = 'cancelled' where season_id = any($1::uuid[])`,
      [[none.id, w.season.id]],
    );
  });

  it('the recommended list length: 4 by default, read by everyone, changed by admins', async () => {
    const w = await world();
    const read = await http()
      .get('/api/regions/current/settings')
      .set(bearer(w.coordinator.token))
      .expect(200);
    expect(read.body).toEqual({
      recommendedPreferences: 4,
      requireTwoFactorForCoordinators: false,
    });
    await http()
      .put('/api/regions/current/settings')
      .set(bearer(w.coordinator.token))
      .send({ recommendedPreferences: 6 })
      .expect(403);
    await http()
      .put('/api/regions/current/settings')
      .set(bearer(w.admin.token))
      .send({ recommendedPreferences: 0 })
      .expect(400);
    const put = await http()
      .put('/api/regions/current/settings')
      .set(bearer(w.admin.token))
      .send({ recommendedPreferences: 6 })
      .expect(200);
    expect(put.body).toEqual({ recommendedPreferences: 6, requireTwoFactorForCoordinators: false });
    const again = await http()
      .get('/api/regions/current/settings')
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(again.body.recommendedPreferences).toBe(6);
  });
});
