import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { School } from '../src/schools/school.entity';
import { Season } from '../src/seasons/season.entity';
import { createTestApp } from './app';
import { Factory } from './factories';
import { OfferFactory } from './factories/offers';

type Who = 'admin' | 'advisor' | 'coordA' | 'coordC' | 'otherAdmin';

/**
 * A small hand-built season with exact expected figures:
 *
 * offers          havo 3: A 2 + B 1 = 3 │ vwo 4: A 3 + A(NT) 2 = 5 │ vmbo-k 2: B 4 │ vmbo-b 1: none
 * requests havo 3 submitted(B) submitted(B) proposed(C) placed(A) mediation(no school)
 *                 + draft(B) and withdrawn(C), which do not count
 *          vwo 4  submitted(A)
 *          vmbo-b 1 submitted(C) proposed(C)
 * plus noise that must not count: another season of the region, and another region.
 */
describe('supply and demand', () => {
  let app: INestApplication;
  let f: Factory;
  let of: OfferFactory;
  let a: School;
  let b: School;
  let c: School;
  let z: School;
  let season: Season;
  const tok = {} as Record<Who, string>;
  const http = () => request(app.getHttpServer());
  const as = (who: Who) => ({ authorization: `Bearer ${tok[who]}` });
  const url = (s: Season = season) => `/api/seasons/${s.id}/supply-demand`;

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    of = new OfferFactory(f.db);
    const region = await f.region();
    const other = await f.region();
    a = await f.school(region, { name: 'Alpha college', levels: ['havo', 'vwo'] });
    b = await f.school(region, { name: 'Bravo school', levels: ['havo', 'vmbo-k'] });
    c = await f.school(region, { name: 'Charlie lyceum', levels: ['vmbo-b'] });
    z = await f.school(region, { name: '=HYPERLINK("x")', levels: ['havo'] });
    season = await of.season(region);
    const earlier = await of.season(region);
    const otherSeason = await of.season(other);
    const otherSchool = await f.school(other, { levels: ['havo'] });

    await of.offer(season, a, { grade: 3, level: 'havo', capacity: 2 });
    await of.offer(season, b, { grade: 3, level: 'havo', capacity: 1, placed: 1 });
    await of.offer(season, a, { grade: 4, level: 'vwo', capacity: 3 });
    await of.offer(season, a, { grade: 4, level: 'vwo', profile: 'NT', capacity: 2 });
    await of.offer(season, b, { grade: 2, level: 'vmbo-k', capacity: 4 });
    const havo3 = { requestedGrade: 3, requestedLevel: 'havo' } as const;
    await of.request(season, b, { ...havo3, status: 'submitted' });
    await of.request(season, b, { ...havo3, status: 'submitted' });
    await of.request(season, c, { ...havo3, status: 'proposed' });
    await of.request(season, a, { ...havo3, status: 'placed' });
    await of.request(season, null, { ...havo3, status: 'mediation' });
    await of.request(season, b, { ...havo3, status: 'draft' });
    await of.request(season, c, { ...havo3, status: 'withdrawn' });
    await of.request(season, a, { requestedGrade: 4, requestedLevel: 'vwo', status: 'submitted' });
    const vmbob1 = { requestedGrade: 1, requestedLevel: 'vmbo-b' } as const;
    await of.request(season, c, { ...vmbob1, status: 'submitted' });
    await of.request(season, c, { ...vmbob1, status: 'proposed' });

    // Noise: the same region's other season, and another region.
    await of.offer(earlier, b, { grade: 3, level: 'havo', capacity: 50 });
    await of.request(earlier, b, { ...havo3, status: 'submitted' });
    await of.offer(otherSeason, otherSchool, { grade: 3, level: 'havo', capacity: 70 });
    await of.request(otherSeason, otherSchool, { ...havo3, status: 'submitted' });

    tok.admin = (await f.user(region, 'admin')).token;
    tok.advisor = (await f.user(region, 'advisor')).token;
    tok.coordA = (await f.user(region, 'coordinator', [a])).token;
    tok.coordC = (await f.user(region, 'coordinator', [c])).token;
    tok.otherAdmin = (await f.user(other, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  const byGradeLevel = [
    { grade: 1, level: 'vmbo-b', offered: 0, asking: 2, pending: 1, placed: 0, shortage: 2 },
    { grade: 2, level: 'vmbo-k', offered: 4, asking: 0, pending: 0, placed: 0, shortage: 0 },
    { grade: 3, level: 'havo', offered: 3, asking: 5, pending: 1, placed: 1, shortage: 2 },
    { grade: 4, level: 'vwo', offered: 5, asking: 1, pending: 0, placed: 0, shortage: 0 },
  ];
  const bySchool = () =>
    [
      { schoolId: a.id, brin: a.brin, name: 'Alpha college', offered: 7, remaining: 7, sought: 1 },
      { schoolId: b.id, brin: b.brin, name: 'Bravo school', offered: 5, remaining: 4, sought: 2 },
      { schoolId: c.id, brin: c.brin, name: 'Charlie lyceum', offered: 0, remaining: 0, sought: 3 },
      {
        schoolId: z.id,
        brin: z.brin,
        name: '=HYPERLINK("x")',
        offered: 0,
        remaining: 0,
        sought: 0,
      },
    ]
      .map((s) => ({ ...s, district: 'Centrum' }))
      .sort((x, y) => x.schoolId.localeCompare(y.schoolId));

  it('gives exact figures per leerjaar × niveau and per school, to every role of the region', async () => {
    for (const who of ['admin', 'advisor', 'coordA', 'coordC'] as Who[]) {
      const res = await http().get(url()).set(as(who)).expect(200);
      expect(res.body.byGradeLevel).toEqual(byGradeLevel);
      const schools = [...res.body.bySchool].sort(
        (x: { schoolId: string }, y: { schoolId: string }) => x.schoolId.localeCompare(y.schoolId),
      );
      expect(schools).toEqual(bySchool());
    }
  });

  it('holds counts only, never pupils', async () => {
    const res = await http().get(url()).set(as('coordC')).expect(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'byGradeLevel',
      'bySchool',
      'limit',
      'page',
      'rows',
      'total',
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Leerling|firstName|dateOfBirth|postcode/);
  });

  it("another region's season is 404, no token is 401", async () => {
    await http().get(url()).set(as('otherAdmin')).expect(404);
    await http().get(`${url()}.csv`).set(as('otherAdmin')).expect(404);
    await http().get(url()).expect(401);
    await http().get(`${url()}.csv`).expect(401);
  });

  it('exports the leerjaar × niveau table as CSV with Dutch headers', async () => {
    const res = await http().get(`${url()}.csv?part=grade-level`).set(as('coordA')).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="vraag-aanbod-${season.name}-per-leerjaar-niveau.csv"`,
    );
    expect(res.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'leerjaar;niveau;aangeboden;gevraagd;voorgesteld;geplaatst;tekort',
      '1;vmbo-b;0;2;1;0;2',
      '2;vmbo-k;4;0;0;0;0',
      '3;havo;3;5;1;1;2',
      '4;vwo;5;1;0;0;0',
      '',
    ]);
    // The default part is the same table.
    const plain = await http().get(`${url()}.csv`).set(as('advisor')).expect(200);
    expect(plain.text).toBe(res.text);
  });

  it('exports the per-school table as CSV, defusing formula-like names', async () => {
    const res = await http().get(`${url()}.csv?part=school`).set(as('coordC')).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename=".*per-school\.csv"$/,
    );
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('brin;school;aangeboden;gezocht');
    expect(lines.slice(1, -1).sort()).toEqual(
      [
        `${a.brin};Alpha college;7;1`,
        `${b.brin};Bravo school;5;2`,
        `${c.brin};Charlie lyceum;0;3`,
        `${z.brin};"'=HYPERLINK(""x"")";0;0`,
      ].sort(),
    );
    expect(lines[lines.length - 1]).toBe('');
  });

  it('refuses an unknown part', async () => {
    const res = await http().get(`${url()}.csv?part=pupils`).set(as('admin')).expect(400);
    expect(res.body.errors[0].field).toBe('part');
  });

  it('an empty season has no grade rows and every school at zero', async () => {
    const region = await f.region();
    const s = await f.school(region);
    const empty = await of.season(region);
    const token = (await f.user(region, 'coordinator', [s])).token;
    const res = await http()
      .get(url(empty))
      .set({ authorization: `Bearer ${token}` })
      .expect(200);
    expect(res.body).toEqual({
      byGradeLevel: [],
      bySchool: [
        {
          schoolId: s.id,
          brin: s.brin,
          name: s.name,
          district: 'Centrum',
          offered: 0,
          remaining: 0,
          sought: 0,
        },
      ],
      rows: [],
      total: 0,
      page: 1,
      limit: 5000,
    });
  });

  describe('the region board (school × leerjaar × niveau × profiel)', () => {
    const row = (school: School, over: Record<string, unknown>) => ({
      schoolId: school.id,
      brin: school.brin,
      schoolName: school.name,
      district: 'Centrum',
      offerId: expect.any(String),
      profile: '',
      capacity: 0,
      placed: 0,
      pending: 0,
      remaining: 0,
      sought: 0,
      ...over,
    });
    const board = () => [
      row(a, { grade: 3, level: 'havo', capacity: 2, remaining: 2 }),
      row(a, { grade: 4, level: 'vwo', capacity: 3, remaining: 3, sought: 1 }),
      row(a, { grade: 4, level: 'vwo', profile: 'NT', capacity: 2, remaining: 2 }),
      row(b, { grade: 2, level: 'vmbo-k', capacity: 4, remaining: 4 }),
      row(b, { grade: 3, level: 'havo', capacity: 1, placed: 1, sought: 2 }),
      row(c, { grade: 1, level: 'vmbo-b', offerId: null, sought: 2 }),
      row(c, { grade: 3, level: 'havo', offerId: null, sought: 1 }),
    ];

    it("shows every school's free places and the places it seeks for its own pupils, by name", async () => {
      const res = await http().get(url()).set(as('coordC')).expect(200);
      expect(res.body.rows).toEqual(board());
      expect(res.body).toMatchObject({ total: 7, page: 1, limit: 5000 });
    });

    it('filters by leerjaar and niveau, pages, and refuses a limit above 5000', async () => {
      const res = await http().get(`${url()}?grade=3&level=havo`).set(as('advisor')).expect(200);
      expect(res.body.rows).toEqual([board()[0], board()[4], board()[6]]);
      expect(res.body.byGradeLevel).toEqual([byGradeLevel[2]]);
      expect(
        res.body.bySchool.map((x: { name: string; offered: number; sought: number }) => [
          x.name,
          x.offered,
          x.sought,
        ]),
      ).toEqual([
        ['=HYPERLINK("x")', 0, 0],
        ['Alpha college', 2, 0],
        ['Bravo school', 1, 2],
        ['Charlie lyceum', 0, 1],
      ]);
      const page = await http().get(`${url()}?limit=2&page=2`).set(as('admin')).expect(200);
      expect(page.body.rows).toEqual(board().slice(2, 4));
      expect(page.body.total).toBe(7);
      // The last page, which is not full, and a page past the end still give the whole total.
      const last = await http().get(`${url()}?limit=5&page=2`).set(as('admin')).expect(200);
      expect(last.body).toMatchObject({ rows: board().slice(5), total: 7 });
      const beyond = await http().get(`${url()}?limit=5&page=3`).set(as('admin')).expect(200);
      expect(beyond.body).toMatchObject({ rows: [], total: 7 });
      await http().get(`${url()}?limit=5001`).set(as('admin')).expect(400);
      await http().get(`${url()}?district=Amstelveen`).set(as('admin')).expect(400);
    });

    it('filters by stadsdeel; the CSV of the board has Dutch headers and only that district', async () => {
      const region = await f.region();
      const centrum = await f.school(region, { name: 'Centrum college', postcode: '1017 AB' });
      const oost = await f.school(region, { name: 'Oost lyceum', postcode: '1092 AB' });
      const noord = await f.school(region, { name: 'Noord school', postcode: '1024AB' });
      const s = await of.season(region);
      await of.offer(s, centrum, { grade: 3, level: 'havo', capacity: 8 });
      await of.offer(s, oost, { grade: 3, level: 'havo', capacity: 5, placed: 1, pending: 1 });
      await of.offer(s, oost, { grade: 4, level: 'havo', profile: '=EM', capacity: 2 });
      await of.offer(s, noord, { grade: 3, level: 'havo', capacity: 1 });
      await of.request(s, oost, { requestedGrade: 3, requestedLevel: 'havo', status: 'submitted' });
      await of.request(s, oost, { requestedGrade: 1, requestedLevel: 'vwo', status: 'mediation' });
      await of.request(s, oost, { requestedGrade: 1, requestedLevel: 'vwo', status: 'draft' });
      const token = {
        authorization: `Bearer ${(await f.user(region, 'coordinator', [centrum])).token}`,
      };

      const res = await http()
        .get(`${url(s)}?district=Oost`)
        .set(token)
        .expect(200);
      expect(
        res.body.rows.map(
          (r: {
            schoolName: string;
            grade: number;
            level: string;
            profile: string;
            remaining: number;
            sought: number;
            district: string;
          }) => [r.schoolName, r.district, r.grade, r.level, r.profile, r.remaining, r.sought],
        ),
      ).toEqual([
        ['Oost lyceum', 'Oost', 1, 'vwo', '', 0, 1],
        ['Oost lyceum', 'Oost', 3, 'havo', '', 3, 1],
        ['Oost lyceum', 'Oost', 4, 'havo', '=EM', 2, 0],
      ]);
      expect(res.body.bySchool).toEqual([
        {
          schoolId: oost.id,
          brin: oost.brin,
          name: 'Oost lyceum',
          district: 'Oost',
          offered: 7,
          remaining: 5,
          sought: 2,
        },
      ]);

      const csv = await http()
        .get(`${url(s)}.csv?part=board&district=Oost`)
        .set(token)
        .expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(
        `attachment; filename="vraag-aanbod-${s.name}-bord-Oost.csv"`,
      );
      expect(csv.text.startsWith('\uFEFF')).toBe(true);
      expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
        'brin;school;stadsdeel;leerjaar;niveau;profiel;plaatsen;geplaatst;voorgesteld;vrij;gezocht',
        `${oost.brin};Oost lyceum;Oost;1;vwo;;0;0;0;0;1`,
        `${oost.brin};Oost lyceum;Oost;3;havo;;5;1;1;3;1`,
        `${oost.brin};Oost lyceum;Oost;4;havo;'=EM;2;0;0;2;0`,
        '',
      ]);
      const perSchool = await http()
        .get(`${url(s)}.csv?part=school&district=Noord`)
        .set(token)
        .expect(200);
      expect(perSchool.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
        'brin;school;aangeboden;gezocht',
        `${noord.brin};Noord school;1;0`,
        '',
      ]);
      const byLevel = await http()
        .get(`${url(s)}.csv?level=vwo`)
        .set(token)
        .expect(200);
      expect(byLevel.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
        'leerjaar;niveau;aangeboden;gevraagd;voorgesteld;geplaatst;tekort',
        '1;vwo;0;1;0;0;1',
        '',
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/Leerling|firstName|dateOfBirth/);

      // The schools' own outputs carry the stadsdeel too, and the list filters on it.
      const list = await http().get('/api/schools?district=Oost').set(token).expect(200);
      expect(
        list.body.items.map((x: { id: string; district: string }) => [x.id, x.district]),
      ).toEqual([[oost.id, 'Oost']]);
      const one = await http().get(`/api/schools/${noord.id}`).set(token).expect(200);
      expect(one.body.district).toBe('Noord');
      const dir = await http().get('/api/schools/directory').set(token).expect(200);
      expect(
        dir.body.items.map((x: { name: string; district: string }) => [x.name, x.district]),
      ).toEqual([
        ['Centrum college', 'Centrum'],
        ['Noord school', 'Noord'],
        ['Oost lyceum', 'Oost'],
      ]);
    });
  });
});
