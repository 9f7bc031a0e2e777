import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Region } from '../src/regions/region.entity';
import { RoundsService } from '../src/rounds/rounds.service';
import { School } from '../src/schools/school.entity';
import { Season } from '../src/seasons/season.entity';
import { createTestApp } from './app';
import { Factory } from './factories';

/**
 * Issue 17 point 9: forms are due before schools enter their places. A preference may name any
 * school of the region that teaches the niveau; the picker shows each one's free places (or none
 * yet); a round skips a school without a place and its explanation says so.
 */
describe('preferences before places', () => {
  let app: INestApplication;
  let f: Factory;
  let region: Region;
  let season: Season;
  let sending: School;
  let noPlacesYet: School;
  let withPlaces: School;
  let noHavo: School;
  const t: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    region = await f.region();
    season = await f.season(region);
    sending = await f.school(region, { name: 'Afzender college' });
    noPlacesYet = await f.school(region, { name: 'Berg lyceum' });
    withPlaces = await f.school(region, { name: 'Castor school' });
    noHavo = await f.school(region, { name: 'Duin vmbo', levels: ['vmbo-b', 'vmbo-k'] });
    await f.offer(season, withPlaces, 3, 'havo', 2);
    t.coord = (await f.user(region, 'coordinator', [sending])).token;
    t.admin = (await f.user(region, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  const form = (preferences: string[]) => ({
    seasonId: season.id,
    sendingSchoolId: sending.id,
    firstName: 'Sem',
    lastName: 'Voorkeurman',
    dateOfBirth: '2012-02-02',
    postcode: '1091 AB',
    currentGrade: 3,
    currentLevel: 'vwo',
    requestedGrade: 3,
    requestedLevel: 'havo',
    reason: 'afstroom',
    justification: 'Havo past beter.',
    consentBy: 'ouders',
    preferences,
  });

  it('the picker lists every school teaching the niveau, with its free places or none yet', async () => {
    const res = await http()
      .get(`/api/seasons/${season.id}/schools-with-places?grade=3&level=havo&teaching=true`)
      .set(as('coord'))
      .expect(200);
    const rows = res.body.map(
      (s: { id: string; offerId: string | null; remaining: number | null }) => [
        s.id,
        s.offerId === null,
        s.remaining,
      ],
    );
    expect(rows).toEqual([
      [sending.id, true, null],
      [noPlacesYet.id, true, null],
      [withPlaces.id, false, 2],
    ]);
    // Without `teaching`: only the schools with an offer, as before.
    const offered = await http()
      .get(`/api/seasons/${season.id}/schools-with-places?grade=3&level=havo`)
      .set(as('coord'))
      .expect(200);
    expect(offered.body.map((s: { id: string }) => s.id)).toEqual([withPlaces.id]);
  });

  it('a form naming a school that has entered no places yet is submitted; one that does not teach the niveau is named', async () => {
    const refused = (
      await http()
        .post('/api/transfer-requests')
        .set(as('coord'))
        .send(form([noPlacesYet.id, noHavo.id]))
        .expect(201)
    ).body;
    const res = await http()
      .post(`/api/transfer-requests/${refused.id}/submit`)
      .set(as('coord'))
      .expect(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'preferences[1]',
        message: expect.stringContaining('Duin vmbo'),
      }),
    ]);

    const r = (
      await http()
        .post('/api/transfer-requests')
        .set(as('coord'))
        .send(form([noPlacesYet.id, withPlaces.id]))
        .expect(201)
    ).body;
    const ok = await http()
      .post(`/api/transfer-requests/${r.id}/submit`)
      .set(as('coord'))
      .expect(200);
    expect(ok.body).toMatchObject({
      status: 'submitted',
      preferences: [noPlacesYet.id, withPlaces.id],
    });

    // The round skips the school without a place, and the explanation says so.
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(as('admin'))
      .send({ dryRun: true })
      .expect(201);
    await app.get(RoundsService).execute(start.body.id);
    const round = await http().get(`/api/rounds/${start.body.id}`).set(as('admin')).expect(200);
    expect(round.body.status).toBe('completed');
    const expl = await http()
      .get(`/api/rounds/${start.body.id}/explanations/${r.id}`)
      .set(as('admin'))
      .expect(200);
    expect(expl.body.assigned).toMatchObject({ schoolId: withPlaces.id, rank: 2 });
    expect(expl.body.lines).toEqual([
      expect.objectContaining({
        rank: 1,
        schoolId: noPlacesYet.id,
        outcome: 'NO_OFFER',
        text: 'Berg lyceum had geen vrije plaatsen voor leerjaar 3 havo.',
      }),
    ]);
  });
});
