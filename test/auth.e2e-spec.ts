import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { createTestApp } from './app';
import { Factory, PASSWORD } from './factories';
import { clearLimiter } from './limiter';

describe('auth', () => {
  let app: INestApplication;
  let f: Factory;
  const http = () => request(app.getHttpServer());

  beforeEach(async () => {
    // The log-in limit counts failures in Redis, beyond an app instance (test/login-limit.e2e-spec.ts).
    await clearLimiter();
    app = await createTestApp();
    f = new Factory(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('logs in with e-mail and password and returns two tokens; the access token carries ids only', async () => {
    const region = await f.region();
    const { user } = await f.user(region, 'advisor');
    const res = await http()
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    const payload = JSON.parse(
      Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'sid', 'sub']);
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(900);
    const me = await http()
      .get('/api/users/me')
      .set('authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(user.id);
    const audit = await f.db
      .getRepository(AuditEntry)
      .findBy({ userId: user.id, action: 'login.succeeded' });
    expect(audit).toHaveLength(1);
  });

  it('refuses a wrong password with 401 and audits the failure', async () => {
    const region = await f.region();
    const { user } = await f.user(region, 'advisor');
    await http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'wrong password!!' })
      .expect(401);
    await http()
      .post('/api/auth/login')
      .send({ email: 'nobody@example.test', password: 'whatever1234' })
      .expect(401);
    const audit = await f.db
      .getRepository(AuditEntry)
      .findBy({ userId: user.id, action: 'login.failed' });
    expect(audit).toHaveLength(1);
  });

  it('logging out ends the access token and the refresh token at once', async () => {
    const region = await f.region();
    const { token, refreshToken } = await f.user(region, 'advisor');
    await http().get('/api/users/me').set('authorization', `Bearer ${token}`).expect(200);
    await http().post('/api/auth/logout').set('authorization', `Bearer ${token}`).expect(204);
    await http().get('/api/users/me').set('authorization', `Bearer ${token}`).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken }).expect(401);
  });

  it('refresh rotates the refresh token', async () => {
    const region = await f.region();
    const { refreshToken } = await f.user(region, 'advisor');
    const res = await http().post('/api/auth/refresh').send({ refreshToken }).expect(200);
    await http()
      .get('/api/users/me')
      .set('authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    await http().post('/api/auth/refresh').send({ refreshToken }).expect(401);
  });

  it('disabling a user or changing their role takes effect at once', async () => {
    const region = await f.region();
    const school = await f.school(region);
    const admin = await f.user(region, 'admin');
    const advisor = await f.user(region, 'advisor');
    const other = await f.user(region, 'admin');
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });

    await http().get('/api/users').set(auth(other.token)).expect(200);
    await http()
      .patch(`/api/users/${other.user.id}`)
      .set(auth(admin.token))
      .send({ role: 'coordinator', schoolIds: [school.id] })
      .expect(200);
    await http().get('/api/users').set(auth(other.token)).expect(401);

    await http()
      .patch(`/api/users/${advisor.user.id}`)
      .set(auth(admin.token))
      .send({ disabled: true })
      .expect(200);
    await http().get('/api/users/me').set(auth(advisor.token)).expect(401);
    await http()
      .post('/api/auth/login')
      .send({ email: advisor.user.email, password: PASSWORD })
      .expect(401);
  });

  it('refuses passwords under 12 characters', async () => {
    const region = await f.region();
    const admin = await f.user(region, 'admin');
    const res = await http()
      .post('/api/users')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ email: 'new@example.test', name: 'Nieuw', role: 'advisor', password: 'short-11chr' })
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'password', code: expect.any(String), message: expect.stringMatching(/12 tekens/) },
    ]);
    await http()
      .post('/api/users')
      .set('authorization', `Bearer ${admin.token}`)
      .send({
        email: 'new@example.test',
        name: 'Nieuw',
        role: 'advisor',
        password: 'long-enough-12',
      })
      .expect(201);
  });
});
