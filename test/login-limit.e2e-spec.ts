import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { ACCOUNT_FAILURES, IP_FAILURES } from '../src/auth/login-limiter';
import { createTestApp } from './app';
import { Factory, PASSWORD } from './factories';
import { clearLimiter, limiterKeys } from './limiter';

// Every request of a test comes from one address (127.0.0.1), like a school or board network.
describe('log-in limit: failures only, per account and per address, counted in Redis', () => {
  let app: INestApplication;
  let f: Factory;
  const login = (email: string, password: string, on: INestApplication = app) =>
    request(on.getHttpServer()).post('/api/auth/login').send({ email, password });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
  });
  beforeEach(() => clearLimiter());
  afterAll(async () => {
    await clearLimiter();
    await app.close();
  });

  it('lets the coordinators of a whole board network log in within a minute from one address', async () => {
    const region = await f.region();
    const school = await f.school(region);
    const users = [];
    for (let i = 0; i < IP_FAILURES + 10; i++) {
      users.push((await f.user(region, 'coordinator', [school])).user);
    }
    const started = Date.now();
    for (const u of users) await login(u.email, PASSWORD).expect(200);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it(`lets an account wait after ${ACCOUNT_FAILURES} failures, with the answer of a wrong password`, async () => {
    const region = await f.region();
    const { user } = await f.user(region, 'advisor');
    const other = (await f.user(region, 'advisor')).user;
    const wrong = await login(user.email, 'wrong password!!').expect(401);
    for (let i = 1; i < ACCOUNT_FAILURES; i++) {
      const res = await login(user.email, 'wrong password!!').expect(401);
      expect(res.body).toEqual(wrong.body);
    }
    // The right password now gets exactly the answer of a wrong one, in another case too.
    const locked = await login(user.email.toUpperCase(), PASSWORD).expect(401);
    expect(locked.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({
      statusCode: 401,
      code: 'unauthorized',
      message: expect.stringMatching(/wachtwoord onjuist/),
    });
    const audit = await f.db
      .getRepository(AuditEntry)
      .findBy({ userId: user.id, action: 'login.locked' });
    expect(audit).toHaveLength(1);

    // Another account from the same address is not affected.
    await login(other.email, PASSWORD).expect(200);

    // When the wait is over (the count expires in Redis), the right password works again and
    // clears the count.
    const redis = new Redis(process.env.REDIS_URL as string);
    try {
      const accountKeys = (await limiterKeys()).filter((k) => k.includes(':login:account:'));
      expect(accountKeys).toHaveLength(1);
      expect(await redis.pttl(accountKeys[0])).toBeGreaterThan(14 * 60_000);
      await redis.del(accountKeys[0]);
    } finally {
      redis.disconnect();
    }
    await login(user.email, PASSWORD).expect(200);
    await login(user.email, 'wrong password!!').expect(401);
    await login(user.email, PASSWORD).expect(200);
  });

  it('counts in Redis under REDIS_PREFIX, so two API instances share the count', async () => {
    const second = await createTestApp();
    try {
      const region = await f.region();
      const { user } = await f.user(region, 'coordinator');
      for (let i = 0; i < ACCOUNT_FAILURES; i++) {
        await login(user.email, 'wrong password!!', i % 2 ? second : app).expect(401);
      }
      await login(user.email, PASSWORD, app).expect(401);
      await login(user.email, PASSWORD, second).expect(401);
      const keys = await limiterKeys();
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k.startsWith(`${process.env.REDIS_PREFIX}:limiter:login:`))).toBe(
        true,
      );
      // No e-mail address in a key.
      expect(keys.some((k) => k.toLowerCase().includes(user.email.toLowerCase()))).toBe(false);

      // The password routes' limits are shared too: 3 requests for one address on one instance,
      // the 4th on the other is refused.
      const email = `someone-${user.id}@example.test`;
      for (let i = 0; i < 3; i++) {
        await request(app.getHttpServer())
          .post('/api/auth/password/forgot')
          .send({ email })
          .expect(202);
      }
      const refused = await request(second.getHttpServer())
        .post('/api/auth/password/forgot')
        .send({ email })
        .expect(429);
      // It says when to try again: the account's block, in seconds (15 minutes).
      expect(Number(refused.headers['retry-after-account'])).toBe(15 * 60);
      const throttled = (await limiterKeys()).filter((k) => k.includes(':limiter:throttle:'));
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled.some((k) => k.toLowerCase().includes(email.toLowerCase()))).toBe(false);
    } finally {
      await second.close();
    }
  });

  it(`answers 429 to an address after ${IP_FAILURES} failures, whatever the account`, async () => {
    const region = await f.region();
    const { user } = await f.user(region, 'advisor');
    for (let i = 0; i < IP_FAILURES; i++) {
      await login(`x${i}@example.test`, 'wrong password!!').expect(401);
    }
    const res = await login(user.email, PASSWORD).expect(429);
    expect(res.body).toEqual({
      statusCode: 429,
      code: 'too_many_requests',
      message: expect.stringMatching(/Te veel mislukte inlogpogingen/),
    });
    // The account itself was never counted: once the address may again, it logs in.
    await clearLimiter();
    await login(user.email, PASSWORD).expect(200);
  });
});
