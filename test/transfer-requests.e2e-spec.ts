import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import request from 'supertest';
import { validateEnv } from '../config/env.validation';
import { SupportCipher } from '../src/transfer-requests/support-cipher';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Region } from '../src/regions/region.entity';
import { School } from '../src/schools/school.entity';
import { Season } from '../src/seasons/season.entity';
import { TransferRequest } from '../src/transfer-requests/transfer-request.entity';
import { createTestApp } from './app';
import { Factory } from './factories';

describe('transfer requests (schoolwisselaarsformulieren)', () => {
  let app: INestApplication;
  let f: Factory;
  let region: Region;
  let season: Season;
  let sending: School;
  let other: School;
  let receiving1: School;
  let receiving2: School;
  let noHavo: School;
  let foreignSchool: School;
  let foreignSeason: Season;
  const t: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });

  const form = (over: Record<string, unknown> = {}) => ({
    seasonId: season.id,
    sendingSchoolId: sending.id,
    firstName: 'Sanne',
    lastName: 'de Vries',
    dateOfBirth: '2012-03-14',
    postcode: '1091 AB',
    currentGrade: 3,
    currentLevel: 'vwo',
    requestedGrade: 3,
    requestedLevel: 'havo',
    reason: 'afstroom',
    justification: 'Na extra begeleiding in leerjaar 2 en 3 past havo beter.',
    supportCategories: ['leren'],
    supportNeeds: 'dyslexieverklaring; extra tijd bij toetsen',
    consentBy: 'ouders-en-leerling',
    preferences: [receiving1.id, receiving2.id],
    ...over,
  });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    region = await f.region();
    const foreign = await f.region();
    season = await f.season(region);
    foreignSeason = await f.season(foreign);
    sending = await f.school(region);
    other = await f.school(region);
    receiving1 = await f.school(region);
    receiving2 = await f.school(region);
    noHavo = await f.school(region, { levels: ['vmbo-b', 'vmbo-k'] });
    foreignSchool = await f.school(foreign);
    await f.offer(season, receiving1, 3, 'havo', 4);
    await f.offer(season, receiving2, 3, 'havo', 2);
    t.coord = (await f.user(region, 'coordinator', [sending])).token;
    t.otherCoord = (await f.user(region, 'coordinator', [other])).token;
    t.advisor = (await f.user(region, 'advisor')).token;
    t.admin = (await f.user(region, 'admin')).token;
    t.foreign = (await f.user(foreign, 'admin')).token;
  });
  afterAll(async () => {
    await app.close();
  });

  const create = async (who = 'coord', over: Record<string, unknown> = {}) =>
    (await http().post('/api/transfer-requests').set(as(who)).send(form(over)).expect(201)).body;

  it('a coordinator enters a form; support needs are encrypted at rest and shown only in the detail', async () => {
    const r = await create();
    expect(r.status).toBe('draft');
    expect(r.supportNeeds).toBe('dyslexieverklaring; extra tijd bij toetsen');
    expect(r.preferences).toEqual([receiving1.id, receiving2.id]);
    expect(r).not.toHaveProperty('bsn');
    const raw = await f.db.query('select support_needs_enc from transfer_requests where id = $1', [
      r.id,
    ]);
    expect(raw[0].support_needs_enc).not.toContain('dyslexie');
    const list = await http()
      .get(`/api/transfer-requests?seasonId=${season.id}`)
      .set(as('coord'))
      .expect(200);
    const item = list.body.items.find((i: { id: string }) => i.id === r.id);
    expect(item).toBeDefined();
    expect(JSON.stringify(list.body)).not.toContain('dyslexie');
    expect(item).not.toHaveProperty('justification');
  });

  it('refuses a BSN field and other unknown fields', async () => {
    const res = await http()
      .post('/api/transfer-requests')
      .set(as('coord'))
      .send(form({ bsn: '123456782' }))
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'bsn', code: expect.any(String), message: expect.stringContaining('bsn') },
    ]);
  });

  it('refuses combinations that do not exist, naming them', async () => {
    const before = await f.db.getRepository(TransferRequest).count();
    const res = await http()
      .post('/api/transfer-requests')
      .set(as('coord'))
      .send(
        form({
          currentGrade: 5,
          currentLevel: 'vmbo-b',
          requestedGrade: 6,
          requestedLevel: 'havo',
        }),
      )
      .expect(400);
    expect(res.body.message).toContain('leerjaar 5 bestaat niet voor vmbo-b');
    expect(res.body.message).toContain('leerjaar 6 bestaat niet voor havo');
    for (const dateOfBirth of ['2030-01-01', '1000-01-01', '2012-03-14T23:30:00-05:00']) {
      const bad = await http()
        .post('/api/transfer-requests')
        .set(as('coord'))
        .send(form({ dateOfBirth }))
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['dateOfBirth']);
    }
    expect(await f.db.getRepository(TransferRequest).count()).toBe(before);
  });

  it('a coordinator cannot enter a pupil for another school; an advisor can enter one moving into the region', async () => {
    await http().post('/api/transfer-requests').set(as('otherCoord')).send(form()).expect(403);
    await http()
      .post('/api/transfer-requests')
      .set(as('coord'))
      .send(form({ sendingSchoolId: undefined }))
      .expect(400);
    const moved = await create('advisor', { sendingSchoolId: undefined, reason: 'verhuizing' });
    expect(moved.sendingSchoolId).toBeNull();
    await http().post('/api/transfer-requests').set(as('foreign')).send(form()).expect(404);
  });

  it('submit needs consent, a justification and at least one preference', async () => {
    const r = await create('coord', { consentBy: undefined, justification: '', preferences: [] });
    const res = await http()
      .post(`/api/transfer-requests/${r.id}/submit`)
      .set(as('coord'))
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'consentBy',
      'justification',
      'preferences',
    ]);
    const after = await http().get(`/api/transfer-requests/${r.id}`).set(as('coord')).expect(200);
    expect(after.body.status).toBe('draft');
  });

  it('names each preference that is not a school of the region teaching the requested niveau', async () => {
    const dup = await http()
      .post('/api/transfer-requests')
      .set(as('coord'))
      .send(form({ preferences: [receiving1.id, receiving1.id, foreignSchool.id] }))
      .expect(400);
    expect(dup.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'preferences[1]',
      'preferences[2]',
    ]);
    const r = await create('coord', { preferences: [receiving1.id, noHavo.id, other.id] });
    const res = await http()
      .post(`/api/transfer-requests/${r.id}/submit`)
      .set(as('coord'))
      .expect(400);
    // `other` teaches havo but has entered no places yet: a valid preference (issue 17 point 9).
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['preferences[1]']);
    expect(res.body.errors[0].message).toContain(noHavo.name);
    expect(res.body.errors[0].message).toContain('leerjaar 3 havo');
  });

  it('goes draft → submitted, refuses illegal transitions with 409, and withdraws with a reason', async () => {
    const r = await create();
    const sub = await http()
      .post(`/api/transfer-requests/${r.id}/submit`)
      .set(as('coord'))
      .expect(200);
    expect(sub.body.status).toBe('submitted');
    await http().post(`/api/transfer-requests/${r.id}/submit`).set(as('coord')).expect(409);
    await http()
      .patch(`/api/transfer-requests/${r.id}`)
      .set(as('coord'))
      .send({ firstName: 'Sara' })
      .expect(409);
    await http()
      .post(`/api/transfer-requests/${r.id}/withdraw`)
      .set(as('coord'))
      .send({})
      .expect(400);
    const w = await http()
      .post(`/api/transfer-requests/${r.id}/withdraw`)
      .set(as('coord'))
      .send({ reason: 'Blijft toch op de eigen school' })
      .expect(200);
    expect(w.body.status).toBe('withdrawn');
    expect(w.body.withdrawalReason).toBe('Blijft toch op de eigen school');
    await http()
      .post(`/api/transfer-requests/${r.id}/withdraw`)
      .set(as('coord'))
      .send({ reason: 'nog eens' })
      .expect(409);
    await http().post(`/api/transfer-requests/${r.id}/submit`).set(as('coord')).expect(409);
  });

  it('a draft can be edited by its school only', async () => {
    const r = await create();
    const res = await http()
      .patch(`/api/transfer-requests/${r.id}`)
      .set(as('coord'))
      .send({ firstName: 'Sara', preferences: [receiving2.id] })
      .expect(200);
    expect(res.body.firstName).toBe('Sara');
    expect(res.body.preferences).toEqual([receiving2.id]);
    await http()
      .patch(`/api/transfer-requests/${r.id}`)
      .set(as('otherCoord'))
      .send({ firstName: 'X' })
      .expect(404);
  });

  it('a patch: null clears an optional field, is refused for a required one, and withdraws consent', async () => {
    const r = await create();
    const refused = await http()
      .patch(`/api/transfer-requests/${r.id}`)
      .set(as('coord'))
      .send({ firstName: null, justification: 'nieuw' })
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['firstName']);
    const unchanged = await http()
      .get(`/api/transfer-requests/${r.id}`)
      .set(as('coord'))
      .expect(200);
    expect(unchanged.body).toMatchObject({ firstName: 'Sanne', justification: r.justification });

    const cleared = await http()
      .patch(`/api/transfer-requests/${r.id}`)
      .set(as('coord'))
      .send({ justification: null, supportCategories: null, consentBy: null, lastName: 'Jansen' })
      .expect(200);
    expect(cleared.body).toMatchObject({
      firstName: 'Sanne',
      lastName: 'Jansen',
      justification: '',
      supportCategories: [],
      consentBy: null,
      consentRecordedAt: null,
    });
    const submit = await http()
      .post(`/api/transfer-requests/${r.id}/submit`)
      .set(as('coord'))
      .expect(400);
    expect(submit.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'consentBy',
      'justification',
    ]);
  });

  it('every cross-school and cross-region attempt is refused and leaks nothing', async () => {
    const r = await create();
    for (const who of ['otherCoord', 'foreign']) {
      await http().get(`/api/transfer-requests/${r.id}`).set(as(who)).expect(404);
      await http()
        .patch(`/api/transfer-requests/${r.id}`)
        .set(as(who))
        .send({ firstName: 'X' })
        .expect(404);
      await http().post(`/api/transfer-requests/${r.id}/submit`).set(as(who)).expect(404);
      await http()
        .post(`/api/transfer-requests/${r.id}/withdraw`)
        .set(as(who))
        .send({ reason: 'weg ermee' })
        .expect(404);
      const list = await http().get('/api/transfer-requests?limit=200').set(as(who)).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(r.id);
    }
    await http().get(`/api/transfer-requests/${r.id}`).expect(401);
    const advisor = await http()
      .get(`/api/transfer-requests/${r.id}`)
      .set(as('advisor'))
      .expect(200);
    expect(advisor.body.id).toBe(r.id);
    await http()
      .post('/api/transfer-requests')
      .set(as('coord'))
      .send(form({ seasonId: foreignSeason.id }))
      .expect(404);
  });

  it('lists are paginated and filterable', async () => {
    const a = await create('coord', {
      requestedGrade: 2,
      requestedLevel: 'havo/vwo',
      preferences: [],
    });
    const res = await http()
      .get(
        `/api/transfer-requests?seasonId=${season.id}&grade=2&level=havo/vwo&status=draft&schoolId=${sending.id}&limit=1`,
      )
      .set(as('advisor'))
      .expect(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, limit: 1 });
    expect(res.body.items[0].id).toBe(a.id);
    await http().get('/api/transfer-requests?limit=500').set(as('advisor')).expect(400);
    // An offset beyond PostgreSQL's bigint was a 500.
    await http()
      .get('/api/transfer-requests?page=1000000000000000000')
      .set(as('advisor'))
      .expect(400);
    await http().get('/api/transfer-requests?status=lost').set(as('advisor')).expect(400);
  });

  it('audits every read and change of pupil data, without the values', async () => {
    const r = await create();
    await http().get(`/api/transfer-requests/${r.id}`).set(as('advisor')).expect(200);
    const rows = await f.db
      .getRepository(AuditEntry)
      .find({ where: { entityId: r.id }, order: { id: 'ASC' } });
    expect(rows.map((x) => x.action)).toEqual(expect.arrayContaining(['create', 'read']));
    const reader = rows.find((x) => x.action === 'read');
    expect(reader).toMatchObject({
      role: 'advisor',
      entity: 'transfer_request',
      regionId: region.id,
    });
    expect(JSON.stringify(rows)).not.toContain('Sanne');
    const adminView = await http().get(`/api/audit?entityId=${r.id}`).set(as('admin')).expect(200);
    expect(adminView.body.total).toBeGreaterThanOrEqual(2);
  });

  // Last in this file: it re-encrypts every row of the test database with a new key.
  it('npm run keys:rotate re-encrypts support needs and two-factor secrets with the new first key; old rows stay readable', async () => {
    const r = await create();
    // A user's TOTP secret is encrypted with the same keys (src/auth/two-factor.service.ts).
    const totp = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const { user } = await f.user(region, 'advisor', [], {
      totpSecretEnc: new SupportCipher(validateEnv({}).SUPPORT_KEYS).encrypt(totp),
      totpEnabledAt: new Date(),
    });
    const before = (
      await f.db.query('select support_needs_enc from transfer_requests where id = $1', [r.id])
    )[0].support_needs_enc;
    expect(before.startsWith('dev1.')).toBe(true);
    const newKey = randomBytes(32).toString('base64');
    const keys = `k2:${newKey},${validateEnv({}).SUPPORT_KEYS}`;
    execFileSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/rotate-support-keys.ts'],
      {
        cwd: path.resolve(__dirname, '..'),
        env: { ...process.env, SUPPORT_KEYS: keys },
        stdio: 'pipe',
      },
    );
    const after = (
      await f.db.query('select support_needs_enc from transfer_requests where id = $1', [r.id])
    )[0].support_needs_enc;
    expect(after.startsWith('k2.')).toBe(true);
    expect(new SupportCipher(`k2:${newKey}`).decrypt(after)).toBe(
      'dyslexieverklaring; extra tijd bij toetsen',
    );
    const [secret] = await f.db.query(`select totp_secret_enc as s from users where id = $1`, [
      user.id,
    ]);
    expect(secret.s.startsWith('k2.')).toBe(true);
    expect(new SupportCipher(`k2:${newKey}`).decrypt(secret.s)).toBe(totp);
  });
});
