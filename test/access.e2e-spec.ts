import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { School } from '../src/schools/school.entity';
import { Season } from '../src/seasons/season.entity';
import { User } from '../src/users/user.entity';
import { createTestApp } from './app';
import { Factory } from './factories';

/**
 * Who may reach what, walked as a matrix: every endpoint × (admin of the region, coordinator of
 * the school, coordinator of another school, admin of another region, no token).
 */
describe('access control and validation', () => {
  let app: INestApplication;
  let f: Factory;
  let schoolA: School;
  let schoolB: School;
  let schoolOther: School;
  let season: Season;
  const tok: Record<string, string> = {};
  let userA = '';
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    const region = await f.region();
    const other = await f.region();
    schoolA = await f.school(region);
    schoolB = await f.school(region);
    schoolOther = await f.school(other);
    season = await f.season(region);
    tok.admin = (await f.user(region, 'admin')).token;
    tok.advisor = (await f.user(region, 'advisor')).token;
    const a = await f.user(region, 'coordinator', [schoolA]);
    tok.coordA = a.token;
    userA = a.user.id;
    tok.coordB = (await f.user(region, 'coordinator', [schoolB])).token;
    tok.otherAdmin = (await f.user(other, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (method: 'get' | 'post' | 'patch', url: string, who?: string, body?: object) => {
    const r = http()[method](`/api${url}`);
    if (who) r.set('authorization', `Bearer ${tok[who]}`);
    return body ? r.send(body) : r;
  };

  type Row = [
    string,
    'get' | 'post' | 'patch',
    () => string,
    object | undefined,
    Record<string, number>,
  ];
  const matrix: Row[] = [
    [
      'list schools',
      'get',
      () => '/schools',
      undefined,
      { admin: 200, coordA: 200, otherAdmin: 200, none: 401 },
    ],
    [
      'school detail',
      'get',
      () => `/schools/${schoolA.id}`,
      undefined,
      { admin: 200, coordB: 200, otherAdmin: 404, none: 401 },
    ],
    [
      'create school',
      'post',
      () => '/schools',
      undefined,
      { advisor: 403, coordA: 403, none: 401 },
    ],
    [
      'edit school',
      'patch',
      () => `/schools/${schoolA.id}`,
      { name: 'Nieuwe naam' },
      { admin: 200, coordA: 403, advisor: 403, otherAdmin: 404, none: 401 },
    ],
    [
      'directory',
      'get',
      () => '/schools/directory',
      undefined,
      { coordB: 200, otherAdmin: 200, none: 401 },
    ],
    [
      'list users',
      'get',
      () => '/users',
      undefined,
      { admin: 200, advisor: 403, coordA: 403, otherAdmin: 200, none: 401 },
    ],
    [
      'user detail',
      'get',
      () => `/users/${userA}`,
      undefined,
      { admin: 200, coordA: 403, otherAdmin: 404, none: 401 },
    ],
    [
      'edit user',
      'patch',
      () => `/users/${userA}`,
      { name: 'Andere naam' },
      { admin: 200, advisor: 403, otherAdmin: 404, none: 401 },
    ],
    [
      'audit log',
      'get',
      () => '/audit',
      undefined,
      { admin: 200, advisor: 403, coordA: 403, none: 401 },
    ],
    ['ping job', 'post', () => '/system/ping', undefined, { advisor: 403, coordA: 403, none: 401 }],
  ];

  for (const [name, method, url, body, expected] of matrix) {
    for (const [who, status] of Object.entries(expected)) {
      it(`${name} as ${who} → ${status}`, async () => {
        await call(method, url(), who === 'none' ? undefined : who, body).expect(status);
      });
    }
  }

  it('lists never hold another region’s rows', async () => {
    const schools = await call('get', '/schools?limit=200', 'otherAdmin').expect(200);
    expect(schools.body.items.map((s: School) => s.id)).toEqual([schoolOther.id]);
    const dir = await call('get', '/schools/directory', 'otherAdmin').expect(200);
    expect(dir.body.items.map((d: { schoolId: string }) => d.schoolId)).toEqual([schoolOther.id]);
    const users = await call('get', '/users?limit=200', 'otherAdmin').expect(200);
    expect(users.body.total).toBe(1);
    const audit = await call('get', '/audit?limit=200', 'otherAdmin').expect(200);
    expect(audit.body.items.every((a: AuditEntry) => a.regionId !== schoolA.regionId)).toBe(true);
  });

  it('the directory names each school’s coordinators', async () => {
    const dir = await call('get', '/schools/directory', 'advisor').expect(200);
    const a = dir.body.items.find((d: { schoolId: string }) => d.schoolId === schoolA.id);
    expect(a.coordinators).toEqual([
      { name: expect.any(String), email: expect.stringContaining('@') },
    ]);
  });

  it('bad input gives 400 with a message per field and writes nothing', async () => {
    const before = await f.db.getRepository(School).count();
    const res = await call('post', '/schools', 'admin', {
      brin: '12ab00',
      name: 'X',
      board: 'Stichting',
      postcode: '1011AB',
      levels: ['havo', 'mbo'],
      extra: true,
    }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['brin', 'extra', 'levels', 'name']);
    await call('post', '/schools', 'admin', { brin: 42 }).expect(400);
    await http()
      .post('/api/schools')
      .set('authorization', `Bearer ${tok.admin}`)
      .set('content-type', 'application/json')
      .send('{"brin": "12AB00",')
      .expect(400);
    await call('get', '/schools?page=0', 'admin').expect(400);
    // A NUL character cannot be stored in PostgreSQL text (it was a 500), in a body or a query.
    const nul = await call('post', '/schools', 'admin', {
      brin: '98ZZ01',
      name: 'School\u0000',
      board: 'Stichting',
      postcode: '1011 AB',
      levels: ['havo'],
    }).expect(400);
    expect(nul.body.errors).toEqual([
      { field: 'name', code: expect.any(String), message: expect.stringMatching(/NUL/) },
    ]);
    await call('get', '/schools?q=%00', 'admin').expect(400);
    await call('post', '/users', 'admin', {
      email: 'nieuw@example.test',
      name: 'Nieuw',
      role: 'coordinator',
      password: 'een lang wachtwoord',
      schoolIds: null,
    }).expect(400);
    await call('get', '/schools/not-a-uuid', 'admin').expect(400);
    expect(await f.db.getRepository(School).count()).toBe(before);
  });

  it('null for a field a patch cannot clear is a 400 (it was a 500) and writes nothing', async () => {
    const rows = async () => ({
      school: await f.db.getRepository(School).findOneByOrFail({ id: schoolA.id }),
      user: await f.db.getRepository(User).findOneByOrFail({ id: userA }),
      season: await f.db.getRepository(Season).findOneByOrFail({ id: season.id }),
    });
    const before = await rows();
    const patches: [string, object][] = [
      [`/schools/${schoolA.id}`, { brin: null }],
      [`/schools/${schoolA.id}`, { name: null }],
      [`/users/${userA}`, { disabled: null }],
      [`/users/${userA}`, { name: null }],
      [`/seasons/${season.id}`, { name: null }],
      [`/seasons/${season.id}`, { roundDates: null }],
    ];
    for (const [url, body] of patches) {
      const res = await call('patch', url, 'admin', body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(Object.keys(body));
    }
    expect(await rows()).toEqual(before);
    // The calendar as a whole: entry closes before the summer holiday; dates are dates.
    await call('patch', `/seasons/${season.id}`, 'admin', {
      summerHolidayStart: before.season.entryCloses,
    }).expect(400);
    await call('patch', `/seasons/${season.id}`, 'admin', {
      entryOpens: `${before.season.entryOpens}T23:30:00-05:00`,
    }).expect(400);
    expect(await rows()).toEqual(before);
  });

  it('the school search takes % and _ literally', async () => {
    const all = await call('get', '/schools?limit=200', 'admin').expect(200);
    expect(all.body.total).toBeGreaterThan(0);
    const wild = await call('get', '/schools?q=_%25', 'admin').expect(200);
    expect(wild.body.total).toBe(0);
    const { name } = await f.db.getRepository(School).findOneByOrFail({ id: schoolA.id });
    const byName = await call('get', `/schools?q=${encodeURIComponent(name)}`, 'admin');
    expect(byName.body.items.map((s: { id: string }) => s.id)).toContain(schoolA.id);
  });

  it('an admin creates a school; a duplicate BRIN in the region is 409', async () => {
    const body = {
      brin: '99ZZ01',
      name: 'Nieuwe School',
      board: 'Stichting',
      postcode: '1011 AB',
      levels: ['havo'],
    };
    await call('post', '/schools', 'admin', body).expect(201);
    await call('post', '/schools', 'admin', body).expect(409);
    await call('post', '/schools', 'otherAdmin', body).expect(201);
  });

  it('puts changes to users, schools and seasons in the audit log (which, not the values)', async () => {
    const created = await call('post', '/users', 'admin', {
      email: `trail-${Date.now()}@school.test`,
      name: 'Nieuwe Coördinator',
      role: 'coordinator',
      password: 'een-lang-wachtwoord-1',
      schoolIds: [schoolA.id],
    }).expect(201);
    const id = created.body.id;
    await call('patch', `/users/${id}`, 'admin', { name: 'Andere Naam' }).expect(200);
    await call('patch', `/users/${id}`, 'admin', { schoolIds: [schoolB.id] }).expect(200);
    await call('patch', `/users/${id}`, 'admin', { schoolIds: [schoolB.id] }).expect(200);
    await call('patch', `/users/${id}`, 'admin', { password: 'nog-een-lang-wachtwoord-2' }).expect(
      200,
    );
    const trail = async (entity: string, entityId: string) =>
      (
        await call('get', `/audit?entity=${entity}&entityId=${entityId}`, 'admin').expect(200)
      ).body.items
        .map((e: { action: string }) => e.action)
        .reverse();
    // The second, unchanged school list is no access change.
    expect(await trail('user', id)).toEqual([
      'create',
      'update',
      'update.access',
      'update.password',
    ]);
    await call('patch', `/schools/${schoolB.id}`, 'admin', { name: 'Hernoemde School' }).expect(
      200,
    );
    expect(await trail('school', schoolB.id)).toEqual(['update']);
    await call('patch', `/seasons/${season.id}`, 'admin', { responseSchoolDays: 4 }).expect(200);
    expect(await trail('season', season.id)).toEqual(['update']);
    // Refused changes leave no entry.
    await call('patch', `/seasons/${season.id}`, 'admin', { responseSchoolDays: -1 }).expect(400);
    await call('patch', `/users/${id}`, 'coordA', { name: 'x' }).expect(403);
    expect(await trail('season', season.id)).toEqual(['update']);
    expect(await trail('user', id)).toHaveLength(4);
  });

  it('the audit log is filterable and paginated', async () => {
    const res = await call(
      'get',
      '/audit?entity=session&action=login.succeeded&limit=1',
      'admin',
    ).expect(200);
    expect(res.body).toEqual({
      items: expect.any(Array),
      total: expect.any(Number),
      page: 1,
      limit: 1,
    });
    expect(res.body.items.length).toBeLessThanOrEqual(1);
    // A date that does not exist was passed on to PostgreSQL (a 500).
    await call('get', '/audit?from=2027-02-30', 'admin').expect(400);
    await call('get', '/audit?from=2027-02-28&to=2027-03-01', 'admin').expect(200);
  });
});
