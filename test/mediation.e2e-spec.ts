import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { openRoundCases } from '../src/rounds/round-cases';
import { MediationCase } from '../src/mediation/mediation-case.entity';
import { Offer } from '../src/offers/offer.entity';
import { RoundsService } from '../src/rounds/rounds.service';
import { School } from '../src/schools/school.entity';
import { SchoolCalendar } from '../src/calendar';
import { todayIso } from '../src/seasons/calendar';
import { TransferRequest } from '../src/transfer-requests/transfer-request.entity';
import { createTestApp, createTestWorker } from './app';
import { Factory } from './factories';
import { MediationFactory } from './factories/mediation';

type Tokens = Record<string, string>;

describe('mediation', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  let mf: MediationFactory;
  let foreign: Tokens;
  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
    mf = new MediationFactory(f);
    const other = await f.region();
    foreign = {
      admin: (await f.user(other, 'admin')).token,
      advisor: (await f.user(other, 'advisor')).token,
    };
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  /** A fresh region: schools with postcodes and boards, an admin, two advisors, a coordinator. */
  async function world() {
    const region = await f.region();
    const school = (name: string, postcode: string, board = 'Stichting Noord') =>
      f.school(region, { name, postcode, board });
    const schools = {
      sending: await school('Sending college', '1011 AA', 'Stichting Eigen'),
      a: await school('Amstel lyceum', '1012 AB'),
      b: await school('Bijlmer college', '1090 AB'),
      c: await school('Centrum school', '1020 AB', 'Stichting Zuid'),
      d: await school('Diemen college', '1100 AB', 'Stichting Zuid'),
    };
    const admin = await f.user(region, 'admin');
    const advisor = await f.user(region, 'advisor');
    const advisor2 = await f.user(region, 'advisor');
    const coordinator = await f.user(region, 'coordinator', [schools.sending]);
    const season = await f.season(region, {
      summerHolidayStart: '2099-07-10',
      endsOn: '2099-10-01',
    });
    return { region, schools, season, admin, advisor, advisor2, coordinator };
  }

  const caseRow = (id: string) => f.db.getRepository(MediationCase).findOneByOrFail({ id });
  const requestRow = (id: string) => f.db.getRepository(TransferRequest).findOneByOrFail({ id });
  const offerRow = (id: string) => f.db.getRepository(Offer).findOneByOrFail({ id });
  const auditCount = async (entityId: string, action: string) =>
    (
      await f.db.query(
        `select count(*)::int as n from audit_log where entity_id = $1 and action = $2`,
        [entityId, action],
      )
    )[0].n as number;

  async function waitDone(id: string, token: string) {
    for (let i = 0; i < 200; i++) {
      const r = await http().get(`/api/rounds/${id}`).set(bearer(token)).expect(200);
      if (['completed', 'failed'].includes(r.body.status)) return r.body;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('round did not finish');
  }

  it('opens exactly one case per pupil a round left unplaced, and none when it runs again', async () => {
    const w = await world();
    await f.offer(w.season, w.schools.a, 3, 'havo', 1);
    const pupils: TransferRequest[] = [];
    for (let i = 0; i < 3; i++)
      pupils.push(await f.request(w.season, w.schools.sending, [w.schools.a]));

    const start = await http()
      .post(`/api/seasons/${w.season.id}/rounds`)
      .set(bearer(w.admin.token))
      .send({})
      .expect(201);
    const done = await waitDone(start.body.id, w.admin.token);
    expect(done.status).toBe('completed');

    const cases = await f.db.getRepository(MediationCase).findBy({ seasonId: w.season.id });
    expect(cases).toHaveLength(2);
    const unplaced = (await f.db.getRepository(TransferRequest).findBy({ seasonId: w.season.id }))
      .filter((r) => r.status === 'mediation')
      .map((r) => r.id)
      .sort();
    expect(unplaced).toHaveLength(2);
    expect(cases.map((c) => c.requestId).sort()).toEqual(unplaced);
    for (const c of cases)
      expect(c).toMatchObject({ origin: 'round', roundId: start.body.id, status: 'open' });

    // The same round executed again (a retried job) adds none ...
    await worker.get(RoundsService).execute(start.body.id);
    expect(await f.db.getRepository(MediationCase).countBy({ seasonId: w.season.id })).toBe(2);
    // ... and neither does the insert itself when it is repeated for the same round.
    const again = await f.db.transaction((m) =>
      openRoundCases(
        m,
        { id: start.body.id, regionId: w.region.id, seasonId: w.season.id },
        unplaced,
      ),
    );
    expect(again).toBe(0);
    expect(await f.db.getRepository(MediationCase).countBy({ seasonId: w.season.id })).toBe(2);

    // A manual case for a pupil whose case is open: 409.
    const res = await http()
      .post('/api/mediation/cases')
      .set(bearer(w.advisor.token))
      .send({ requestId: unplaced[0] })
      .expect(409);
    expect(res.body.message).toMatch(/al een open bemiddelingsdossier/);

    const list = await http()
      .get(`/api/mediation/cases?seasonId=${w.season.id}`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(list.body.total).toBe(2);
    expect(pupils).toHaveLength(3);
  });

  it('opens a case by hand for a pupil moving into the region, once', async () => {
    const w = await world();
    const mover = await f.request(w.season, null, [w.schools.a], { reason: 'verhuizing' });
    const res = await http()
      .post('/api/mediation/cases')
      .set(bearer(w.advisor.token))
      .send({ requestId: mover.id, note: 'Gezin verhuist in mei naar Diemen' })
      .expect(201);
    expect(res.body).toMatchObject({
      requestId: mover.id,
      origin: 'manual',
      status: 'open',
      roundId: null,
      assignedTo: null,
      requestStatus: 'mediation',
      sendingSchool: null,
      pupil: { firstName: mover.firstName, lastName: mover.lastName },
    });
    expect((await requestRow(mover.id)).status).toBe('mediation');
    expect(await auditCount(res.body.id, 'open')).toBe(1);

    const detail = await http()
      .get(`/api/mediation/cases/${res.body.id}`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(detail.body.notes.map((n: { text: string }) => n.text)).toEqual([
      'Gezin verhuist in mei naar Diemen',
    ]);

    await http()
      .post('/api/mediation/cases')
      .set(bearer(w.admin.token))
      .send({ requestId: mover.id })
      .expect(409);
    const draft = await f.request(w.season, w.schools.sending, [], { status: 'draft' });
    await http()
      .post('/api/mediation/cases')
      .set(bearer(w.advisor.token))
      .send({ requestId: draft.id })
      .expect(409);
    const proposed = await f.request(w.season, w.schools.sending, [], { status: 'proposed' });
    await http()
      .post('/api/mediation/cases')
      .set(bearer(w.advisor.token))
      .send({ requestId: proposed.id })
      .expect(409);
    await http()
      .post('/api/mediation/cases')
      .set(bearer(w.advisor.token))
      .send({ requestId: 'not-a-uuid' })
      .expect(400);
    const other = await f.request(w.season, w.schools.sending, []);
    await http()
      .post('/api/mediation/cases')
      .set(bearer(foreign.advisor))
      .send({ requestId: other.id })
      .expect(404);
    await http()
      .post('/api/mediation/cases')
      .set(bearer(w.coordinator.token))
      .send({ requestId: other.id })
      .expect(403);
    expect((await requestRow(other.id)).status).toBe('submitted');
  });

  it('lists cases with filters that combine, paginated, with school days left', async () => {
    const w = await world();
    const past = await f.season(w.region, {
      summerHolidayStart: '2020-07-10',
      endsOn: '2020-10-01',
    });
    const c1 = await mf.pupil(
      w.season,
      w.schools.sending,
      [],
      { requestedGrade: 3, requestedLevel: 'havo', lastName: 'Aarts' },
      { assignedTo: w.advisor.user.id },
    );
    const c2 = await mf.pupil(w.season, w.schools.b, [], {
      requestedGrade: 4,
      requestedLevel: 'vwo',
      lastName: 'Bakker',
    });
    const c3 = await mf.pupil(past, null, [], { requestedGrade: 3, requestedLevel: 'havo' });
    const c4 = await mf.pupil(
      w.season,
      w.schools.sending,
      [],
      { requestedGrade: 4, requestedLevel: 'vwo', status: 'withdrawn' },
      { status: 'closed', outcome: 'withdrawn', assignedTo: w.advisor2.user.id },
    );
    const ids = async (query: string, token = w.advisor.token) => {
      const r = await http().get(`/api/mediation/cases?${query}`).set(bearer(token)).expect(200);
      return (r.body.items as { id: string }[]).map((i) => i.id).sort();
    };
    const sorted = (...cs: { mcase: MediationCase }[]) => cs.map((c) => c.mcase.id).sort();

    expect(await ids('')).toEqual(sorted(c1, c2, c3, c4));
    expect(await ids(`seasonId=${w.season.id}`)).toEqual(sorted(c1, c2, c4));
    expect(await ids(`seasonId=${w.season.id}&status=open`)).toEqual(sorted(c1, c2));
    expect(await ids('status=closed')).toEqual(sorted(c4));
    expect(await ids('unassigned=true')).toEqual(sorted(c2, c3));
    expect(await ids('mine=true')).toEqual(sorted(c1));
    expect(await ids('mine=true', w.advisor2.token)).toEqual(sorted(c4));
    expect(await ids('grade=3&level=havo')).toEqual(sorted(c1, c3));
    expect(await ids('level=vwo&status=open')).toEqual(sorted(c2));
    expect(await ids(`schoolId=${w.schools.sending.id}`)).toEqual(sorted(c1, c4));
    expect(await ids('maxSchoolDaysLeft=0')).toEqual(sorted(c3));
    expect(await ids('maxSchoolDaysLeft=1000000')).toEqual(sorted(c1, c2, c3, c4));
    expect(await ids('maxSchoolDaysLeft=0&unassigned=true&grade=3')).toEqual(sorted(c3));

    const page = await http()
      .get('/api/mediation/cases?limit=3&page=2')
      .set(bearer(w.admin.token))
      .expect(200);
    expect(page.body).toMatchObject({ total: 4, page: 2, limit: 3 });
    expect(page.body.items).toHaveLength(1);

    const one = await http()
      .get(`/api/mediation/cases?seasonId=${w.season.id}&mine=true`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(one.body.items[0]).toMatchObject({
      id: c1.mcase.id,
      requestId: c1.request.id,
      status: 'open',
      origin: 'manual',
      assignedTo: w.advisor.user.id,
      assignedToName: w.advisor.user.name,
      pupil: { firstName: 'Pupil', lastName: 'Aarts' },
      requestedGrade: 3,
      requestedLevel: 'havo',
      sendingSchool: {
        id: w.schools.sending.id,
        name: 'Sending college',
        brin: w.schools.sending.brin,
      },
      schoolDaysLeft: new SchoolCalendar('noord').schoolDaysBetween(todayIso(), '2099-07-10'),
    });
    const pastItem = await http()
      .get(`/api/mediation/cases?seasonId=${past.id}`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(pastItem.body.items[0]).toMatchObject({ schoolDaysLeft: 0, sendingSchool: null });
    expect(await auditCount(c1.request.id, 'mediation.list')).toBeGreaterThan(0);

    await http()
      .get('/api/mediation/cases?unassigned=maybe')
      .set(bearer(w.advisor.token))
      .expect(400);
    await http().get('/api/mediation/cases?level=mavo').set(bearer(w.advisor.token)).expect(400);
    await http()
      .get('/api/mediation/cases?maxSchoolDaysLeft=-1')
      .set(bearer(w.advisor.token))
      .expect(400);
    // Another region sees none of them.
    const theirs = await http()
      .get('/api/mediation/cases')
      .set(bearer(foreign.advisor))
      .expect(200);
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(c1.mcase.id);
  });

  it('assigns to an advisor, keeps notes as a timeline, and audits the read', async () => {
    const w = await world();
    const { mcase } = await mf.pupil(w.season, w.schools.sending);
    const url = `/api/mediation/cases/${mcase.id}`;

    const self = await http()
      .post(`${url}/assign`)
      .set(bearer(w.advisor.token))
      .send({})
      .expect(200);
    expect(self.body).toMatchObject({
      assignedTo: w.advisor.user.id,
      assignedToName: w.advisor.user.name,
    });
    // An admin is no advisor: they assign someone else.
    await http().post(`${url}/assign`).set(bearer(w.admin.token)).send({}).expect(400);
    const other = await http()
      .post(`${url}/assign`)
      .set(bearer(w.admin.token))
      .send({ userId: w.advisor2.user.id })
      .expect(200);
    expect(other.body.assignedTo).toBe(w.advisor2.user.id);
    // Assigned by someone else: the advisor is told; taking a case yourself tells no one.
    const told = async (token: string) =>
      (await http().get('/api/notifications').set(bearer(token)).expect(200)).body.items.filter(
        (n: { kind: string; entityId: string }) =>
          n.kind === 'mediation.assigned' && n.entityId === mcase.id,
      ).length;
    expect(await told(w.advisor2.token)).toBe(1);
    expect(await told(w.advisor.token)).toBe(0);
    await http()
      .post(`${url}/assign`)
      .set(bearer(w.admin.token))
      .send({ userId: w.coordinator.user.id })
      .expect(400);
    const foreignAdvisor = await f.user(await f.region(), 'advisor');
    await http()
      .post(`${url}/assign`)
      .set(bearer(w.admin.token))
      .send({ userId: foreignAdvisor.user.id })
      .expect(400);
    expect((await caseRow(mcase.id)).assignedTo).toBe(w.advisor2.user.id);

    const n1 = await http()
      .post(`${url}/notes`)
      .set(bearer(w.advisor.token))
      .send({ text: 'Gebeld met ouders' })
      .expect(201);
    expect(n1.body).toMatchObject({
      text: 'Gebeld met ouders',
      authorId: w.advisor.user.id,
      authorName: w.advisor.user.name,
    });
    await http()
      .post(`${url}/notes`)
      .set(bearer(w.advisor2.token))
      .send({ text: 'Plaatsingstafel Noord besproken' })
      .expect(201);
    await http().post(`${url}/notes`).set(bearer(w.advisor.token)).send({ text: '' }).expect(400);
    await http()
      .post(`${url}/notes`)
      .set(bearer(w.advisor.token))
      .send({ text: '   ' })
      .expect(400);
    await http().post(`${url}/notes`).set(bearer(w.advisor.token)).send({}).expect(400);

    const detail = await http().get(url).set(bearer(w.advisor.token)).expect(200);
    expect(detail.body).toMatchObject({ id: mcase.id, status: 'open' });
    expect(
      detail.body.notes.map((n: { text: string; authorId: string }) => [n.text, n.authorId]),
    ).toEqual([
      ['Gebeld met ouders', w.advisor.user.id],
      ['Plaatsingstafel Noord besproken', w.advisor2.user.id],
    ]);
    expect(await auditCount(mcase.id, 'read')).toBe(1);
    expect(await auditCount(mcase.id, 'assign')).toBe(2);
    expect(await auditCount(mcase.id, 'note.add')).toBe(2);
    // Never the values: the audit log has no column for them.
    const cols: { column_name: string }[] = await f.db.query(
      `select column_name from information_schema.columns where table_name = 'audit_log'`,
    );
    expect(cols.map((c) => c.column_name)).not.toContain('text');
  });

  it('suggests offers with room: own preferences first, then by postcode nearness', async () => {
    const w = await world();
    const s = w.schools;
    const e = await f.school(w.region, { name: 'Eiland school', postcode: '1011 ZZ' });
    const g = await f.school(w.region, { name: 'Gein college', postcode: '1013 AA' });
    const offers = {
      a: await f.offer(w.season, s.a, 3, 'havo', 3, { placed: 1 }), // 1012: remaining 2
      b: await f.offer(w.season, s.b, 3, 'havo', 1), // 1090
      c: await f.offer(w.season, s.c, 3, 'havo', 4, { pending: 1 }), // 1020: remaining 3
      d: await f.offer(w.season, s.d, 3, 'havo', 1), // 1100
    };
    await f.offer(w.season, e, 3, 'havo', 1, { placed: 1 }); // full
    await f.offer(w.season, e, 3, 'vwo', 5); // other level
    await f.offer(w.season, g, 3, 'havo', 5, { profile: 'NT' }); // a profile the pupil did not ask
    await f.offer(w.season, s.sending, 3, 'havo', 5); // the pupil's own school
    const otherSeason = await f.season(w.region);
    await f.offer(otherSeason, e, 3, 'havo', 5);

    const { mcase } = await mf.pupil(w.season, s.sending, [s.d, s.a, e], {
      postcode: '1011 AB',
      requestedGrade: 3,
      requestedLevel: 'havo',
    });
    const res = await http()
      .get(`/api/mediation/cases/${mcase.id}/suggestions`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(
      res.body.items.map(
        (i: {
          offerId: string;
          remaining: number;
          preferenceRank: number | null;
          distance: number;
        }) => [i.offerId, i.preferenceRank, i.distance, i.remaining],
      ),
    ).toEqual([
      [offers.d.id, 1, 89, 1],
      [offers.a.id, 2, 1, 2],
      [offers.c.id, null, 9, 3],
      [offers.b.id, null, 79, 1],
    ]);
    expect(res.body.items[0]).toMatchObject({
      schoolName: 'Diemen college',
      grade: 3,
      level: 'havo',
    });
    expect(await auditCount(mcase.id, 'suggestions')).toBe(1);

    // With a profile: offers for that profile or for none.
    const nt = await mf.pupil(w.season, s.sending, [], {
      postcode: '1013 AB',
      requestedGrade: 3,
      requestedLevel: 'havo',
      requestedProfile: 'NT',
    });
    const withProfile = await http()
      .get(`/api/mediation/cases/${nt.mcase.id}/suggestions`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(withProfile.body.items[0]).toMatchObject({ schoolName: 'Gein college', profile: 'NT' });
    expect(withProfile.body.items).toHaveLength(5);
  });

  it('places by hand into an offer with room, over capacity only with a written reason', async () => {
    const w = await world();
    const offer = await f.offer(w.season, w.schools.a, 3, 'havo', 1);
    const p1 = await mf.pupil(w.season, w.schools.sending, [w.schools.a]);
    const placed = await http()
      .post(`/api/mediation/cases/${p1.mcase.id}/place`)
      .set(bearer(w.advisor.token))
      .send({ offerId: offer.id })
      .expect(200);
    expect(placed.body).toMatchObject({
      status: 'closed',
      outcome: 'placed',
      placedOfferId: offer.id,
      overCapacityReason: null,
      requestStatus: 'placed',
    });
    expect(await requestRow(p1.request.id)).toMatchObject({
      status: 'placed',
      placedOfferId: offer.id,
      placedAt: expect.any(Date),
    });
    expect((await offerRow(offer.id)).placed).toBe(1);
    expect(await auditCount(p1.mcase.id, 'place')).toBe(1);
    await http()
      .post(`/api/mediation/cases/${p1.mcase.id}/place`)
      .set(bearer(w.advisor.token))
      .send({ offerId: offer.id })
      .expect(409);

    // The offer is full now.
    const p2 = await mf.pupil(w.season, w.schools.sending, [w.schools.a]);
    const url = `/api/mediation/cases/${p2.mcase.id}/place`;
    const full = await http()
      .post(url)
      .set(bearer(w.advisor.token))
      .send({ offerId: offer.id })
      .expect(409);
    expect(full.body.message).toMatch(/schriftelijke reden/);
    await http()
      .post(url)
      .set(bearer(w.advisor.token))
      .send({ offerId: offer.id, overCapacityReason: 'te kort' })
      .expect(400);
    expect((await offerRow(offer.id)).placed).toBe(1);
    expect((await caseRow(p2.mcase.id)).status).toBe('open');
    const over = await http()
      .post(url)
      .set(bearer(w.advisor.token))
      .send({
        offerId: offer.id,
        overCapacityReason: '  Broertje zit op deze school, afgestemd met de directie ',
      })
      .expect(200);
    expect(over.body).toMatchObject({
      outcome: 'placed',
      overCapacityReason: 'Broertje zit op deze school, afgestemd met de directie',
    });
    expect((await offerRow(offer.id)).placed).toBe(2);
    expect(await auditCount(p2.mcase.id, 'place.over-capacity')).toBe(1);
    expect(await auditCount(p2.request.id, 'mediation.place.over-capacity')).toBe(1);
    // Remaining never goes below zero.
    const list = await http()
      .get(`/api/seasons/${w.season.id}/offers?schoolId=${w.schools.a.id}`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(list.body.items[0]).toMatchObject({ capacity: 1, placed: 2, remaining: 0 });

    // Offers that do not fit.
    const p3 = await mf.pupil(w.season, w.schools.sending, [], {
      requestedGrade: 3,
      requestedLevel: 'havo',
    });
    const vwo = await f.offer(w.season, w.schools.b, 3, 'vwo', 5);
    const own = await f.offer(w.season, w.schools.sending, 3, 'havo', 5);
    const otherSeasonOffer = await f.offer(await f.season(w.region), w.schools.b, 3, 'havo', 5);
    const theirRegion = await f.region();
    const theirOffer = await f.offer(
      await f.season(theirRegion),
      await f.school(theirRegion),
      3,
      'havo',
      5,
    );
    const p3url = `/api/mediation/cases/${p3.mcase.id}/place`;
    const as = bearer(w.advisor.token);
    await http().post(p3url).set(as).send({ offerId: vwo.id }).expect(400);
    await http().post(p3url).set(as).send({ offerId: own.id }).expect(400);
    await http().post(p3url).set(as).send({ offerId: otherSeasonOffer.id }).expect(400);
    await http().post(p3url).set(as).send({ offerId: theirOffer.id }).expect(404);
    await http().post(p3url).set(as).send({}).expect(400);
    expect((await caseRow(p3.mcase.id)).status).toBe('open');
    expect((await requestRow(p3.request.id)).status).toBe('mediation');
  });

  it('closes cases as withdrawn, moved out, special education or other', async () => {
    const w = await world();
    const as = bearer(w.advisor.token);
    const close = async (outcome: string, note?: string, expected = 200) => {
      const p = await mf.pupil(w.season, w.schools.sending);
      const res = await http()
        .post(`/api/mediation/cases/${p.mcase.id}/close`)
        .set(as)
        .send(note === undefined ? { outcome } : { outcome, note })
        .expect(expected);
      return { ...p, res, req: await requestRow(p.request.id), row: await caseRow(p.mcase.id) };
    };

    const withdrawn = await close('withdrawn', 'Ouders kiezen toch voor de huidige school');
    expect(withdrawn.res.body).toMatchObject({
      status: 'closed',
      outcome: 'withdrawn',
      outcomeNote: 'Ouders kiezen toch voor de huidige school',
      requestStatus: 'withdrawn',
    });
    expect(withdrawn.req.withdrawalReason).toBe('Ouders kiezen toch voor de huidige school');
    expect(await auditCount(withdrawn.mcase.id, 'close.withdrawn')).toBe(1);
    expect(await auditCount(withdrawn.request.id, 'mediation.withdraw')).toBe(1);

    const moved = await close('moved-out');
    expect(moved.row).toMatchObject({ status: 'closed', outcome: 'moved-out', outcomeNote: null });
    expect(moved.req).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'Verhuisd buiten de regio',
    });
    const special = await close('special-education', 'Toelaatbaarheidsverklaring vso');
    expect(special.req).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'Naar speciaal onderwijs: Toelaatbaarheidsverklaring vso',
    });
    const other = await close('other', 'Naar het buitenland');
    expect(other.req.withdrawalReason).toBe('Anders: Naar het buitenland');

    // A note is needed for withdrawn and other; placed goes through /place only.
    for (const [outcome, note] of [
      ['withdrawn', undefined],
      ['other', '   '],
      ['placed', 'x'],
      ['gone', 'x'],
    ] as const) {
      const bad = await close(outcome, note, 400);
      expect(bad.row.status).toBe('open');
      expect(bad.req.status).toBe('mediation');
    }
    // Closed is closed.
    await http()
      .post(`/api/mediation/cases/${moved.mcase.id}/close`)
      .set(as)
      .send({ outcome: 'other', note: 'nogmaals' })
      .expect(409);
    await http().post(`/api/mediation/cases/${moved.mcase.id}/assign`).set(as).send({}).expect(409);
    // A request the school withdrew itself: the case closes, the request stays as it was.
    const gone = await mf.pupil(w.season, w.schools.sending, [], {
      status: 'withdrawn',
      withdrawalReason: 'door school ingetrokken',
    });
    await http()
      .post(`/api/mediation/cases/${gone.mcase.id}/close`)
      .set(as)
      .send({ outcome: 'withdrawn', note: 'School had al ingetrokken' })
      .expect(200);
    expect((await requestRow(gone.request.id)).withdrawalReason).toBe('door school ingetrokken');
  });

  it('100 simultaneous placements into an offer with 10 places give exactly 10', async () => {
    const w = await world();
    const offer = await f.offer(w.season, w.schools.a, 3, 'havo', 10);
    const pupils: { mcase: MediationCase; request: TransferRequest }[] = [];
    for (let i = 0; i < 100; i++)
      pupils.push(await mf.pupil(w.season, w.schools.sending, [w.schools.a]));

    const answers = await Promise.all(
      pupils.map((p) =>
        http()
          .post(`/api/mediation/cases/${p.mcase.id}/place`)
          .set(bearer(w.advisor.token))
          .send({ offerId: offer.id }),
      ),
    );
    const codes = answers.map((a) => a.status);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(90);

    const row = await offerRow(offer.id);
    expect(row.placed).toBe(10);
    expect(row.capacity - row.placed - row.pending).toBe(0);
    const [counts] = await f.db.query(
      `select count(*) filter (where status = 'placed')::int as placed,
              count(*) filter (where placed_offer_id = $2)::int as in_offer
         from transfer_requests where season_id = $1`,
      [w.season.id, offer.id],
    );
    expect(counts).toEqual({ placed: 10, in_offer: 10 });
    expect(
      await f.db.getRepository(MediationCase).countBy({ seasonId: w.season.id, outcome: 'placed' }),
    ).toBe(10);
    const list = await http()
      .get(`/api/seasons/${w.season.id}/offers?schoolId=${w.schools.a.id}`)
      .set(bearer(w.advisor.token))
      .expect(200);
    expect(list.body.items[0]).toMatchObject({ capacity: 10, placed: 10, remaining: 0 });
  });

  it('is for advisors and admins of the region only', async () => {
    const w = await world();
    const offer = await f.offer(w.season, w.schools.a, 3, 'havo', 5);
    const { mcase } = await mf.pupil(w.season, w.schools.sending);
    const url = `/api/mediation/cases/${mcase.id}`;
    const calls = [
      () => http().get('/api/mediation/cases'),
      () => http().get(url),
      () => http().get(`${url}/suggestions`),
      () => http().post(`${url}/assign`).send({}),
      () => http().post(`${url}/notes`).send({ text: 'x' }),
      () => http().post(`${url}/place`).send({ offerId: offer.id }),
      () => http().post(`${url}/close`).send({ outcome: 'moved-out' }),
    ];
    for (const call of calls) {
      await call().set(bearer(w.coordinator.token)).expect(403);
      await call().expect(401);
    }
    for (const call of calls.slice(1)) {
      await call().set(bearer(foreign.advisor)).expect(404);
      await call().set(bearer(foreign.admin)).expect(404);
    }
    expect(await caseRow(mcase.id)).toMatchObject({ status: 'open', assignedTo: null });
    expect((await offerRow(offer.id)).placed).toBe(0);
    await http().get(url).set(bearer(w.admin.token)).expect(200);
    await http()
      .get('/api/mediation/cases/00000000-0000-4000-8000-000000000000')
      .set(bearer(w.admin.token))
      .expect(404);
    await http().get('/api/mediation/cases/nope').set(bearer(w.admin.token)).expect(400);
  });

  describe('placement table (plaatsingstafel)', () => {
    it('shows the board’s free places beside the region’s unplaced pupils who ask for them', async () => {
      const w = await world();
      const s = w.schools;
      // Board Noord: A and B. Zuid: C and D.
      const aHavo = await f.offer(w.season, s.a, 3, 'havo', 3, { placed: 1 });
      await f.offer(w.season, s.b, 4, 'vwo', 1, { pending: 1 }); // full: not shown
      const bVwo3 = await f.offer(w.season, s.b, 3, 'vwo', 2);
      await f.offer(w.season, s.c, 2, 'havo', 4); // another board
      const req = (over: Partial<TransferRequest>, sending: School | null = s.sending) =>
        f.request(w.season, sending, [], over);
      const submitted = await req({ requestedGrade: 3, requestedLevel: 'havo', lastName: 'Aa' });
      const inMediation = await mf.pupil(w.season, null, [], {
        requestedGrade: 3,
        requestedLevel: 'vwo',
        lastName: 'Bb',
      });
      await req({ requestedGrade: 3, requestedLevel: 'havo', status: 'proposed' });
      await req({ requestedGrade: 3, requestedLevel: 'havo', status: 'placed' });
      await req({ requestedGrade: 3, requestedLevel: 'havo', status: 'draft' });
      await req({ requestedGrade: 4, requestedLevel: 'vwo' }); // only a full offer
      await req({ requestedGrade: 2, requestedLevel: 'havo' }); // only at Zuid
      await f.request(await f.season(w.region), s.sending, []); // another season

      const coordA = await f.user(w.region, 'coordinator', [s.a]);
      const coordC = await f.user(w.region, 'coordinator', [s.c]);
      const url = `/api/seasons/${w.season.id}/placement-table?board=${encodeURIComponent('Stichting Noord')}`;
      const res = await http().get(url).set(bearer(w.advisor.token)).expect(200);
      expect(res.body.board).toBe('Stichting Noord');
      expect(res.body.schools.map((x: { id: string }) => x.id)).toEqual([s.a.id, s.b.id]);
      expect(res.body.offers).toEqual([
        expect.objectContaining({ offerId: aHavo.id, grade: 3, level: 'havo', remaining: 2 }),
        expect.objectContaining({ offerId: bVwo3.id, grade: 3, level: 'vwo', remaining: 2 }),
      ]);
      expect(res.body.pupils).toEqual([
        expect.objectContaining({
          requestId: submitted.id,
          lastName: 'Aa',
          requestedGrade: 3,
          requestedLevel: 'havo',
          inMediation: false,
          mediationCaseId: null,
          sendingSchool: { id: s.sending.id, name: 'Sending college', brin: s.sending.brin },
        }),
        expect.objectContaining({
          requestId: inMediation.request.id,
          requestedLevel: 'vwo',
          inMediation: true,
          mediationCaseId: inMediation.mcase.id,
          sendingSchool: null,
        }),
      ]);
      expect(await auditCount(submitted.id, 'placement-table.read')).toBe(1);

      await http().get(url).set(bearer(w.admin.token)).expect(200);
      await http().get(url).set(bearer(coordA.token)).expect(200);
      await http().get(url).set(bearer(coordC.token)).expect(403);
      await http().get(url).set(bearer(w.coordinator.token)).expect(403);
      await http().get(url).set(bearer(foreign.admin)).expect(404);
      await http()
        .get(`/api/seasons/${w.season.id}/placement-table?board=Onbekend`)
        .set(bearer(w.advisor.token))
        .expect(404);
      await http()
        .get(`/api/seasons/${w.season.id}/placement-table`)
        .set(bearer(w.advisor.token))
        .expect(400);
    });
  });
});
