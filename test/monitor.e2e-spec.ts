import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { School } from '../src/schools/school.entity';
import { SchoolCalendar } from '../src/calendar';
import { todayIso } from '../src/seasons/calendar';
import { Season } from '../src/seasons/season.entity';
import { createTestApp } from './app';
import { Factory } from './factories';
import { OfferFactory } from './factories/offers';

type Who = 'admin' | 'advisor' | 'coordA' | 'otherAdmin';

/**
 * A small hand-built season with exact expected figures (sending school in brackets):
 *
 * havo 3  placed(A) placed(B) proposed(A) mediation(none) submitted(A)  + draft(A), withdrawn(B)
 * vwo 4   placed(A) submitted(B) mediation(B)
 *
 * totals   placed 3, proposed 1, mediation 2, unplaced 2, total 8 → 3/8 = 0.375
 * havo 3   2, 1, 1, 1, total 5 → 0.4           Alpha 2, 1, 0, 1, total 4 → 0.5
 * vwo 4    1, 0, 1, 1, total 3 → 0.3333        Bravo 1, 0, 1, 1, total 3 → 0.3333
 *                                              no sending school 0, 0, 1, 0, total 1 → 0
 * plus noise that must not count: another season of the region, and another region.
 */
describe('season monitor', () => {
  let app: INestApplication;
  let f: Factory;
  let of: OfferFactory;
  let a: School;
  let b: School;
  let c: School;
  let season: Season;
  const tok = {} as Record<Who, string>;
  const http = () => request(app.getHttpServer());
  const as = (who: Who) => ({ authorization: `Bearer ${tok[who]}` });
  const url = (s: Season = season) => `/api/seasons/${s.id}/monitor`;

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    of = new OfferFactory(f.db);
    const region = await f.region();
    const other = await f.region();
    a = await f.school(region, { name: 'Alpha college' });
    b = await f.school(region, { name: 'Bravo school' });
    c = await f.school(region, { name: 'Charlie lyceum' });
    season = await of.season(region, { summerHolidayStart: '2099-07-10', endsOn: '2099-10-01' });
    const earlier = await of.season(region);
    const otherSeason = await of.season(other);
    const otherSchool = await f.school(other);

    const havo3 = { requestedGrade: 3, requestedLevel: 'havo' } as const;
    const vwo4 = { requestedGrade: 4, requestedLevel: 'vwo' } as const;
    await of.request(season, a, { ...havo3, status: 'placed' });
    await of.request(season, b, { ...havo3, status: 'placed' });
    await of.request(season, a, { ...havo3, status: 'proposed' });
    await of.request(season, null, { ...havo3, status: 'mediation' });
    await of.request(season, a, { ...havo3, status: 'submitted' });
    await of.request(season, a, { ...havo3, status: 'draft' });
    await of.request(season, b, { ...havo3, status: 'withdrawn' });
    await of.request(season, a, { ...vwo4, status: 'placed' });
    await of.request(season, b, { ...vwo4, status: 'submitted' });
    await of.request(season, b, { ...vwo4, status: 'mediation' });

    await of.request(earlier, a, { ...havo3, status: 'submitted' });
    await of.request(otherSeason, otherSchool, { ...havo3, status: 'placed' });

    tok.admin = (await f.user(region, 'admin')).token;
    tok.advisor = (await f.user(region, 'advisor')).token;
    tok.coordA = (await f.user(region, 'coordinator', [a])).token;
    tok.otherAdmin = (await f.user(other, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  // Every placement in this season is made now, long before its summer holiday of 2099.
  const fig = (
    placed: number,
    proposed: number,
    mediation: number,
    unplaced: number,
    total: number,
    placedShare: number | null,
  ) => ({
    placed,
    placedBeforeSummer: placed,
    proposed,
    mediation,
    unplaced,
    total,
    placedShare,
    placedBeforeSummerShare: placedShare,
  });

  it('counts the season per leerjaar × niveau and per sending school, with exact figures', async () => {
    const res = await http().get(url()).set(as('advisor')).expect(200);
    expect(res.body.season).toEqual({
      id: season.id,
      name: season.name,
      summerHolidayStart: '2099-07-10',
    });
    expect(res.body.schoolDaysToSummer).toBe(
      new SchoolCalendar('noord').schoolDaysBetween(todayIso(), '2099-07-10'),
    );
    expect(res.body.schoolDaysToSummer).toBeGreaterThan(1000);
    expect(res.body.totals).toEqual(fig(3, 1, 2, 2, 8, 0.375));
    expect(res.body.byGradeLevel).toEqual([
      { grade: 3, level: 'havo', ...fig(2, 1, 1, 1, 5, 0.4) },
      { grade: 4, level: 'vwo', ...fig(1, 0, 1, 1, 3, 0.3333) },
    ]);
    expect(res.body.bySchool).toEqual([
      { schoolId: a.id, brin: a.brin, name: 'Alpha college', ...fig(2, 1, 0, 1, 4, 0.5) },
      { schoolId: b.id, brin: b.brin, name: 'Bravo school', ...fig(1, 0, 1, 1, 3, 0.3333) },
      { schoolId: c.id, brin: c.brin, name: 'Charlie lyceum', ...fig(0, 0, 0, 0, 0, null) },
      {
        schoolId: null,
        brin: null,
        name: 'Zonder school van herkomst (instromers)',
        ...fig(0, 0, 1, 0, 1, 0),
      },
    ]);
    const admin = await http().get(url()).set(as('admin')).expect(200);
    expect(admin.body).toEqual(res.body);
  });

  it('shows a coordinator only their own school’s row beside the region’s totals', async () => {
    const res = await http().get(url()).set(as('coordA')).expect(200);
    expect(res.body.totals).toEqual(fig(3, 1, 2, 2, 8, 0.375));
    expect(res.body.bySchool).toEqual([
      { schoolId: a.id, brin: a.brin, name: 'Alpha college', ...fig(2, 1, 0, 1, 4, 0.5) },
    ]);
    const csv = await http().get(`${url()}.csv?part=school`).set(as('coordA')).expect(200);
    expect(csv.text).not.toContain('Bravo');
    expect(csv.text).toContain('Alpha college');
  });

  it('exports both tables as CSV with Dutch headers and the totals last', async () => {
    const gl = await http().get(`${url()}.csv`).set(as('advisor')).expect(200);
    expect(gl.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(gl.headers['content-disposition']).toBe(
      `attachment; filename="monitor-${season.name}-per-leerjaar-niveau.csv"`,
    );
    expect(gl.text).toBe(
      '\uFEFF' +
        [
          'leerjaar;niveau;geplaatst;geplaatst vóór zomervakantie;voorgesteld;in bemiddeling;' +
            'nog niet geplaatst;totaal;geplaatst (%);geplaatst vóór zomervakantie (%)',
          '3;havo;2;2;1;1;1;5;40,0;40,0',
          '4;vwo;1;1;0;1;1;3;33,3;33,3',
          'totaal;;3;3;1;2;2;8;37,5;37,5',
        ].join('\r\n') +
        '\r\n',
    );
    const sc = await http().get(`${url()}.csv?part=school`).set(as('admin')).expect(200);
    expect(sc.text.replace('\uFEFF', '').split('\r\n')).toEqual([
      'brin;school;geplaatst;geplaatst vóór zomervakantie;voorgesteld;in bemiddeling;' +
        'nog niet geplaatst;totaal;geplaatst (%);geplaatst vóór zomervakantie (%)',
      `${a.brin};Alpha college;2;2;1;0;1;4;50,0;50,0`,
      `${b.brin};Bravo school;1;1;0;1;1;3;33,3;33,3`,
      `${c.brin};Charlie lyceum;0;0;0;0;0;0;;`,
      ';Zonder school van herkomst (instromers);0;0;0;1;0;1;0,0;0,0',
      ';totaal regio;3;3;1;2;2;8;37,5;37,5',
      '',
    ]);
    await http().get(`${url()}.csv?part=pupils`).set(as('admin')).expect(400);
  });

  it('counts a placement made in the summer holiday as placed, but not before the holiday', async () => {
    const region = await f.region();
    const school = await f.school(region);
    const past = await of.season(region, {
      summerHolidayStart: '2026-07-18',
      endsOn: '2026-10-01',
    });
    const havo2 = { requestedGrade: 2, requestedLevel: 'havo' } as const;
    // The holiday starts at midnight in Amsterdam (22:00 UTC the day before, summer time).
    await of.request(past, school, {
      ...havo2,
      status: 'placed',
      placedAt: new Date('2026-07-17T21:59:00Z'),
    });
    await of.request(past, school, {
      ...havo2,
      status: 'placed',
      placedAt: new Date('2026-07-17T22:01:00Z'),
    });
    await of.request(past, school, { ...havo2, status: 'mediation' });
    const admin = await f.user(region, 'admin');
    const res = await http()
      .get(url(past))
      .set({ authorization: `Bearer ${admin.token}` })
      .expect(200);
    expect(res.body.totals).toEqual({
      placed: 2,
      placedBeforeSummer: 1,
      proposed: 0,
      mediation: 1,
      unplaced: 0,
      total: 3,
      placedShare: 0.6667,
      placedBeforeSummerShare: 0.3333,
    });
  });

  it('is of the caller’s region only', async () => {
    await http().get(url()).set(as('otherAdmin')).expect(404);
    await http().get(`${url()}.csv`).set(as('otherAdmin')).expect(404);
    await http().get(url()).expect(401);
    await http().get('/api/seasons/nope/monitor').set(as('admin')).expect(400);
  });
});
