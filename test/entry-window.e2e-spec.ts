import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Region } from '../src/regions/region.entity';
import { School } from '../src/schools/school.entity';
import { todayIso } from '../src/seasons/calendar';
import { Season } from '../src/seasons/season.entity';
import { dutchLongDate } from '../src/transfer-requests/entry-window';
import { createTestApp } from './app';
import { Factory } from './factories';

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Issue 17 point 3: forms are submitted from entryOpens to entryCloses; later only as late entry. */
describe('the entry window of a season', () => {
  let app: INestApplication;
  let f: Factory;
  let region: Region;
  let sending: School;
  let receiving: School;
  const t: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });
  const today = todayIso();

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    region = await f.region();
    sending = await f.school(region);
    receiving = await f.school(region);
    t.coord = (await f.user(region, 'coordinator', [sending])).token;
    t.advisor = (await f.user(region, 'advisor')).token;
    t.admin = (await f.user(region, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  const seasonWith = async (entryOpens: string, entryCloses: string) => {
    const season = await f.season(region, {
      entryOpens,
      entryCloses,
      roundDates: [],
      summerHolidayStart: '2099-07-10',
      endsOn: '2099-10-01',
    });
    await f.offer(season, receiving, 3, 'havo', 4);
    return season;
  };

  const draft = async (season: Season, who = 'coord') =>
    (
      await http()
        .post('/api/transfer-requests')
        .set(as(who))
        .send({
          seasonId: season.id,
          sendingSchoolId: sending.id,
          firstName: 'Noor',
          lastName: 'Vensterman',
          dateOfBirth: '2012-05-01',
          postcode: '1091 AB',
          currentGrade: 3,
          currentLevel: 'vwo',
          requestedGrade: 3,
          requestedLevel: 'havo',
          reason: 'afstroom',
          justification: 'Havo past beter na extra begeleiding.',
          consentBy: 'ouders',
          preferences: [receiving.id],
        })
        .expect(201)
    ).body as { id: string; status: string };

  const submit = (id: string, who: string) =>
    http().post(`/api/transfer-requests/${id}/submit`).set(as(who));
  const detail = async (id: string) =>
    (await http().get(`/api/transfer-requests/${id}`).set(as('admin')).expect(200)).body;
  const auditActions = async (id: string) =>
    (
      (await f.db.query(
        `select action from audit_log where entity_id = $1 and action like 'submit%' order by at, id`,
        [id],
      )) as { action: string }[]
    ).map((r) => r.action);

  it('before entry opens: a draft may be kept, submitting is refused (409) naming the opening date', async () => {
    const opens = addDays(today, 20);
    const season = await seasonWith(opens, addDays(today, 60));
    const r = await draft(season);
    expect(r.status).toBe('draft');
    for (const who of ['coord', 'advisor', 'admin']) {
      const res = await submit(r.id, who).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'conflict' });
      expect(res.body.message).toContain(`Indienen kan vanaf ${dutchLongDate(opens)}`);
      expect(res.body.message).toContain('inschrijving opent dan');
    }
    expect(await detail(r.id)).toMatchObject({ status: 'draft', submittedAt: null });
    expect(await auditActions(r.id)).toEqual([]);
  });

  it('from the first to the last day a coordinator submits (not late)', async () => {
    const onFirstDay = await seasonWith(today, addDays(today, 30));
    const a = await draft(onFirstDay);
    expect((await submit(a.id, 'coord').expect(200)).body).toMatchObject({
      status: 'submitted',
      lateEntry: false,
    });
    const onLastDay = await seasonWith(addDays(today, -30), today);
    const b = await draft(onLastDay);
    expect((await submit(b.id, 'coord').expect(200)).body.lateEntry).toBe(false);
    expect(await auditActions(b.id)).toEqual(['submit']);
  });

  it('after entry closes: coordinators are refused (naming the date); advisors and admins submit a late entry, marked and audited', async () => {
    const closes = addDays(today, -1);
    const season = await seasonWith(addDays(today, -90), closes);
    const r = await draft(season);
    const refused = await submit(r.id, 'coord').expect(409);
    expect(refused.body.message).toContain(
      `De inschrijving is gesloten sinds ${dutchLongDate(today)}`,
    );
    expect(refused.body.message).toContain(dutchLongDate(closes));
    expect(refused.body.message).toContain('vraag een onderwijsadviseur');
    expect(await detail(r.id)).toMatchObject({ status: 'draft', lateEntry: false });
    expect(await auditActions(r.id)).toEqual([]);

    const late = await submit(r.id, 'advisor').expect(200);
    expect(late.body).toMatchObject({ status: 'submitted', lateEntry: true });
    expect(await detail(r.id)).toMatchObject({ status: 'submitted', lateEntry: true });
    expect(await auditActions(r.id)).toEqual(['submit.late']);
    // The pupil's history still shows the step as "ingediend".
    const history = await http()
      .get(`/api/transfer-requests/${r.id}/history`)
      .set(as('coord'))
      .expect(200);
    expect(history.body.map((h: { kind: string }) => h.kind)).toContain('submitted');

    const byAdmin = await draft(season, 'admin');
    expect((await submit(byAdmin.id, 'admin').expect(200)).body.lateEntry).toBe(true);
  });
});
