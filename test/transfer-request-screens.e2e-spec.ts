import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Region } from '../src/regions/region.entity';
import { setStatusByRound } from '../src/transfer-requests/lifecycle';
import { School } from '../src/schools/school.entity';
import { Season } from '../src/seasons/season.entity';
import { createTestApp } from './app';
import { Factory } from './factories';
import { ProposalFactory } from './factories/proposals';

/** What the coordinators' screens need: search, status filters, list rows, history, counts. */
describe('transfer requests: list rows, search, history and counts', () => {
  let app: INestApplication;
  let f: Factory;
  let pf: ProposalFactory;
  let region: Region;
  let season: Season;
  let otherSeason: Season;
  let sending: School;
  let other: School;
  let receiving1: School;
  let receiving2: School;
  const t: Record<string, string> = {};
  const names: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });

  const form = (over: Record<string, unknown> = {}) => ({
    seasonId: season.id,
    sendingSchoolId: sending.id,
    firstName: 'Fenna',
    lastName: 'Zwanenburg',
    dateOfBirth: '2012-03-14',
    postcode: '1091 AB',
    currentGrade: 3,
    currentLevel: 'vwo',
    requestedGrade: 3,
    requestedLevel: 'havo',
    reason: 'afstroom',
    justification: 'Past beter op de havo.',
    supportCategories: ['leren'],
    supportNeeds: 'dyslexieverklaring; extra tijd',
    consentBy: 'ouders',
    preferences: [receiving1.id, receiving2.id],
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}, who = 'coord') =>
    (await http().post('/api/transfer-requests').set(as(who)).send(form(over)).expect(201)).body;
  const list = async (query: string, who = 'coord') =>
    (await http().get(`/api/transfer-requests?${query}`).set(as(who)).expect(200)).body;

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    pf = new ProposalFactory(f.db);
    region = await f.region();
    const foreign = await f.region();
    season = await f.season(region);
    otherSeason = await f.season(foreign);
    sending = await f.school(region, { name: 'Zender college' });
    other = await f.school(region, { name: 'Ander lyceum' });
    receiving1 = await f.school(region, { name: 'Ontvanger een' });
    receiving2 = await f.school(region, { name: 'Ontvanger twee' });
    await f.offer(season, receiving1, 3, 'havo', 4);
    await f.offer(season, receiving2, 3, 'havo', 2);
    const coord = await f.user(region, 'coordinator', [sending]);
    t.coord = coord.token;
    names.coord = coord.user.name;
    t.otherCoord = (await f.user(region, 'coordinator', [other])).token;
    const rc = await f.user(region, 'coordinator', [receiving1]);
    t.receivingCoord = rc.token;
    names.receivingCoord = rc.user.name;
    t.twoSchools = (await f.user(region, 'coordinator', [sending, other])).token;
    t.advisor = (await f.user(region, 'advisor')).token;
    t.foreign = (await f.user(foreign, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  describe('the list', () => {
    it('search finds a pupil by part of the last name, the full name or the dossiernummer, case-insensitively', async () => {
      const r = await create({ firstName: 'Fenna', lastName: 'van Zwanenburg-Kok' });
      await create({ firstName: 'Bram', lastName: 'Jansen' });
      for (const q of ['zwanen', 'ZWANENBURG-kok', 'fenna van z', r.id.slice(0, 8)]) {
        const page = await list(`q=${encodeURIComponent(q)}&seasonId=${season.id}`);
        expect(page.items.map((i: { id: string }) => i.id)).toEqual([r.id]);
        expect(page.total).toBe(1);
      }
      // % and _ are literal, not wildcards.
      expect((await list('q=%25')).total).toBe(0);
      // Another school's coordinator searching the same name finds nothing.
      expect((await list('q=zwanenburg', 'otherCoord')).total).toBe(0);
    });

    it('filters by several statuses, comma-separated or repeated', async () => {
      const draft = await create({ lastName: 'Statustest' });
      const submitted = await create({ lastName: 'Statustest' });
      await http()
        .post(`/api/transfer-requests/${submitted.id}/submit`)
        .set(as('coord'))
        .expect(200);
      const withdrawn = await create({ lastName: 'Statustest' });
      await http()
        .post(`/api/transfer-requests/${withdrawn.id}/withdraw`)
        .set(as('coord'))
        .send({ reason: 'blijft toch' })
        .expect(200);
      const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id).sort();
      const both = [draft.id, submitted.id].sort();
      expect(ids(await list('q=statustest&status=draft,submitted'))).toEqual(both);
      expect(ids(await list('q=statustest&status=draft&status=submitted'))).toEqual(both);
      expect(ids(await list('q=statustest&status=withdrawn'))).toEqual([withdrawn.id]);
      const bad = await http()
        .get('/api/transfer-requests?status=draft,lost')
        .set(as('coord'))
        .expect(400);
      expect(bad.body.errors[0].field).toBe('status');
    });

    it('a row carries what the list shows, with the school names, and never the form’s private parts', async () => {
      const r = await create({ lastName: 'Rijtest' });
      const [item] = (await list('q=rijtest')).items;
      expect(item).toMatchObject({
        id: r.id,
        firstName: 'Fenna',
        lastName: 'Rijtest',
        dateOfBirth: '2012-03-14',
        currentGrade: 3,
        currentLevel: 'vwo',
        requestedGrade: 3,
        requestedLevel: 'havo',
        status: 'draft',
        sendingSchoolId: sending.id,
        sendingSchoolName: 'Zender college',
        seasonId: season.id,
        preferenceCount: 2,
        receivingSchoolId: null,
        receivingSchoolName: null,
      });
      expect(typeof item.updatedAt).toBe('string');
      for (const key of ['postcode', 'justification', 'supportNeeds', 'supportCategories']) {
        expect(item).not.toHaveProperty(key);
      }

      // Proposed: the school of the open proposal; placed: the school of the place.
      const proposed = await f.request(season, sending, [receiving1], { lastName: 'Rijtest2' });
      const offer1 = await f.offer(season, receiving1, 3, 'vwo', 2);
      await pf.proposal(await pf.round(season), proposed, offer1);
      const placedOffer = await f.offer(season, receiving2, 3, 'vwo', 2);
      await f.request(season, sending, [receiving2], {
        lastName: 'Rijtest3',
        status: 'placed',
        placedOfferId: placedOffer.id,
      });
      const rows = (await list('q=rijtest&limit=10')).items as Record<string, unknown>[];
      const by = (n: string) => rows.find((x) => x.lastName === n);
      expect(by('Rijtest2')).toMatchObject({
        status: 'proposed',
        receivingSchoolId: receiving1.id,
        receivingSchoolName: 'Ontvanger een',
      });
      expect(by('Rijtest3')).toMatchObject({
        status: 'placed',
        receivingSchoolName: 'Ontvanger twee',
      });
    });
  });

  describe('history', () => {
    it('tells the pupil’s story in time order: status changes and proposals with school names, roles only', async () => {
      const r = await create({ lastName: 'Historie' });
      await http()
        .patch(`/api/transfer-requests/${r.id}`)
        .set(as('coord'))
        .send({ firstName: 'Fenne' })
        .expect(200);
      await http().post(`/api/transfer-requests/${r.id}/submit`).set(as('coord')).expect(200);
      const offers = await f.db.query(
        `select id, school_id from offers where season_id = $1 and grade = 3 and level = 'havo'`,
        [season.id],
      );
      const offerOf = (s: School) =>
        offers.find((o: { school_id: string }) => o.school_id === s.id);
      const req = { ...r, regionId: region.id, seasonId: season.id };

      // A round proposes receiving1; it declines; the next round proposes receiving2.
      await setStatusByRound(f.db.manager, region.id, [r.id], 'proposed');
      const p1 = await pf.proposal(await pf.round(season), req, {
        ...offerOf(receiving1),
        schoolId: receiving1.id,
      });
      await http()
        .post(`/api/proposals/${p1.id}/decline`)
        .set(as('receivingCoord'))
        .send({ reason: 'niveau-past-niet' })
        .expect(200);
      await setStatusByRound(f.db.manager, region.id, [r.id], 'proposed');
      await pf.proposal(await pf.round(season), req, {
        ...offerOf(receiving2),
        schoolId: receiving2.id,
      });
      // The school withdraws the form: the open proposal lapses.
      await http()
        .post(`/api/transfer-requests/${r.id}/withdraw`)
        .set(as('coord'))
        .send({ reason: 'verhuist naar Utrecht' })
        .expect(200);

      const res = await http()
        .get(`/api/transfer-requests/${r.id}/history`)
        .set(as('coord'))
        .expect(200);
      const steps = res.body as Record<string, unknown>[];
      expect(steps.map((s) => s.kind)).toEqual([
        'created',
        'updated',
        'submitted',
        'proposed',
        'proposal.created',
        'proposal.declined',
        'returned',
        'proposed',
        'proposal.created',
        'withdrawn',
        'proposal.lapsed',
      ]);
      expect(steps[0]).toMatchObject({ status: 'draft', actorRole: 'coordinator' });
      expect(steps[3]).toMatchObject({ status: 'proposed', actorRole: 'system' });
      expect(steps[4]).toMatchObject({ schoolName: 'Ontvanger een' });
      expect(steps[5]).toMatchObject({
        schoolName: 'Ontvanger een',
        reason: 'niveau-past-niet',
        actorRole: 'coordinator',
      });
      expect(steps[6]).toMatchObject({ status: 'submitted' });
      expect(steps[8]).toMatchObject({ schoolName: 'Ontvanger twee' });
      expect(steps[9]).toMatchObject({ status: 'withdrawn', actorRole: 'coordinator' });
      expect(steps[10]).toMatchObject({ schoolName: 'Ontvanger twee' });
      const times = steps.map((s) => Date.parse(s.at as string));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const text = JSON.stringify(steps);
      expect(text).not.toContain('dyslexie');
      expect(text).not.toContain('Utrecht');
      expect(text).not.toContain(names.coord);
      expect(text).not.toContain(names.receivingCoord);

      // Advisors read it too; the read is audited.
      await http().get(`/api/transfer-requests/${r.id}/history`).set(as('advisor')).expect(200);
      const audit = await f.db.query(
        `select role from audit_log where entity_id = $1 and action = 'history.read'`,
        [r.id],
      );
      expect(audit.map((a: { role: string }) => a.role).sort()).toEqual(['advisor', 'coordinator']);
    });

    it('is 404 for whoever may not read the request: another school, the receiving school, another region', async () => {
      const r = await create({ lastName: 'Geheim' });
      for (const who of ['otherCoord', 'receivingCoord', 'foreign']) {
        const res = await http()
          .get(`/api/transfer-requests/${r.id}/history`)
          .set(as(who))
          .expect(404);
        expect(JSON.stringify(res.body)).not.toContain('Geheim');
      }
      await http().get(`/api/transfer-requests/${r.id}/history`).expect(401);
      await http().get('/api/transfer-requests/not-a-uuid/history').set(as('coord')).expect(400);
    });
  });

  describe('summary', () => {
    it('counts per status in the caller’s scope, narrowed to one of their schools', async () => {
      const s = await f.season(region);
      await f.request(s, sending, [receiving1], { status: 'draft' });
      await f.request(s, sending, [receiving1], { status: 'submitted' });
      await f.request(s, sending, [receiving1], { status: 'submitted' });
      await f.request(s, other, [receiving1], { status: 'mediation' });
      await f.request(s, null, [receiving1], { status: 'submitted' });
      const get = async (who: string, query: string, status = 200) =>
        (await http().get(`/api/transfer-requests/summary?${query}`).set(as(who)).expect(status))
          .body;
      const zero = { draft: 0, submitted: 0, proposed: 0, placed: 0, withdrawn: 0, mediation: 0 };

      expect(await get('coord', `seasonId=${s.id}`)).toEqual({
        seasonId: s.id,
        schoolId: null,
        total: 3,
        counts: { ...zero, draft: 1, submitted: 2 },
      });
      expect((await get('twoSchools', `seasonId=${s.id}`)).counts).toEqual({
        ...zero,
        draft: 1,
        submitted: 2,
        mediation: 1,
      });
      expect((await get('twoSchools', `seasonId=${s.id}&schoolId=${other.id}`)).counts).toEqual({
        ...zero,
        mediation: 1,
      });
      expect((await get('advisor', `seasonId=${s.id}`)).total).toBe(5);
      await get('coord', `seasonId=${s.id}&schoolId=${other.id}`, 403);
      await get('coord', `seasonId=${otherSeason.id}`, 404);
      expect((await get('foreign', `seasonId=${otherSeason.id}`)).total).toBe(0);
    });
  });
});
