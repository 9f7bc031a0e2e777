import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Offer } from '../src/offers/offer.entity';
import { School } from '../src/schools/school.entity';
import { Season } from '../src/seasons/season.entity';
import { createTestApp } from './app';
import { Factory } from './factories';
import { OfferFactory } from './factories/offers';

type Who = 'admin' | 'advisor' | 'coordA' | 'coordB' | 'otherAdmin';

/** The free-places upload from the browser, its template, and the preference picker. */
describe('offers: upload from the browser, template, schools with places', () => {
  let app: INestApplication;
  let f: Factory;
  let of: OfferFactory;
  let schoolA: School;
  let schoolB: School;
  let schoolC: School;
  let season: Season;
  let otherSeason: Season;
  const tok = {} as Record<Who, string>;
  const http = () => request(app.getHttpServer());
  const as = (who: Who) => ({ authorization: `Bearer ${tok[who]}` });
  const url = (s: Season = season) => `/api/seasons/${s.id}/offers`;
  const snapshot = async (s: Season = season) =>
    (await f.db.getRepository(Offer).find({ where: { seasonId: s.id } }))
      .map((o) => `${o.schoolId}|${o.grade}|${o.level}|${o.profile}|${o.capacity}`)
      .sort();
  const upload = (who: Who, text: string, query = '', filename = 'plaatsen.csv') =>
    http()
      .post(`${url()}/import${query}`)
      .set(as(who))
      .attach('file', Buffer.from(text, 'utf8'), { filename, contentType: 'text/csv' });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    of = new OfferFactory(f.db);
    const region = await f.region();
    const other = await f.region();
    schoolA = await f.school(region, {
      name: 'Amstel lyceum',
      postcode: '1091 AB',
      levels: ['vmbo-gt', 'havo', 'vwo'],
    });
    schoolB = await f.school(region, {
      name: 'Bijlmer college',
      postcode: '1102 AB',
      levels: ['havo', 'vwo'],
    });
    schoolC = await f.school(region, { name: 'Centrum school', levels: ['vmbo-b', 'havo'] });
    season = await of.season(region);
    otherSeason = await of.season(other);
    tok.admin = (await f.user(region, 'admin')).token;
    tok.advisor = (await f.user(region, 'advisor')).token;
    tok.coordA = (await f.user(region, 'coordinator', [schoolA])).token;
    tok.coordB = (await f.user(region, 'coordinator', [schoolB])).token;
    tok.otherAdmin = (await f.user(other, 'admin')).token;
    await of.offer(season, schoolA, { grade: 3, level: 'havo', capacity: 4 });
  });
  afterAll(async () => {
    await app.close();
  });

  describe('multipart upload with preview', () => {
    it('a preview lists every row (new, or old → new) and bad line 3, and writes nothing', async () => {
      const before = await snapshot();
      const file = [
        'brin;leerjaar;niveau;profiel;plaatsen',
        `${schoolA.brin};1;havo;;5`,
        `${schoolA.brin};2;havoo;;3`,
        `${schoolA.brin};3;havo;;6`,
        `${schoolA.brin};3;havo;;4`,
      ].join('\r\n');
      const res = await upload('coordA', file, '?dryRun=true').expect(200);
      expect(res.body).toMatchObject({
        dryRun: true,
        valid: false,
        created: 1,
        changed: 1,
        unchanged: 0,
      });
      expect(res.body.errors).toEqual([
        { line: 3, field: 'niveau', message: expect.stringContaining("onbekend niveau 'havoo'") },
        { line: 5, field: 'row', message: expect.stringContaining('dubbele regel') },
      ]);
      expect(res.body.rows).toEqual([
        {
          line: 2,
          brin: schoolA.brin,
          schoolId: schoolA.id,
          schoolName: 'Amstel lyceum',
          grade: 1,
          level: 'havo',
          profile: '',
          capacity: 5,
          change: 'new',
          previousCapacity: null,
          valid: true,
        },
        expect.objectContaining({
          line: 4,
          capacity: 6,
          change: 'changed',
          previousCapacity: 4,
          valid: true,
        }),
        expect.objectContaining({ line: 5, change: 'unchanged', valid: false }),
      ]);
      expect(await snapshot()).toEqual(before);
      // ?preview=true is the same.
      const again = await upload('coordA', file, '?preview=true').expect(200);
      expect(again.body.errors).toEqual(res.body.errors);
      expect(await snapshot()).toEqual(before);
    });

    it("a preview names another school's rows as bad lines, also for a text/csv body", async () => {
      const res = await http()
        .post(`${url()}/import?dryRun=true`)
        .set(as('coordA'))
        .set('content-type', 'text/csv')
        .send(`brin;leerjaar;niveau;plaatsen\n${schoolB.brin};1;havo;2\n99ZZ99;1;havo;2`)
        .expect(200);
      expect(res.body.valid).toBe(false);
      expect(
        res.body.errors.map((e: { line: number; field: string }) => [e.line, e.field]),
      ).toEqual([
        [2, 'brin'],
        [3, 'brin'],
      ]);
      expect(res.body.errors[0].message).toContain('niet uw school');
      expect(res.body.rows[1]).toMatchObject({ brin: '99ZZ99', schoolId: null, schoolName: null });
    });

    it('without dryRun a multipart upload saves all or nothing, as the text/csv body does', async () => {
      const before = await snapshot();
      const bad = await upload(
        'coordA',
        `brin;leerjaar;niveau;plaatsen\n${schoolA.brin};1;vwo;2\n${schoolA.brin};9;vwo;2\n`,
      ).expect(400);
      expect(bad.body.errors).toEqual([
        {
          row: 3,
          field: 'leerjaar',
          code: 'invalid',
          message: expect.stringContaining('leerjaar 9'),
        },
      ]);
      expect(await snapshot()).toEqual(before);

      // Excel's UTF-8 with BOM and ; and CRLF.
      const ok = await upload(
        'coordA',
        `\uFEFFbrin;leerjaar;niveau;profiel;plaatsen\r\n${schoolA.brin};4;vwo;Natuur & Techniek;3\r\n`,
      ).expect(201);
      expect(ok.body).toEqual({ imported: 1 });
      expect(await snapshot()).toContain(`${schoolA.id}|4|vwo|Natuur & Techniek|3`);
    });

    it('reads a file saved by Excel as Windows-1252', async () => {
      const text = `brin;leerjaar;niveau;profiel;plaatsen\n${schoolA.brin};4;havo;Économie;2\n`;
      const res = await http()
        .post(`${url()}/import?dryRun=true`)
        .set(as('coordA'))
        .attach('file', Buffer.from(text, 'latin1'), 'plaatsen.csv')
        .expect(200);
      expect(res.body.rows[0].profile).toBe('Économie');
    });

    it('refuses a file over 1 MB, a wrong field name and a bad dryRun, in Dutch, writing nothing', async () => {
      const before = await snapshot();
      const big = `brin;leerjaar;niveau;plaatsen\n${`${schoolA.brin};1;havo;1\n`.repeat(80_000)}`;
      const tooBig = await upload('coordA', big).expect(413);
      expect(tooBig.body.message).toContain('te groot');
      const wrong = await http()
        .post(`${url()}/import`)
        .set(as('coordA'))
        .attach('upload', Buffer.from('brin;leerjaar;niveau;plaatsen\n'), 'x.csv')
        .expect(400);
      expect(wrong.body.message).toContain("'file'");
      const noFile = await http()
        .post(`${url()}/import`)
        .set(as('coordA'))
        .field('note', 'geen bestand')
        .expect(415);
      expect(noFile.body.message).toContain('multipart/form-data');
      await upload('coordA', 'brin;leerjaar;niveau;plaatsen\n', '?dryRun=misschien').expect(400);
      await upload('advisor', `brin;leerjaar;niveau;plaatsen\n${schoolA.brin};1;havo;1`).expect(
        403,
      );
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('template', () => {
    it("gives a coordinator their own school's rows, which upload cleanly", async () => {
      const res = await http().get(`${url()}/template.csv`).set(as('coordA')).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="vrije-plaatsen-/);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('brin;leerjaar;niveau;profiel;plaatsen');
      const data = lines.slice(1, -1);
      expect(data.length).toBeGreaterThan(0);
      expect(data.every((l) => l.startsWith(`${schoolA.brin};`))).toBe(true);
      expect(data).toContain(`${schoolA.brin};3;havo;;4`);
      const check = await upload('coordA', res.text, '?dryRun=true').expect(200);
      expect(check.body).toMatchObject({ valid: true, errors: [] });

      // A school without offers gets one row per niveau it has, with 0 places.
      const b = await http().get(`${url()}/template.csv`).set(as('coordB')).expect(200);
      expect(
        b.text
          .replace(/^\uFEFF/, '')
          .split('\r\n')
          .slice(1, -1),
      ).toEqual([`${schoolB.brin};1;havo;;0`, `${schoolB.brin};1;vwo;;0`]);
    });

    it('takes a schoolId: any school for an admin, only their own for a coordinator', async () => {
      const res = await http()
        .get(`${url()}/template.csv?schoolId=${schoolC.id}`)
        .set(as('admin'))
        .expect(200);
      const data = res.text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(1, -1);
      expect(data).toEqual([`${schoolC.brin};1;vmbo-b;;0`, `${schoolC.brin};1;havo;;0`]);
      await http()
        .get(`${url()}/template.csv?schoolId=${schoolC.id}`)
        .set(as('coordA'))
        .expect(403);
      await http().get(`${url()}/template.csv`).set(as('advisor')).expect(403);
      await http()
        .get(`${url(otherSeason)}/template.csv`)
        .set(as('admin'))
        .expect(404);
    });
  });

  describe('schools with places (the preference picker)', () => {
    const picker = (who: Who, query: string, s: Season = season) =>
      http().get(`/api/seasons/${s.id}/schools-with-places?${query}`).set(as(who));

    it('lists the schools offering the leerjaar × niveau with their free places, by name, for every role', async () => {
      const s = await of.season(
        (await f.db.query('select * from regions where id = $1', [schoolA.regionId]))[0],
      );
      await of.offer(s, schoolC, { grade: 2, level: 'havo', capacity: 3, placed: 1, pending: 1 });
      await of.offer(s, schoolA, { grade: 2, level: 'havo', capacity: 2, placed: 2, pending: 1 });
      await of.offer(s, schoolB, { grade: 2, level: 'vwo', capacity: 9 });
      for (const who of ['admin', 'advisor', 'coordA', 'coordB'] as Who[]) {
        const res = await picker(who, 'grade=2&level=havo', s).expect(200);
        expect(res.body).toEqual([
          {
            id: schoolA.id,
            name: 'Amstel lyceum',
            brin: schoolA.brin,
            postcode: '1091 AB',
            district: 'Oost',
            offerId: expect.any(String),
            profile: '',
            remaining: 0,
            asking: 0,
            unclaimed: 0,
          },
          expect.objectContaining({ id: schoolC.id, district: 'Centrum', remaining: 1 }),
        ]);
      }
    });

    it('says how many submitted pupils will most likely take each school’s places, and what is left unclaimed', async () => {
      const s = await of.season(
        (await f.db.query('select * from regions where id = $1', [schoolA.regionId]))[0],
      );
      await of.offer(s, schoolA, { grade: 3, level: 'havo', capacity: 3 });
      await of.offer(s, schoolC, { grade: 3, level: 'havo', capacity: 2 });
      const schoolD = await f.school({ id: schoolA.regionId } as never, {
        name: 'Diemen college',
        levels: ['havo'],
      });
      const full = await of.offer(s, schoolD, { grade: 3, level: 'havo', capacity: 1 });
      await f.db.query('update offers set placed = 1 where id = $1', [full.id]);
      const ask = async (schools: School[], status: 'submitted' | 'draft' | 'placed') => {
        const r = await of.request(s, schoolB, {
          requestedGrade: 3,
          requestedLevel: 'havo',
          status,
        });
        for (const [i, sc] of schools.entries())
          await f.db.query(
            'insert into transfer_request_preferences (request_id, school_id, rank) values ($1, $2, $3)',
            [r.id, sc.id, i + 1],
          );
        return r;
      };
      await ask([schoolA, schoolC], 'submitted'); // A has room: counts at A only
      await ask([schoolA], 'submitted');
      await ask([schoolD, schoolC], 'submitted'); // D is full: counts at C
      const declined = await ask([schoolA, schoolC], 'submitted'); // A declined them: counts at C
      await f.db.query('insert into request_exclusions (request_id, school_id) values ($1, $2)', [
        declined.id,
        schoolA.id,
      ]);
      await ask([schoolA], 'draft'); // not in a round: does not count
      await ask([schoolC], 'placed'); // has a place: does not count
      const res = await picker('coordB', 'grade=3&level=havo', s).expect(200);
      const byId = new Map(
        res.body.map((x: { id: string; asking: number; unclaimed: number }) => [x.id, x]),
      );
      expect(byId.get(schoolA.id)).toMatchObject({ remaining: 3, asking: 2, unclaimed: 1 });
      expect(byId.get(schoolC.id)).toMatchObject({ remaining: 2, asking: 2, unclaimed: 0 });
      expect(byId.get(schoolD.id)).toMatchObject({ remaining: 0, asking: 0, unclaimed: 0 });
    });

    it('with a profile: its own offer first, an offer without profile fits too', async () => {
      const s = await of.season(
        (await f.db.query('select * from regions where id = $1', [schoolA.regionId]))[0],
      );
      await of.offer(s, schoolA, { grade: 4, level: 'vwo', capacity: 5 });
      await of.offer(s, schoolA, { grade: 4, level: 'vwo', profile: 'NT', capacity: 2 });
      await of.offer(s, schoolB, { grade: 4, level: 'vwo', profile: 'EM', capacity: 7 });
      const nt = await picker('coordA', 'grade=4&level=vwo&profile=NT', s).expect(200);
      expect(
        nt.body.map((x: { id: string; profile: string; remaining: number }) => [
          x.id,
          x.profile,
          x.remaining,
        ]),
      ).toEqual([[schoolA.id, 'NT', 2]]);
      const none = await picker('coordA', 'grade=4&level=vwo', s).expect(200);
      expect(none.body.map((x: { id: string; profile: string }) => [x.id, x.profile])).toEqual([
        [schoolA.id, ''],
      ]);
    });

    it('refuses a missing or unknown leerjaar/niveau; another region is 404', async () => {
      const res = await picker('coordA', 'level=havo').expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['grade']);
      await picker('coordA', 'grade=2&level=gymnasium').expect(400);
      await picker('otherAdmin', 'grade=2&level=havo').expect(404);
      await http()
        .get(`/api/seasons/${season.id}/schools-with-places?grade=2&level=havo`)
        .expect(401);
    });
  });
});
