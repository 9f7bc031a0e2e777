import { ArgumentsHost, INestApplication } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from '../src/common/all-exceptions.filter';
import request from 'supertest';
import { createTestApp } from './app';
import { Factory } from './factories';

/** Issue 20: races, broken text, content types and prototype keys were 500s or silently wrong. */
describe('hardening (issue 20)', () => {
  let app: INestApplication;
  let admin: string;
  let seasonId: string;
  let f: Factory;
  const http = () => request(app.getHttpServer());
  const seasonBody = (name: string) => ({
    name,
    entryOpens: `${name.slice(0, 4)}-01-15`,
    entryCloses: `${name.slice(0, 4)}-06-18`,
    roundDates: [`${name.slice(0, 4)}-06-21`],
    responseSchoolDays: 5,
    summerHolidayStart: `${name.slice(0, 4)}-07-10`,
    endsOn: `${name.slice(0, 4)}-10-01`,
  });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    admin = `Bearer ${(await f.user(await f.region(), 'admin')).token}`;
    const season = await http()
      .post('/api/seasons')
      .set('authorization', admin)
      .send(seasonBody('2040-2041'))
      .expect(201);
    seasonId = season.body.id;
  });
  afterAll(async () => {
    await app.close();
  });

  describe('1. a unique violation from a race is a 409 naming the field', () => {
    const race = async (path: string, body: object, field: string) => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => http().post(path).set('authorization', admin).send(body)),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      // A request that lost the race inside the database names the field; one that came later
      // got the service's own 409.
      for (const r of answers.filter((a) => a.status === 409)) {
        expect(r.body).toMatchObject({ statusCode: 409, code: 'conflict' });
        if (r.body.errors)
          expect(r.body.errors).toEqual([
            expect.objectContaining({ field, message: expect.stringMatching(/bestaat al/) }),
          ]);
      }
    };

    it('POST /seasons with one name', () => race('/api/seasons', seasonBody('2042-2043'), 'name'));

    it('POST /users with one e-mail', () =>
      race(
        '/api/users',
        {
          email: 'race@example.test',
          name: 'Race',
          role: 'advisor',
          password: 'een lang wachtwoord',
        },
        'email',
      ));

    it('POST /schools with one BRIN', () =>
      race(
        '/api/schools',
        {
          brin: '97QQ01',
          name: 'Raceschool',
          board: 'Stichting',
          postcode: '1011 AB',
          levels: ['havo'],
        },
        'brin',
      ));
  });

  it('1. names the field of any unique violation (also an expression index)', async () => {
    const filter = new AllExceptionsFilter();
    const answer = async (sql: string, params: unknown[]) => {
      const err = await f.db.query(sql, params).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(QueryFailedError);
      let status = 0;
      let body: unknown;
      const res = {
        status: (s: number) => ((status = s), res),
        json: (b: unknown) => (body = b),
      };
      filter.catch(err, {
        switchToHttp: () => ({ getResponse: () => res }),
      } as unknown as ArgumentsHost);
      return { status, body };
    };
    const users = await f.db.query('SELECT region_id, email FROM users LIMIT 1');
    expect(
      await answer(
        `INSERT INTO users (region_id, email, name, role, password_hash) VALUES ($1, upper($2), 'x', 'advisor', 'x')`,
        [users[0].region_id, users[0].email],
      ),
    ).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        code: 'conflict',
        message: 'email bestaat al',
        errors: [{ field: 'email', code: 'unique', message: 'email bestaat al' }],
      },
    });
    const seasons = await f.db.query('SELECT * FROM seasons WHERE id = $1', [seasonId]);
    const s = seasons[0];
    const dup = await answer(
      `INSERT INTO seasons (region_id, name, entry_opens, entry_closes, round_dates, response_school_days, summer_holiday_start, ends_on)
       SELECT region_id, name, entry_opens, entry_closes, round_dates, response_school_days, summer_holiday_start, ends_on FROM seasons WHERE id = $1`,
      [s.id],
    );
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ errors: [{ field: 'name', code: 'unique' }] });
  });

  describe('2. a string that is not valid UTF-16 is a 400', () => {
    it('on POST /auth/login, without a token', async () => {
      const res = await http()
        .post('/api/auth/login')
        .send({ email: '\ud800@example.nl', password: 'x' })
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    });

    it('on POST /users, also a lone low surrogate and in a query', async () => {
      for (const email of ['\ud800@example.nl', 'a\udc00b@example.nl']) {
        const res = await http()
          .post('/api/users')
          .set('authorization', admin)
          .send({ email, name: 'Nieuw', role: 'advisor', password: 'een lang wachtwoord' })
          .expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
      }
      await http().get('/api/users?q=%ED%A0%80').set('authorization', admin).expect(400);
      // A valid pair (an emoji) is fine.
      await http()
        .post('/api/users')
        .set('authorization', admin)
        .send({
          email: 'emoji@example.nl',
          name: 'Nieuw 😀',
          role: 'advisor',
          password: 'een lang wachtwoord',
        })
        .expect(201);
    });
  });

  describe('3. a JSON endpoint answers 415 to another content type', () => {
    it('a text/plain dry run starts no round', async () => {
      const res = await http()
        .post(`/api/seasons/${seasonId}/rounds`)
        .set('authorization', admin)
        .set('content-type', 'text/plain')
        .send('{"dryRun":true}')
        .expect(415);
      expect(res.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
      expect(res.body.message).toMatch(/niet geaccepteerd/);
      const rounds = await http()
        .get(`/api/seasons/${seasonId}/rounds`)
        .set('authorization', admin);
      expect(JSON.stringify(rounds.body)).not.toMatch(/"id"/);
    });

    it('an XML or text PATCH changes nothing and says so', async () => {
      for (const type of ['application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
        await http()
          .patch(`/api/seasons/${seasonId}`)
          .set('authorization', admin)
          .set('content-type', type)
          .send(type.includes('form') ? 'responseSchoolDays=9' : '{"responseSchoolDays":9}')
          .expect(415);
      }
      const [season] = await f.db.query('SELECT response_school_days FROM seasons WHERE id = $1', [
        seasonId,
      ]);
      expect(season.response_school_days).toBe(5);
    });

    it('JSON, an empty body without a type and the CSV import still work', async () => {
      await http()
        .patch(`/api/seasons/${seasonId}`)
        .set('authorization', admin)
        .set('content-type', 'application/json; charset=utf-8')
        .send('{"responseSchoolDays":6}')
        .expect(200);
      // An empty POST without a content type (another user: this ends its session).
      const other = await f.user(await f.region(), 'admin');
      await http()
        .post('/api/auth/logout')
        .set('authorization', `Bearer ${other.token}`)
        .expect(204);
      const csv = await http()
        .post(`/api/seasons/${seasonId}/offers/import?dryRun=true`)
        .set('authorization', admin)
        .set('content-type', 'text/csv')
        .send('brin;leerjaar;niveau;profiel;plaatsen\n');
      expect(csv.status).not.toBe(415);
      const xml = await http()
        .post(`/api/seasons/${seasonId}/offers/import`)
        .set('authorization', admin)
        .set('content-type', 'application/xml')
        .send('<x/>');
      expect(xml.status).toBe(415);
    });
  });

  describe('4. __proto__, constructor and prototype keys are refused', () => {
    const raw = (method: 'post' | 'patch', path: string, json: string) =>
      http()
        [method](path)
        .set('authorization', admin)
        .set('content-type', 'application/json')
        .send(json);

    it('on PATCH /seasons/:id, nested too, and nothing is polluted', async () => {
      const res = await raw(
        'patch',
        `/api/seasons/${seasonId}`,
        '{"__proto__":{"responseSchoolDays":9,"polluted":true}}',
      ).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: '__proto__' })]);
      await raw(
        'patch',
        `/api/seasons/${seasonId}`,
        '{"constructor":{"prototype":{"x":1}}}',
      ).expect(400);
      const nested = await raw(
        'patch',
        `/api/seasons/${seasonId}`,
        '{"roundDates":[{"prototype":1}]}',
      ).expect(400);
      expect(nested.body.errors[0].field).toBe('roundDates[0].prototype');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const [season] = await f.db.query('SELECT response_school_days FROM seasons WHERE id = $1', [
        seasonId,
      ]);
      expect(season.response_school_days).toBe(6);
    });

    it('on the mediation notes and close bodies, and in a query', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      for (const path of ['notes', 'close']) {
        await raw(
          'post',
          `/api/mediation/cases/${id}/${path}`,
          '{"text":"x","__proto__":{"a":1}}',
        ).expect(400);
        await raw(
          'post',
          `/api/mediation/cases/${id}/${path}`,
          '{"text":"x","constructor":{}}',
        ).expect(400);
      }
      await http().get('/api/seasons?__proto__=1').set('authorization', admin).expect(400);
      await http().get('/api/seasons?constructor=1').set('authorization', admin).expect(400);
    });
  });
});
