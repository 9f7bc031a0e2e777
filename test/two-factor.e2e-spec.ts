/**
 * Two-factor log-in (issue 20 point 7): TOTP enrolment and the code step of a log-in, recovery
 * codes, the limit on failed codes, admins and advisors who must enrol before anything else,
 * coordinators for whom it is optional unless their region requires it, the office's reset, and
 * the sessions a change of password or second factor ends. Codes are made with the API's own
 * library (otpauth) from the secret the enrolment shows.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { resetTwoFactor } from '../scripts/reset-two-factor';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { ACCOUNT_FAILURES } from '../src/auth/login-limiter';
import { Region } from '../src/regions/region.entity';
import { School } from '../src/schools/school.entity';
import { User } from '../src/users/user.entity';
import { createTestApp } from './app';
import { Factory, PASSWORD } from './factories';
import { clearLimiter } from './limiter';
import { codeAt, logInEnrolling, logInWithCode, totpCode } from './totp';

// A fourth code for one user within a minute waits for the next time step.
jest.setTimeout(90_000);

const NEW_PASSWORD = 'een heel nieuw wachtwoord 2027';
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const cookieOf = (res: request.Response): string => {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const line = (raw ?? []).find((c) => c.startsWith('overstap_refresh='));
  if (!line) throw new Error('no refresh cookie set');
  return line.split(';')[0];
};

describe('two-factor log-in', () => {
  let app: INestApplication;
  let f: Factory;
  let region: Region;
  let school: School;
  let admin: string;
  const http = () => request(app.getHttpServer());
  const login = (email: string, password = PASSWORD, useCookie = false) =>
    http().post('/api/auth/login').send({ email, password, useCookie });
  const codeStep = (challenge: string, code: string, useCookie = false) =>
    http().post('/api/auth/login/two-factor').send({ challenge, code, useCookie });
  const audit = (action: string, entityId?: string) =>
    f.db.getRepository(AuditEntry).findBy({ action, ...(entityId ? { entityId } : {}) });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    region = await f.region();
    school = await f.school(region);
    admin = (await f.user(region, 'admin')).token;
  });
  beforeEach(() => clearLimiter());
  afterAll(async () => {
    await clearLimiter();
    await app.close();
  });

  /** A user of `role` who has just enrolled through the API; their password is PASSWORD. */
  async function enrolled(
    role: User['role'],
    schools: School[] = role === 'coordinator' ? [school] : [],
  ) {
    const { user } = await f.user(region, role, schools);
    const e = await logInEnrolling(http, user.email, PASSWORD);
    return { user, ...e };
  }

  describe('an admin without a second factor', () => {
    it('gets a session that can only enrol: pupil data, users and the rest answer 403, also after a refresh', async () => {
      const { user } = await f.user(region, 'admin');
      const pupil = await f.request(await f.season(region), school, []);
      const res = await login(user.email).expect(200);
      // A session, as before (no challenge: nothing to give a code for yet).
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
      });
      const me = await http().get('/api/users/me').set(bearer(res.body.accessToken)).expect(200);
      expect(me.body.twoFactor).toEqual({
        enabled: false,
        required: true,
        enrolmentRequired: true,
      });

      const refreshed = await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: res.body.refreshToken })
        .expect(200);
      for (const token of [res.body.accessToken, refreshed.body.accessToken]) {
        for (const url of [
          '/api/transfer-requests',
          `/api/transfer-requests/${pupil.id}`,
          `/api/transfer-requests/${pupil.id}/history`,
          '/api/mediation/cases',
          '/api/users',
          '/api/audit',
          '/api/seasons',
          '/api/regions/current/settings',
        ]) {
          const denied = await http().get(url).set(bearer(token)).expect(403);
          expect(denied.body).toMatchObject({
            statusCode: 403,
            code: 'two_factor_enrolment_required',
          });
        }
        // Writing is refused alike: not even its own region's settings or another user's reset.
        await http()
          .put('/api/regions/current/settings')
          .set(bearer(token))
          .send({ recommendedPreferences: 3, requireTwoFactorForCoordinators: false })
          .expect(403);
        await http()
          .post('/api/auth/password/change')
          .set(bearer(token))
          .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
          .expect(403);
      }
      const status = await http()
        .get('/api/auth/two-factor')
        .set(bearer(refreshed.body.accessToken))
        .expect(200);
      expect(status.body).toEqual({
        enabled: false,
        enabledAt: null,
        required: true,
        enrolmentRequired: true,
        recoveryCodesLeft: 0,
      });
    });

    it('enrols: a secret and otpauth URI, a wrong code refused, the right one gives ten recovery codes and the whole app', async () => {
      const { user } = await f.user(region, 'admin');
      const res = await login(user.email).expect(200);
      const token = res.body.accessToken as string;
      const start = await http()
        .post('/api/auth/two-factor/enrolment')
        .set(bearer(token))
        .expect(201);
      const secret: string = start.body.secret;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(start.body.otpauthUri);
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.searchParams.get('secret')).toBe(secret);
      expect(uri.searchParams.get('issuer')).toBe('Overstap');
      expect(decodeURIComponent(uri.pathname)).toContain(user.email);

      // The secret is stored encrypted, never as itself.
      const [stored] = await f.db.query(
        `select totp_pending_secret_enc as p, totp_secret_enc as s from users where id = $1`,
        [user.id],
      );
      expect(stored.s).toBeNull();
      expect(stored.p).toMatch(/^dev1\./);
      expect(stored.p).not.toContain(secret);

      const wrongCode = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
      const wrong = await http()
        .post('/api/auth/two-factor/enrolment/confirm')
        .set(bearer(token))
        .send({ code: wrongCode })
        .expect(400);
      expect(wrong.body.errors).toEqual([
        expect.objectContaining({ field: 'code', message: expect.stringMatching(/klopt niet/) }),
      ]);
      await http().get('/api/transfer-requests').set(bearer(token)).expect(403);

      const ok = await http()
        .post('/api/auth/two-factor/enrolment/confirm')
        .set(bearer(token))
        .send({ code: await totpCode(secret, user.email) })
        .expect(200);
      const codes: string[] = ok.body.recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

      // This session passed the second factor: the app opens.
      await http().get('/api/transfer-requests').set(bearer(token)).expect(200);
      await http().get('/api/users').set(bearer(token)).expect(200);
      const me = await http().get('/api/users/me').set(bearer(token)).expect(200);
      expect(me.body.twoFactor).toEqual({
        enabled: true,
        required: true,
        enrolmentRequired: false,
      });

      const [after] = await f.db.query(
        `select totp_secret_enc as s, totp_pending_secret_enc as p from users where id = $1`,
        [user.id],
      );
      expect(after.p).toBeNull();
      expect(after.s).toMatch(/^dev1\./);
      expect(after.s).not.toContain(secret);
      const hashes: { code_hash: string }[] = await f.db.query(
        `select code_hash from recovery_codes where user_id = $1`,
        [user.id],
      );
      expect(hashes).toHaveLength(10);
      for (const h of hashes) {
        expect(h.code_hash).toMatch(/^\$argon2id\$/);
        for (const c of codes) expect(h.code_hash).not.toContain(c.replace('-', ''));
      }
      const entries = await audit('two-factor.enable', user.id);
      expect(entries).toEqual([expect.objectContaining({ userId: user.id, entity: 'user' })]);

      // The admin list shows it.
      const listed = await http().get(`/api/users/${user.id}`).set(bearer(admin)).expect(200);
      expect(listed.body.twoFactorEnabled).toBe(true);
    });

    it('cannot pass a challenge off as an access token, nor an access token as a challenge', async () => {
      const e = await enrolled('admin');
      const first = await login(e.user.email).expect(200);
      await http().get('/api/users/me').set(bearer(first.body.challenge)).expect(401);
      await codeStep(e.accessToken, await totpCode(e.secret, e.user.email)).expect(401);
    });
  });

  describe('logging in with a second factor', () => {
    it('answers the password with a challenge (user id only), and the code with the session; a code works once', async () => {
      const e = await enrolled('advisor');
      const pupil = await f.request(await f.season(region), school, []);
      const first = await login(e.user.email).expect(200);
      expect(first.body).toEqual({
        twoFactorRequired: true,
        challenge: expect.any(String),
        expiresIn: 300,
      });
      const claims = JSON.parse(
        Buffer.from(first.body.challenge.split('.')[1], 'base64url').toString(),
      );
      expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'sub', 'typ']);
      expect(claims.sub).toBe(e.user.id);
      expect(claims.exp - claims.iat).toBe(300);

      const code = await totpCode(e.secret, e.user.email);
      const second = await codeStep(first.body.challenge, code).expect(200);
      expect(second.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
      });
      await http()
        .get(`/api/transfer-requests/${pupil.id}`)
        .set(bearer(second.body.accessToken))
        .expect(200);
      const me = await http().get('/api/users/me').set(bearer(second.body.accessToken));
      expect(me.body.twoFactor.enrolmentRequired).toBe(false);

      // The same code again, with a fresh challenge: refused.
      const again = await login(e.user.email).expect(200);
      const reused = await codeStep(again.body.challenge, code).expect(401);
      expect(reused.body.message).toMatch(/Code onjuist of verlopen/);
      expect(await audit('login.two-factor-failed')).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: e.user.id })]),
      );
      // With the cookie, as the web app asks.
      const web = await codeStep(
        again.body.challenge,
        await totpCode(e.secret, e.user.email),
        true,
      ).expect(200);
      expect(web.body).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
      expect(cookieOf(web)).toMatch(/^overstap_refresh=.{40,}/);
    });

    it(`refuses wrong codes and, with the password tries, lets the account wait after ${ACCOUNT_FAILURES} failures`, async () => {
      const e = await enrolled('admin');
      const first = await login(e.user.email).expect(200);
      const right = await totpCode(e.secret, e.user.email);
      const wrongCode = right === '000000' ? '000001' : '000000';
      const wrong = await codeStep(first.body.challenge, wrongCode).expect(401);
      expect(wrong.body).toEqual({
        statusCode: 401,
        code: 'unauthorized',
        message: expect.stringMatching(/Code onjuist/),
      });
      // The password step counted too (a try stays counted until the code step succeeds), so
      // fresh challenges do not reset the count.
      const second = await login(e.user.email).expect(200);
      for (let i = 3; i < ACCOUNT_FAILURES; i++) {
        await codeStep(second.body.challenge, wrongCode).expect(401);
      }
      expect(await audit('login.two-factor-failed', undefined)).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: e.user.id })]),
      );
      // Now the right code gets the answer of a wrong one, and so does the right password.
      const locked = await codeStep(second.body.challenge, right).expect(401);
      expect(locked.body).toEqual(wrong.body);
      await login(e.user.email).expect(401);
      expect(
        await f.db.getRepository(AuditEntry).findBy({ userId: e.user.id, action: 'login.locked' }),
      ).toHaveLength(2);
      const failed = await f.db
        .getRepository(AuditEntry)
        .findBy({ userId: e.user.id, action: 'login.two-factor-failed' });
      expect(failed).toHaveLength(ACCOUNT_FAILURES - 2);

      // Once the wait is over (the count cleared), the right code of a new step works.
      await clearLimiter();
      const later = await login(e.user.email).expect(200);
      await codeStep(later.body.challenge, await totpCode(e.secret, e.user.email)).expect(200);
    });

    it('takes a recovery code instead of the app, once; the audit log says so', async () => {
      const e = await enrolled('advisor');
      const [code] = e.recoveryCodes;
      const first = await login(e.user.email).expect(200);
      // Typed as people do: upper case, without the dash.
      const typed = code.toUpperCase().replace('-', ' ');
      const ok = await codeStep(first.body.challenge, typed).expect(200);
      const status = await http()
        .get('/api/auth/two-factor')
        .set(bearer(ok.body.accessToken))
        .expect(200);
      expect(status.body).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });
      expect(await audit('two-factor.recovery-code', e.user.id)).toHaveLength(1);

      const again = await login(e.user.email).expect(200);
      await codeStep(again.body.challenge, code).expect(401);
      await codeStep(again.body.challenge, 'aaaaa-aaaaa').expect(401);
      // Another one still works.
      await codeStep(again.body.challenge, e.recoveryCodes[1]).expect(200);
    });
  });

  describe('coordinators', () => {
    it('may log in without a second factor, enrol one, and turn it off again with a code', async () => {
      const { user, token } = await f.user(region, 'coordinator', [school]);
      const res = await login(user.email).expect(200);
      await http().get('/api/transfer-requests').set(bearer(res.body.accessToken)).expect(200);
      const me = await http().get('/api/users/me').set(bearer(token)).expect(200);
      expect(me.body.twoFactor).toEqual({
        enabled: false,
        required: false,
        enrolmentRequired: false,
      });

      const e = await logInEnrolling(http, user.email, PASSWORD);
      // Enrolling ended the other sessions: the factory's and the first log-in's.
      await http().get('/api/users/me').set(bearer(token)).expect(401);
      await http().get('/api/users/me').set(bearer(res.body.accessToken)).expect(401);
      const challenged = await login(user.email).expect(200);
      expect(challenged.body.twoFactorRequired).toBe(true);
      const other = await codeStep(
        challenged.body.challenge,
        await totpCode(e.secret, user.email),
      ).expect(200);

      await http()
        .post('/api/auth/two-factor/disable')
        .set(bearer(e.accessToken))
        .send({ code: '000000' })
        .expect(400);
      await http()
        .post('/api/auth/two-factor/disable')
        .set(bearer(e.accessToken))
        .send({ code: await totpCode(e.secret, user.email) })
        .expect(204);
      expect(await audit('two-factor.disable', user.id)).toHaveLength(1);
      // Other sessions ended; this one stays.
      await http().get('/api/users/me').set(bearer(other.body.accessToken)).expect(401);
      await http().get('/api/transfer-requests').set(bearer(e.accessToken)).expect(200);
      const plain = await login(user.email).expect(200);
      expect(plain.body.accessToken).toEqual(expect.any(String));
      expect(
        await f.db.query(`select 1 from recovery_codes where user_id = $1`, [user.id]),
      ).toEqual([]);
    });

    it('must enrol once their region requires it: a session without it can only enrol', async () => {
      const own = await f.region();
      const ownSchool = await f.school(own);
      const ownAdmin = await f.user(own, 'admin');
      const coordinator = await f.user(own, 'coordinator', [ownSchool]);
      // A session of a log-in with the password alone, as every coordinator has today.
      const running = (await login(coordinator.user.email).expect(200)).body.accessToken as string;
      const enrolledBefore = await logInEnrolling(
        http,
        (await f.user(own, 'coordinator', [ownSchool])).user.email,
        PASSWORD,
      );
      await http().get('/api/transfer-requests').set(bearer(running)).expect(200);

      // Coordinators may read the setting but not change it.
      await http()
        .put('/api/regions/current/settings')
        .set(bearer(coordinator.token))
        .send({ recommendedPreferences: 4, requireTwoFactorForCoordinators: true })
        .expect(403);
      const set = await http()
        .put('/api/regions/current/settings')
        .set(bearer(ownAdmin.token))
        .send({ recommendedPreferences: 4, requireTwoFactorForCoordinators: true })
        .expect(200);
      expect(set.body).toEqual({
        recommendedPreferences: 4,
        requireTwoFactorForCoordinators: true,
      });
      expect(await audit('update.two-factor-policy', own.id)).toHaveLength(1);
      // Absent: unchanged.
      const kept = await http()
        .put('/api/regions/current/settings')
        .set(bearer(ownAdmin.token))
        .send({ recommendedPreferences: 5 })
        .expect(200);
      expect(kept.body.requireTwoFactorForCoordinators).toBe(true);

      // The running session of the coordinator without a second factor is held at once.
      const held = await http().get('/api/transfer-requests').set(bearer(running)).expect(403);
      expect(held.body.code).toBe('two_factor_enrolment_required');
      const me = await http().get('/api/users/me').set(bearer(running)).expect(200);
      expect(me.body.twoFactor).toEqual({
        enabled: false,
        required: true,
        enrolmentRequired: true,
      });
      // So is a new log-in's session.
      const fresh = await login(coordinator.user.email).expect(200);
      await http().get('/api/transfer-requests').set(bearer(fresh.body.accessToken)).expect(403);
      // Enrolling opens the app.
      const e = await logInEnrolling(http, coordinator.user.email, PASSWORD);
      await http().get('/api/transfer-requests').set(bearer(e.accessToken)).expect(200);
      // The one who had enrolled before is not held; nor may they turn it off now.
      await http()
        .get('/api/transfer-requests')
        .set(bearer(enrolledBefore.accessToken))
        .expect(200);
      const off = await http()
        .post('/api/auth/two-factor/disable')
        .set(bearer(e.accessToken))
        .send({ code: e.recoveryCodes[0] })
        .expect(409);
      expect(off.body.code).toBe('two_factor_required');

      // The other region's coordinators are not affected.
      await http()
        .get('/api/transfer-requests')
        .set(bearer((await f.user(region, 'coordinator', [school])).token))
        .expect(200);
    });

    it('an admin or advisor may not turn theirs off (renewing is how to change it)', async () => {
      const e = await enrolled('advisor');
      const res = await http()
        .post('/api/auth/two-factor/disable')
        .set(bearer(e.accessToken))
        .send({ code: await totpCode(e.secret, e.user.email) })
        .expect(409);
      expect(res.body.code).toBe('two_factor_required');
    });
  });

  describe('the office resets a lost second factor', () => {
    it('removes it and ends every session of the user, who enrols again at the next log-in; audited', async () => {
      const e = await enrolled('advisor');
      const browser = await logInWithCode(http, e.user.email, PASSWORD, e.secret, true);
      const ownAdmin = await f.user(region, 'admin');
      await http()
        .post(`/api/users/${e.user.id}/two-factor/reset`)
        .set(bearer(ownAdmin.token))
        .expect(204);
      await http().get('/api/users/me').set(bearer(e.accessToken)).expect(401);
      await http().post('/api/auth/refresh').send({ refreshToken: e.refreshToken }).expect(401);
      await http().post('/api/auth/refresh').set('cookie', cookieOf(browser)).expect(401);

      const after = await login(e.user.email).expect(200);
      expect(after.body.challenge).toBeUndefined();
      await http().get('/api/transfer-requests').set(bearer(after.body.accessToken)).expect(403);
      expect(
        await f.db.query(`select 1 from recovery_codes where user_id = $1`, [e.user.id]),
      ).toEqual([]);
      const view = await http().get(`/api/users/${e.user.id}`).set(bearer(ownAdmin.token));
      expect(view.body.twoFactorEnabled).toBe(false);
      expect(await audit('two-factor.reset', e.user.id)).toEqual([
        expect.objectContaining({ userId: ownAdmin.user.id, role: 'admin', entity: 'user' }),
      ]);
    });

    it('only within the region, only by admins, and not one’s own', async () => {
      const e = await enrolled('advisor');
      const elsewhere = await f.user(await f.region(), 'admin');
      await http()
        .post(`/api/users/${e.user.id}/two-factor/reset`)
        .set(bearer(elsewhere.token))
        .expect(404);
      const advisor = await f.user(region, 'advisor');
      await http()
        .post(`/api/users/${e.user.id}/two-factor/reset`)
        .set(bearer(advisor.token))
        .expect(403);
      const me = await f.user(region, 'admin');
      await http()
        .post(`/api/users/${me.user.id}/two-factor/reset`)
        .set(bearer(me.token))
        .expect(409);
      // Nothing changed: the advisor's second factor still works.
      await logInWithCode(http, e.user.email, PASSWORD, e.secret);
      expect(await audit('two-factor.reset', e.user.id)).toEqual([]);
    });

    it('users:reset-two-factor does the same from the command line, by the system', async () => {
      const e = await enrolled('admin');
      const r = await resetTwoFactor(f.db, e.user.email.toUpperCase());
      expect(r).toMatchObject({ userId: e.user.id, hadTwoFactor: true, sessionsEnded: 1 });
      await http().get('/api/users/me').set(bearer(e.accessToken)).expect(401);
      const after = await login(e.user.email).expect(200);
      expect(after.body.challenge).toBeUndefined();
      expect(await audit('two-factor.reset', e.user.id)).toEqual([
        expect.objectContaining({ userId: null, role: null }),
      ]);
      await expect(resetTwoFactor(f.db, 'niemand@example.test')).rejects.toThrow(/Onbekend/);
    });
  });

  describe('changes end the other sessions', () => {
    it('a password change keeps this session and refuses the other one’s refresh cookie', async () => {
      const e = await enrolled('admin');
      const other = await logInWithCode(http, e.user.email, PASSWORD, e.secret, true);
      const otherCookie = cookieOf(other);
      await http()
        .post('/api/auth/password/change')
        .set(bearer(e.accessToken))
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);
      await http().post('/api/auth/refresh').set('cookie', otherCookie).expect(401);
      await http().get('/api/users/me').set(bearer(other.body.accessToken)).expect(401);
      await http().get('/api/transfer-requests').set(bearer(e.accessToken)).expect(200);
      // The new password still needs the code.
      const next = await login(e.user.email, NEW_PASSWORD).expect(200);
      expect(next.body.twoFactorRequired).toBe(true);
    });

    it('renewing the second factor ends the other sessions; the old app’s codes stop working', async () => {
      const e = await enrolled('advisor');
      const other = await logInWithCode(http, e.user.email, PASSWORD, e.secret, true);
      const start = await http()
        .post('/api/auth/two-factor/enrolment')
        .set(bearer(e.accessToken))
        .expect(201);
      // Nothing changes until it is confirmed: the other session still works.
      await http().get('/api/users/me').set(bearer(other.body.accessToken)).expect(200);
      const renewed = await http()
        .post('/api/auth/two-factor/enrolment/confirm')
        .set(bearer(e.accessToken))
        .send({ code: await totpCode(start.body.secret, e.user.email) })
        .expect(200);
      expect(renewed.body.recoveryCodes).toHaveLength(10);
      await http().post('/api/auth/refresh').set('cookie', cookieOf(other)).expect(401);
      await http().get('/api/users/me').set(bearer(other.body.accessToken)).expect(401);
      await http().get('/api/transfer-requests').set(bearer(e.accessToken)).expect(200);
      expect(await audit('two-factor.renew', e.user.id)).toHaveLength(1);

      const first = await login(e.user.email).expect(200);
      await codeStep(first.body.challenge, codeAt(e.secret)).expect(401);
      await codeStep(first.body.challenge, e.recoveryCodes[0]).expect(401);
      await codeStep(first.body.challenge, renewed.body.recoveryCodes[0]).expect(200);
    });

    it('a password reset by link ends every session, second factor or not', async () => {
      const e = await enrolled('admin');
      const other = await logInWithCode(http, e.user.email, PASSWORD, e.secret, true);
      const { PasswordService } = await import('../src/auth/password.service');
      const token = 'x'.repeat(43);
      await f.db.query(
        `insert into password_reset_tokens (user_id, token_hash, expires_at)
         values ($1, encode(sha256($2::bytea), 'hex'), now() + interval '1 hour')`,
        [e.user.id, token],
      );
      await app.get(PasswordService).reset(token, NEW_PASSWORD);
      await http().post('/api/auth/refresh').set('cookie', cookieOf(other)).expect(401);
      await http().get('/api/users/me').set(bearer(e.accessToken)).expect(401);
    });
  });
});
