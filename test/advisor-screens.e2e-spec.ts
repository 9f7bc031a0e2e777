import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Proposal } from '../src/proposals/proposal.entity';
import { Region } from '../src/regions/region.entity';
import { createTestApp } from './app';
import { Factory } from './factories';
import { MediationFactory } from './factories/mediation';

/** The advisors' mediation desk (issue 18): the list, the case, suggestions, instromers. */
describe('advisor screens', () => {
  let app: INestApplication;
  let f: Factory;
  let mf: MediationFactory;
  let region: Region;
  const t: Record<string, string> = {};
  let advisorId: string;
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    mf = new MediationFactory(f);
    region = await f.region();
    const advisor = await f.user(region, 'advisor', [], { name: 'Adviseur Ada' });
    advisorId = advisor.user.id;
    t.advisor = advisor.token;
    t.admin = (await f.user(region, 'admin')).token;
    t.coordinator = (await f.user(region, 'coordinator', [await f.school(region)])).token;
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists cases waiting longest first, with names, instromer and days waiting', async () => {
    // The later summer holiday would come last by urgency; waiting longest puts it first.
    const late = await f.season(region, { summerHolidayStart: '2027-07-17', endsOn: '2027-10-01' });
    const early = await f.season(region, { summerHolidayStart: '2027-07-03' });
    const sending = await f.school(region, { name: 'Zuiderlicht College' });
    const old = await mf.pupil(late, null, [], { firstName: 'Oud', requestedGrade: 2 });
    const fresh = await mf.pupil(early, sending, [], { firstName: 'Nieuw' });
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    await f.db.query(`update mediation_cases set created_at = $2, assigned_to = $3 where id = $1`, [
      old.mcase.id,
      tenDaysAgo,
      advisorId,
    ]);
    const seasons = `seasonId=${late.id}`;
    const w = await http()
      .get(`/api/mediation/cases?sort=waiting&${seasons}`)
      .set(as('advisor'))
      .expect(200);
    expect(w.body.items[0]).toMatchObject({
      id: old.mcase.id,
      pupil: { firstName: 'Oud' },
      requestedGrade: 2,
      requestedLevel: 'havo',
      sendingSchool: null,
      sendingSchoolName: 'instromer',
      daysWaiting: expect.any(Number),
      assignedToName: 'Adviseur Ada',
      status: 'open',
    });
    expect(w.body.items[0].daysWaiting).toBeGreaterThanOrEqual(9);
    const both = await http()
      .get('/api/mediation/cases?sort=waiting&limit=200')
      .set(as('advisor'))
      .expect(200);
    const ids = both.body.items.map((c: { id: string }) => c.id);
    expect(ids.indexOf(old.mcase.id)).toBeLessThan(ids.indexOf(fresh.mcase.id));
    const urgent = await http()
      .get('/api/mediation/cases?limit=200')
      .set(as('advisor'))
      .expect(200);
    const uids = urgent.body.items.map((c: { id: string }) => c.id);
    expect(uids.indexOf(fresh.mcase.id)).toBeLessThan(uids.indexOf(old.mcase.id));
    expect(urgent.body.items.find((c: { id: string }) => c.id === fresh.mcase.id)).toMatchObject({
      sendingSchoolName: 'Zuiderlicht College',
      daysWaiting: 0,
    });
    await http().get('/api/mediation/cases?sort=oldest').set(as('advisor')).expect(400);
    await http().get('/api/mediation/cases').set(as('coordinator')).expect(403);
  });

  it("shows the case with every proposal of the pupil and the notes' authors", async () => {
    const season = await f.season(region);
    const school = await f.school(region, { name: 'Oostpoort Lyceum' });
    const offer = await f.offer(season, school, 3, 'havo', 2);
    const { request: pupil, mcase } = await mf.pupil(season, null, [school]);
    const [round] = await f.db.query(
      `insert into matching_rounds (region_id, season_id, status, seed, seed_hash)
       values ($1, $2, 'completed', 's', $3) returning id`,
      [region.id, season.id, 'x'.repeat(64)],
    );
    await f.db.getRepository(Proposal).save({
      regionId: region.id,
      roundId: round.id,
      requestId: pupil.id,
      offerId: offer.id,
      schoolId: school.id,
      status: 'declined',
      respondBy: '2027-06-28',
      declineReason: 'geen-passende-ondersteuning',
      declineNote: 'Geen plek in de rebound',
      respondedAt: new Date(),
    });
    await http()
      .post(`/api/mediation/cases/${mcase.id}/notes`)
      .set(as('advisor'))
      .send({ text: 'Gebeld met moeder' })
      .expect(201);
    const res = await http().get(`/api/mediation/cases/${mcase.id}`).set(as('advisor')).expect(200);
    expect(res.body.proposals).toEqual([
      expect.objectContaining({
        schoolName: 'Oostpoort Lyceum',
        program: 'havo 3',
        status: 'declined',
        declineReason: 'geen-passende-ondersteuning',
        declineNote: 'Geen plek in de rebound',
        respondBy: '2027-06-28',
      }),
    ]);
    expect(res.body.notes).toEqual([
      expect.objectContaining({ text: 'Gebeld met moeder', authorName: 'Adviseur Ada' }),
    ]);
    // The form itself: the transfer request, readable by the advisor.
    await http().get(`/api/transfer-requests/${pupil.id}`).set(as('advisor')).expect(200);
  });

  it("suggests offers with the school's district and a distance hint from the pupil's postcode", async () => {
    const season = await f.season(region);
    const near = await f.school(region, { name: 'Dichtbij', postcode: '1092 AA' });
    const far = await f.school(region, { name: 'Verweg', postcode: '1071 AA' });
    await f.offer(season, near, 3, 'havo', 2);
    await f.offer(season, far, 3, 'havo', 2);
    const { mcase } = await mf.pupil(season, null, [], { postcode: '1091 AB' });
    const res = await http()
      .get(`/api/mediation/cases/${mcase.id}/suggestions`)
      .set(as('advisor'))
      .expect(200);
    expect(
      res.body.items.map((i: Record<string, unknown>) => [
        i.schoolName,
        i.district,
        i.pupilDistrict,
        i.distanceHint,
      ]),
    ).toEqual([
      ['Dichtbij', 'Oost', 'Oost', 'zelfde stadsdeel (Oost) (postcodeverschil 1)'],
      ['Verweg', 'Zuid', 'Oost', 'Zuid, leerling woont in Oost (postcodeverschil 20)'],
    ]);
  });

  it('enters an instromer: a form without a sending school, then a case, in two calls', async () => {
    const season = await f.season(region);
    const school = await f.school(region);
    await f.offer(season, school, 3, 'havo', 2);
    const form = {
      seasonId: season.id,
      firstName: 'Ilse',
      lastName: 'Instroom',
      dateOfBirth: '2012-03-14',
      postcode: '1102 AB',
      currentGrade: 3,
      currentLevel: 'havo',
      requestedGrade: 3,
      requestedLevel: 'havo',
      reason: 'verhuizing',
      justification: 'Gezin verhuist uit Utrecht naar Zuidoost.',
      consentBy: 'ouders-en-leerling',
    };
    const created = await http()
      .post('/api/transfer-requests')
      .set(as('advisor'))
      .send(form)
      .expect(201);
    expect(created.body).toMatchObject({ status: 'draft', sendingSchoolId: null });
    // No school listed yet: submitting would ask for one; the case opens from the draft.
    const opened = await http()
      .post('/api/mediation/cases')
      .set(as('advisor'))
      .send({ requestId: created.body.id, note: 'Instromer, nog geen school gekozen' })
      .expect(201);
    expect(opened.body).toMatchObject({
      requestId: created.body.id,
      requestStatus: 'mediation',
      sendingSchool: null,
      sendingSchoolName: 'instromer',
      origin: 'manual',
    });
    const [row] = await f.db.query(
      `select status, submitted_at from transfer_requests where id = $1`,
      [created.body.id],
    );
    expect(row.status).toBe('mediation');
    expect(row.submitted_at).not.toBeNull();

    // Without recorded consent: refused, and nothing changes.
    const noConsent = await http()
      .post('/api/transfer-requests')
      .set(as('advisor'))
      .send({ ...form, firstName: 'Zonder', consentBy: undefined })
      .expect(201);
    const refused = await http()
      .post('/api/mediation/cases')
      .set(as('advisor'))
      .send({ requestId: noConsent.body.id })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('consentBy');
    const [still] = await f.db.query(`select status from transfer_requests where id = $1`, [
      noConsent.body.id,
    ]);
    expect(still.status).toBe('draft');

    // With a school listed the usual way works too: submit, then open.
    const listed = await http()
      .post('/api/transfer-requests')
      .set(as('advisor'))
      .send({ ...form, firstName: 'Lijst', preferences: [school.id] })
      .expect(201);
    await http()
      .post(`/api/transfer-requests/${listed.body.id}/submit`)
      .set(as('advisor'))
      .expect(200);
    await http()
      .post('/api/mediation/cases')
      .set(as('advisor'))
      .send({ requestId: listed.body.id })
      .expect(201);
  });

  it('round pages are for admins and advisors; coordinators get 403', async () => {
    const season = await f.season(region);
    const [round] = await f.db.query(
      `insert into matching_rounds (region_id, season_id, status, seed, seed_hash)
       values ($1, $2, 'running', 's', $3) returning id`,
      [region.id, season.id, 'x'.repeat(64)],
    );
    for (const path of ['report', 'pupils', `explanations/${round.id}`]) {
      await http().get(`/api/rounds/${round.id}/${path}`).set(as('coordinator')).expect(403);
      // Not finished yet: 409 for those who may read it.
      await http().get(`/api/rounds/${round.id}/${path}`).set(as('advisor')).expect(409);
    }
    await http().get(`/api/seasons/${season.id}/monitor/timeline`).set(as('advisor')).expect(200);
  });
});
