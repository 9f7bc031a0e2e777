import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Offer } from '../src/offers/offer.entity';
import { School } from '../src/schools/school.entity';
import { Season } from '../src/seasons/season.entity';
import { createTestApp } from './app';
import { Factory } from './factories';
import { OfferFactory } from './factories/offers';

type Who = 'admin' | 'advisor' | 'coordA' | 'coordB' | 'otherAdmin';
interface RowError {
  row?: number;
  line?: number;
  field: string;
  message: string;
}

describe('offers (free places)', () => {
  let app: INestApplication;
  let f: Factory;
  let of: OfferFactory;
  let schoolA: School; // vmbo-gt, havo, vwo
  let schoolB: School; // pro, vmbo-b, vmbo-k
  let schoolOther: School;
  let season: Season;
  let otherSeason: Season;
  const tok = {} as Record<Who, string>;
  const http = () => request(app.getHttpServer());
  const as = (who: Who) => ({ authorization: `Bearer ${tok[who]}` });
  const url = (s: Season = season) => `/api/seasons/${s.id}/offers`;
  const offersOf = (s: Season = season) =>
    f.db.getRepository(Offer).find({ where: { seasonId: s.id } });
  const put = (who: Who, offers: object[], s: Season = season) =>
    http().put(url(s)).set(as(who)).send({ offers });
  const csv = (who: Who, body: string, s: Season = season) =>
    http()
      .post(`${url(s)}/import`)
      .set(as(who))
      .set('content-type', 'text/csv')
      .send(body);
  const list = async (who: Who, query = 'limit=200', s: Season = season) =>
    (
      await http()
        .get(`${url(s)}?${query}`)
        .set(as(who))
        .expect(200)
    ).body;

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    of = new OfferFactory(f.db);
    const region = await f.region();
    const other = await f.region();
    schoolA = await f.school(region, { name: 'A-lyceum', levels: ['vmbo-gt', 'havo', 'vwo'] });
    schoolB = await f.school(region, { name: 'B-college', levels: ['pro', 'vmbo-b', 'vmbo-k'] });
    schoolOther = await f.school(other, { levels: ['havo'] });
    season = await of.season(region);
    otherSeason = await of.season(other);
    tok.admin = (await f.user(region, 'admin')).token;
    tok.advisor = (await f.user(region, 'advisor')).token;
    tok.coordA = (await f.user(region, 'coordinator', [schoolA])).token;
    tok.coordB = (await f.user(region, 'coordinator', [schoolB])).token;
    tok.otherAdmin = (await f.user(other, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  describe('access', () => {
    it('every role of the region reads; another region gets 404; no token 401', async () => {
      for (const who of ['admin', 'advisor', 'coordA', 'coordB'] as Who[]) {
        await http().get(url()).set(as(who)).expect(200);
      }
      await http().get(url()).set(as('otherAdmin')).expect(404);
      await http().get(url()).expect(401);
      await http().get('/api/seasons/not-a-uuid/offers').set(as('admin')).expect(400);
    });

    it('advisors read only', async () => {
      const row = { schoolId: schoolA.id, grade: 1, level: 'havo', capacity: 3 };
      await put('advisor', [row]).expect(403);
      await csv('advisor', 'brin;leerjaar;niveau;plaatsen\n').expect(403);
      expect(await offersOf()).toEqual([]);
    });

    it("another region's season is 404 for writes too, and nothing is written", async () => {
      const row = { schoolId: schoolOther.id, grade: 1, level: 'havo', capacity: 3 };
      await put('admin', [row], otherSeason).expect(404);
      await csv(
        'admin',
        `brin;leerjaar;niveau;plaatsen\n${schoolOther.brin};1;havo;3`,
        otherSeason,
      ).expect(404);
      expect(await offersOf(otherSeason)).toEqual([]);
    });
  });

  describe('PUT (bulk upsert)', () => {
    it('an admin sets places for any school of the region; every coordinator sees them all', async () => {
      const res = await put('admin', [
        { schoolId: schoolA.id, grade: 1, level: 'havo', capacity: 4 },
        { schoolId: schoolA.id, grade: 4, level: 'vwo', profile: 'NT', capacity: 2 },
        {
          schoolId: schoolB.id,
          grade: 3,
          level: 'vmbo-k',
          profile: 'Zorg en welzijn',
          capacity: 5,
        },
      ]).expect(200);
      expect(res.body).toEqual({ saved: 3 });

      for (const who of ['coordA', 'coordB', 'advisor'] as Who[]) {
        const page = await list(who);
        expect(page.total).toBe(3);
        expect(page.items.map((o: Offer) => o.schoolId).sort()).toEqual(
          [schoolA.id, schoolA.id, schoolB.id].sort(),
        );
      }
      const page = await list('coordB');
      expect(page.items[0]).toEqual({
        id: expect.any(String),
        schoolId: schoolA.id,
        schoolName: 'A-lyceum',
        brin: schoolA.brin,
        grade: 1,
        level: 'havo',
        profile: '',
        capacity: 4,
        placed: 0,
        pending: 0,
        remaining: 4,
      });
      expect(page.items[2]).toMatchObject({
        schoolName: 'B-college',
        profile: 'Zorg en welzijn',
        capacity: 5,
      });
      const audit = await f.db
        .getRepository(AuditEntry)
        .find({ where: { entity: 'offer', action: 'offers.upsert', regionId: season.regionId } });
      expect(audit).toHaveLength(3);
      expect(audit.map((a) => a.schoolId).sort()).toEqual(
        [schoolA.id, schoolA.id, schoolB.id].sort(),
      );
    });

    it('lists every bad row with its own message and writes nothing', async () => {
      const before = await offersOf();
      const res = await put('admin', [
        { schoolId: schoolA.id, grade: 2, level: 'havo', capacity: 1 }, // 1: good
        { schoolId: schoolB.id, grade: 5, level: 'vmbo-b', capacity: 1 }, // 2: no vmbo-b 5
        { schoolId: schoolA.id, grade: 6, level: 'havo', capacity: 1 }, // 3: no havo 6
        { schoolId: schoolA.id, grade: 2, level: 'vmbo-k', capacity: 1 }, // 4: A has no vmbo-k
        { schoolId: schoolA.id, grade: 3, level: 'vwo', capacity: -1 }, // 5: negative
        { schoolId: schoolA.id, grade: 2, level: 'havo', capacity: 7 }, // 6: duplicate of 1
        { schoolId: schoolA.id, grade: 3, level: 'havo', profile: 'NT', capacity: 1 }, // 7: profile too early
        { schoolId: schoolOther.id, grade: 1, level: 'havo', capacity: 1 }, // 8: other region
        { schoolId: schoolA.id, grade: 1, level: 'mbo', capacity: 1.5, colour: 'red' }, // 9
      ]).expect(400);
      const errors: RowError[] = res.body.errors;
      expect(res.body.message).toContain('Niets opgeslagen');
      expect(errors.map((e) => [e.row, e.field])).toEqual([
        [2, 'grade'],
        [3, 'grade'],
        [4, 'level'],
        [5, 'capacity'],
        [6, 'row'],
        [7, 'profile'],
        [8, 'schoolId'],
        [9, 'colour'],
        [9, 'level'],
        [9, 'capacity'],
      ]);
      const msg = (row: number) => errors.find((e) => e.row === row)!.message;
      expect(msg(2)).toBe('leerjaar 5 bestaat niet voor vmbo-b (1 t/m 4)');
      expect(msg(3)).toBe('leerjaar 6 bestaat niet voor havo (1 t/m 5)');
      expect(msg(4)).toContain('niveau vmbo-k wordt niet aangeboden door A-lyceum');
      expect(msg(5)).toBe('capaciteit moet een geheel getal van 0 of meer zijn');
      expect(msg(6)).toContain('dubbele regel');
      expect(msg(6)).toContain('regel 1');
      expect(msg(7)).toContain('vanaf leerjaar 4 voor havo');
      expect(msg(8)).toBe('school niet gevonden in deze regio');
      expect(await offersOf()).toEqual(before);
    });

    it('refuses a body that is not a list of at most 2000 rows', async () => {
      await http().put(url()).set(as('admin')).send({ offers: 'x' }).expect(400);
      await http().put(url()).set(as('admin')).send({ offers: [], extra: 1 }).expect(400);
      const tooMany = Array.from({ length: 2001 }, () => ({}));
      const res = await put('admin', tooMany).expect(400);
      expect(res.body.errors[0].field).toBe('offers');
      await put('admin', []).expect(200, { saved: 0 });
    });

    it('a coordinator sets their own school; a row for another school is 403 naming it, nothing written', async () => {
      const before = await offersOf();
      const res = await put('coordA', [
        { schoolId: schoolA.id, grade: 2, level: 'vmbo-gt', capacity: 6 },
        { schoolId: schoolB.id, grade: 1, level: 'pro', capacity: 9 },
      ]).expect(403);
      expect(res.body.message).toContain('regel 2');
      expect(res.body.errors).toEqual([
        {
          row: 2,
          field: 'schoolId',
          code: expect.any(String),
          message: expect.stringContaining('B-college'),
        },
      ]);
      expect(await offersOf()).toEqual(before);

      await put('coordA', [
        { schoolId: schoolA.id, grade: 2, level: 'vmbo-gt', capacity: 6 },
      ]).expect(200, { saved: 1 });
      const page = await list('coordB', `schoolId=${schoolA.id}&grade=2&level=vmbo-gt`);
      expect(page.items).toEqual([expect.objectContaining({ capacity: 6, remaining: 6 })]);
    });

    it('upserts on the key, keeping placed and pending; remaining never below zero', async () => {
      const repo = f.db.getRepository(Offer);
      const offer = await of.offer(season, schoolB, { grade: 2, level: 'vmbo-b', capacity: 5 });
      await repo.update(offer.id, { placed: 2, pending: 1 });
      let page = await list('coordA', `schoolId=${schoolB.id}&grade=2&level=vmbo-b`);
      expect(page.items[0]).toMatchObject({ capacity: 5, placed: 2, pending: 1, remaining: 2 });

      await put('coordB', [
        { schoolId: schoolB.id, grade: 2, level: 'vmbo-b', capacity: 1 },
      ]).expect(200);
      page = await list('coordA', `schoolId=${schoolB.id}&grade=2&level=vmbo-b`);
      expect(page.items).toEqual([
        expect.objectContaining({ id: offer.id, capacity: 1, placed: 2, pending: 1, remaining: 0 }),
      ]);
      const stored = await repo.findOneByOrFail({ id: offer.id });
      expect(stored).toMatchObject({ capacity: 1, placed: 2, pending: 1 });

      // Raising it again frees places once more.
      await put('admin', [{ schoolId: schoolB.id, grade: 2, level: 'vmbo-b', capacity: 4 }]).expect(
        200,
      );
      page = await list('advisor', `schoolId=${schoolB.id}&grade=2&level=vmbo-b`);
      expect(page.items[0]).toMatchObject({ capacity: 4, remaining: 1 });
    });

    it('a profile makes a separate offer from the same leerjaar × niveau without one', async () => {
      await put('admin', [
        { schoolId: schoolA.id, grade: 4, level: 'vwo', capacity: 3 },
        { schoolId: schoolA.id, grade: 4, level: 'vwo', profile: 'NT', capacity: 8 },
      ]).expect(200);
      const page = await list('admin', `schoolId=${schoolA.id}&grade=4&level=vwo`);
      expect(page.items.map((o: Offer) => [o.profile, o.capacity])).toEqual([
        ['', 3],
        ['NT', 8],
      ]);
    });
  });

  describe('GET (list)', () => {
    it('is paginated and filterable, and never shows another region', async () => {
      const all = await list('admin');
      const first = await list('admin', 'limit=2&page=1');
      const second = await list('admin', 'limit=2&page=2');
      expect(first).toMatchObject({ total: all.total, page: 1, limit: 2 });
      expect(first.items).toHaveLength(2);
      expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 4));
      const havo = await list('admin', 'level=havo');
      expect(havo.items.length).toBeGreaterThan(0);
      expect(havo.items.every((o: Offer) => o.level === 'havo')).toBe(true);
      const b = await list('admin', `schoolId=${schoolB.id}`);
      expect(b.items.every((o: Offer) => o.schoolId === schoolB.id)).toBe(true);
      await http().get(`${url()}?level=mbo`).set(as('admin')).expect(400);
      await http().get(`${url()}?grade=7`).set(as('admin')).expect(400);
      expect((await list('otherAdmin', 'limit=200', otherSeason)).total).toBe(0);
    });
  });

  describe('POST import (CSV)', () => {
    it('imports a good file from a coordinator; the rows show in GET and in the audit log', async () => {
      const body = [
        'BRIN;Leerjaar;Niveau;Profiel;Plaatsen',
        `${schoolA.brin};3;vmbo-gt;techniek;4`,
        `${schoolA.brin.toLowerCase()};5;havo;;2`,
        '',
        `${schoolA.brin};1;vwo;;0`,
      ].join('\r\n');
      await csv('coordA', body).expect(201, { imported: 3 });
      const page = await list('coordB', `schoolId=${schoolA.id}&grade=3&level=vmbo-gt`);
      expect(page.items).toEqual([
        expect.objectContaining({ profile: 'techniek', capacity: 4, remaining: 4 }),
      ]);
      const havo5 = await list('coordB', `schoolId=${schoolA.id}&grade=5&level=havo`);
      expect(havo5.items[0]).toMatchObject({ capacity: 2 });
      const audit = await f.db
        .getRepository(AuditEntry)
        .count({ where: { action: 'offers.import', regionId: season.regionId } });
      expect(audit).toBe(3);
    });

    it('accepts commas, any header order and no profiel column', async () => {
      await csv('admin', `plaatsen,niveau,leerjaar,brin\n11,pro,6,${schoolB.brin}\n`).expect(201, {
        imported: 1,
      });
      const page = await list('admin', `schoolId=${schoolB.id}&grade=6&level=pro`);
      expect(page.items[0]).toMatchObject({ capacity: 11, profile: '' });
    });

    it('names every bad line (header = line 1) and imports nothing', async () => {
      const before = await offersOf();
      const body = [
        'brin;leerjaar;niveau;profiel;plaatsen', // 1
        `${schoolA.brin};2;havo;;3`, // 2 good
        '99ZZ99;2;havo;;3', // 3 unknown BRIN
        `${schoolB.brin};5;vmbo-b;;3`, // 4 no vmbo-b 5
        `${schoolA.brin};6;havo;;3`, // 5 no havo 6
        `${schoolA.brin};2;vwo;;veel`, // 6 not a number
        `${schoolA.brin};2;vwo;;-4`, // 7 negative
        `${schoolA.brin};2;vwo`, // 8 missing column
        `${schoolA.brin};2;havo;;9`, // 9 duplicate of line 2
        `${schoolB.brin};1;vmbo-k;;3`, // 10 not coordinator A's school
        `${schoolA.brin};2;vmbo-k;;3`, // 11 level not offered
      ].join('\n');
      const res = await csv('coordA', body).expect(400);
      const errors: RowError[] = res.body.errors;
      expect(errors.map((e) => [e.row, e.field])).toEqual([
        [3, 'brin'],
        [4, 'brin'],
        [4, 'leerjaar'],
        [5, 'leerjaar'],
        [6, 'plaatsen'],
        [7, 'plaatsen'],
        [8, 'plaatsen'],
        [9, 'row'],
        [10, 'brin'],
        [11, 'niveau'],
      ]);
      const msg = (line: number, field: string) =>
        errors.find((e) => e.row === line && e.field === field)!.message;
      expect(msg(3, 'brin')).toContain("onbekende BRIN '99ZZ99'");
      expect(msg(4, 'leerjaar')).toBe('leerjaar 5 bestaat niet voor vmbo-b (1 t/m 4)');
      expect(msg(4, 'brin')).toContain('niet uw school');
      expect(msg(5, 'leerjaar')).toBe('leerjaar 6 bestaat niet voor havo (1 t/m 5)');
      expect(msg(6, 'plaatsen')).toContain("'veel'");
      expect(msg(7, 'plaatsen')).toContain("'-4'");
      expect(msg(8, 'plaatsen')).toBe('kolom plaatsen ontbreekt');
      expect(msg(9, 'row')).toContain('regel 2');
      expect(msg(10, 'brin')).toContain('niet uw school');
      expect(msg(11, 'niveau')).toContain('niet aangeboden');
      expect(res.body.message).toContain('regel 3');
      expect(await offersOf()).toEqual(before);
    });

    it('refuses a file without the required columns, an empty file and a non-CSV body', async () => {
      let res = await csv('admin', `brin;leerjaar;niveau\n${schoolA.brin};2;havo`).expect(400);
      expect(res.body.errors).toEqual([
        { row: 1, field: 'plaatsen', code: 'invalid', message: "kolom 'plaatsen' ontbreekt" },
      ]);
      res = await csv('admin', 'brin;leerjaar;niveau;plaatsen\n').expect(400);
      expect(res.body.errors[0]).toMatchObject({
        row: 2,
        message: 'het bestand heeft geen regels',
      });
      await csv('admin', '').expect(400);
      // PostgreSQL cannot store a NUL character: it was a 500.
      const before = (await offersOf()).length;
      await csv(
        'admin',
        `brin;leerjaar;niveau;profiel;plaatsen\n${schoolA.brin};4;havo;a\u0000b;4`,
      ).expect(400);
      expect(await offersOf()).toHaveLength(before);
      await http()
        .post(`${url()}/import`)
        .set(as('admin'))
        .send({ csv: 'brin;leerjaar;niveau;plaatsen' })
        .expect(415);
    });
  });
});
