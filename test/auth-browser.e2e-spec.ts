import { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request, { Response } from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Factory, PASSWORD } from './factories';
import { clearLimiter } from './limiter';

// This spec's e-mails go to a directory of its own (read at start-up, hence the dynamic import).
const MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'overstap-mail-auth-'));
process.env.MAIL_DIR = MAIL_DIR;

const COOKIE = 'overstap_refresh';
const NEW_PASSWORD = 'a brand new passphrase 2027';

/** The Set-Cookie line for the refresh cookie, if the answer has one. */
function setCookie(res: Response): string | undefined {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return (raw ?? []).find((c) => c.startsWith(`${COOKIE}=`));
}
function cookieValue(res: Response): string {
  const line = setCookie(res);
  if (!line) throw new Error('no refresh cookie set');
  return decodeURIComponent(line.split(';')[0].slice(COOKIE.length + 1));
}
const asCookie = (value: string) => ({ cookie: `${COOKIE}=${encodeURIComponent(value)}` });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const cleared = (res: Response) => {
  const line = setCookie(res);
  expect(line).toBeDefined();
  expect(line).toMatch(new RegExp(`^${COOKIE}=;`));
  expect(line).toMatch(/Expires=Thu, 01 Jan 1970/);
  expect(line).toMatch(/Path=\/api\/auth/);
};

function mails(): { file: string; body: Record<string, unknown> }[] {
  return readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, body: JSON.parse(readFileSync(path.join(MAIL_DIR, file), 'utf8')) }));
}

/** Waits until `count` e-mails are in MAIL_DIR (the reset e-mail is sent after the answer). */
async function waitForMails(count: number) {
  for (let i = 0; i < 200; i++) {
    const found = mails();
    if (found.length >= count) return found;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`expected ${count} e-mails, found ${mails().length}`);
}

const tokenIn = (mail: Record<string, unknown>) => {
  const m = /http:\/\/localhost:3000\/wachtwoord-herstellen\?token=([A-Za-z0-9_-]+)/.exec(
    String(mail.text),
  );
  if (!m) throw new Error('no reset link in the e-mail');
  return m[1];
};

describe('auth in a browser: refresh cookie, password reset and change', () => {
  let app: INestApplication;
  let f: Factory;
  const http = () => request(app.getHttpServer());

  beforeEach(async () => {
    for (const file of readdirSync(MAIL_DIR)) rmSync(path.join(MAIL_DIR, file), { force: true });
    // The rate limits count in Redis, beyond an app instance: each test starts from none.
    await clearLimiter();
    const { createTestApp } = await import('./app');
    app = await createTestApp();
    f = new Factory(app);
  });
  afterEach(async () => {
    await app.close();
  });
  afterAll(() => rmSync(MAIL_DIR, { recursive: true, force: true }));

  const login = (email: string, password = PASSWORD, useCookie = true) =>
    http().post('/api/auth/login').send({ email, password, useCookie });

  describe('refresh token in an httpOnly cookie', () => {
    it('log-in with useCookie sets the cookie with its flags and leaves the token out of the body', async () => {
      const region = await f.region();
      const { user } = await f.user(region, 'advisor');
      const res = await login(user.email).expect(200);

      expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
      const line = setCookie(res)!;
      expect(line).toBeDefined();
      const flags = line.split(';').map((s) => s.trim());
      expect(flags).toEqual(
        expect.arrayContaining([
          'HttpOnly',
          'SameSite=Strict',
          'Path=/api/auth',
          `Max-Age=${14 * 24 * 3600}`,
        ]),
      );
      expect(flags).not.toContain('Secure'); // only when NODE_ENV=production
      expect(cookieValue(res).length).toBeGreaterThanOrEqual(40);
      await http().get('/api/users/me').set(bearer(res.body.accessToken)).expect(200);

      // Without the flag the answer is as before, and no cookie is set.
      const plain = await login(user.email, PASSWORD, false).expect(200);
      expect(plain.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
      });
      expect(setCookie(plain)).toBeUndefined();
    });

    it('refresh by cookie rotates it: the new value works, the old one is refused and cleared', async () => {
      const region = await f.region();
      const { user } = await f.user(region, 'advisor');
      const first = cookieValue(await login(user.email).expect(200));

      const res = await http().post('/api/auth/refresh').set(asCookie(first)).expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
      const second = cookieValue(res);
      expect(second).not.toBe(first);
      expect(setCookie(res)).toMatch(/HttpOnly/);
      await http().get('/api/users/me').set(bearer(res.body.accessToken)).expect(200);

      const old = await http().post('/api/auth/refresh').set(asCookie(first)).expect(401);
      expect(old.body.message).toMatch(/Sessie verlopen/);
      cleared(old);

      // An empty JSON body counts as "no body": the cookie is used.
      const third = await http()
        .post('/api/auth/refresh')
        .set(asCookie(second))
        .send({})
        .expect(200);
      expect(cookieValue(third)).not.toBe(second);
    });

    it('refresh without body and without cookie is 401 and clears the cookie; the body form still works', async () => {
      const region = await f.region();
      const { refreshToken } = await f.user(region, 'advisor');
      const res = await http().post('/api/auth/refresh').expect(401);
      expect(res.body.message).toMatch(/log opnieuw in/);
      cleared(res);
      await http().post('/api/auth/refresh').set(asCookie('not-a-real-token')).expect(401);

      const body = await http().post('/api/auth/refresh').send({ refreshToken }).expect(200);
      expect(body.body.refreshToken).toEqual(expect.any(String));
      expect(setCookie(body)).toBeUndefined();
    });

    it('log-out with only the cookie ends the session and clears the cookie', async () => {
      const region = await f.region();
      const { user } = await f.user(region, 'advisor');
      const res = await login(user.email).expect(200);
      const cookie = cookieValue(res);

      const out = await http().post('/api/auth/logout').set(asCookie(cookie)).expect(204);
      cleared(out);
      await http().post('/api/auth/refresh').set(asCookie(cookie)).expect(401);
      // The access token of that session is dead too.
      await http().get('/api/users/me').set(bearer(res.body.accessToken)).expect(401);
      // Nothing left to end: 401, and the cookie is cleared anyway.
      cleared(await http().post('/api/auth/logout').set(asCookie(cookie)).expect(401));
      await http().post('/api/auth/logout').expect(401);
    });

    it('log-out with the bearer token ends the session and clears the cookie', async () => {
      const region = await f.region();
      const { user } = await f.user(region, 'advisor');
      const res = await login(user.email).expect(200);
      const out = await http()
        .post('/api/auth/logout')
        .set(bearer(res.body.accessToken))
        .expect(204);
      cleared(out);
      await http()
        .post('/api/auth/refresh')
        .set(asCookie(cookieValue(res)))
        .expect(401);
    });
  });

  describe('wachtwoord vergeten', () => {
    it('answers known and unknown addresses alike, and e-mails only the known one a web-app link', async () => {
      const region = await f.region();
      const { user } = await f.user(region, 'coordinator', [await f.school(region)]);
      const disabled = await f.user(region, 'advisor', [], { disabled: true });

      const unknown = await http()
        .post('/api/auth/password/forgot')
        .send({ email: 'nobody-here@example.test' })
        .expect(202);
      const off = await http()
        .post('/api/auth/password/forgot')
        .send({ email: disabled.user.email })
        .expect(202);
      const known = await http()
        .post('/api/auth/password/forgot')
        .send({ email: user.email.toUpperCase() })
        .expect(202);
      expect(known.body).toEqual(unknown.body);
      expect(off.body).toEqual(unknown.body);
      expect(known.body.message).toMatch(/Als dit e-mailadres bij Overstap bekend is/);

      const [mail] = await waitForMails(1);
      await new Promise((res) => setTimeout(res, 200));
      expect(mails()).toHaveLength(1);
      expect(mail.body).toMatchObject({
        to: [{ address: user.email }],
        subject: 'Overstap: stel een nieuw wachtwoord in',
      });
      expect(mail.body.text).toContain('1 uur geldig');
      const token = tokenIn(mail.body);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      // Neither the file name nor the database holds the token; the database keeps its sha256.
      expect(mail.file).not.toContain(token);
      const rows: { token_hash: string; expires_at: Date; used_at: Date | null }[] =
        await f.db.query(
          `select token_hash, expires_at, used_at from password_reset_tokens where user_id = $1`,
          [user.id],
        );
      expect(rows).toEqual([
        {
          token_hash: createHash('sha256').update(token).digest('hex'),
          expires_at: expect.any(Date),
          used_at: null,
        },
      ]);
      const minutes = (rows[0].expires_at.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(58);
      expect(minutes).toBeLessThanOrEqual(60);
    });

    it('refuses a bad address with 400 and a 4th request for one address within 15 minutes with 429', async () => {
      await http().post('/api/auth/password/forgot').send({ email: 'not an address' }).expect(400);
      for (let i = 0; i < 3; i++) {
        await http()
          .post('/api/auth/password/forgot')
          .send({ email: 'someone@example.test' })
          .expect(202);
      }
      await http()
        .post('/api/auth/password/forgot')
        .send({ email: 'someone@example.test' })
        .expect(429);
    });
  });

  describe('reset with the link', () => {
    /** Asks for a link and returns the token from the new e-mail. */
    async function linkFor(email: string): Promise<string> {
      const before = new Set(mails().map((m) => m.file));
      await http().post('/api/auth/password/forgot').send({ email }).expect(202);
      const found = await waitForMails(before.size + 1);
      return tokenIn(found.find((m) => !before.has(m.file))!.body);
    }

    it('sets the password once, ends every session, and is audited', async () => {
      const region = await f.region();
      const { user, token: access, refreshToken } = await f.user(region, 'advisor');
      const browser = await login(user.email).expect(200);
      const token = await linkFor(user.email);

      const short = await http()
        .post('/api/auth/password/reset')
        .send({ token, password: 'too short' })
        .expect(400);
      expect(short.body.errors).toEqual([
        {
          field: 'password',
          code: expect.any(String),
          message: expect.stringMatching(/12 tekens/),
        },
      ]);

      await http()
        .post('/api/auth/password/reset')
        .send({ token, password: NEW_PASSWORD })
        .expect(204);
      await http().get('/api/users/me').set(bearer(access)).expect(401);
      await http().post('/api/auth/refresh').send({ refreshToken }).expect(401);
      await http()
        .post('/api/auth/refresh')
        .set(asCookie(cookieValue(browser)))
        .expect(401);
      await login(user.email, PASSWORD).expect(401);
      await login(user.email, NEW_PASSWORD).expect(200);

      const again = await http()
        .post('/api/auth/password/reset')
        .send({ token, password: 'yet another passphrase' })
        .expect(400);
      expect(again.body.message).toMatch(/^Deze link is al gebruikt of verlopen/);
      expect(again.body.errors).toEqual([
        { field: 'token', code: expect.any(String), message: again.body.message },
      ]);
      await login(user.email, NEW_PASSWORD).expect(200);

      const audit = await f.db
        .getRepository(AuditEntry)
        .findBy({ userId: user.id, entity: 'user', entityId: user.id, action: 'update.password' });
      expect(audit).toHaveLength(1);
    });

    it('refuses an expired link, and a link replaced by a newer one', async () => {
      const region = await f.region();
      const { user } = await f.user(region, 'advisor');
      const expired = await linkFor(user.email);
      await f.db.query(
        `update password_reset_tokens set expires_at = now() - interval '1 minute'
          where token_hash = $1`,
        [createHash('sha256').update(expired).digest('hex')],
      );
      const res = await http()
        .post('/api/auth/password/reset')
        .send({ token: expired, password: NEW_PASSWORD })
        .expect(400);
      expect(res.body.message).toMatch(/^Deze link is al gebruikt of verlopen/);

      const older = await linkFor(user.email);
      const newer = await linkFor(user.email);
      await http()
        .post('/api/auth/password/reset')
        .send({ token: older, password: NEW_PASSWORD })
        .expect(400);
      await http()
        .post('/api/auth/password/reset')
        .send({ token: newer, password: NEW_PASSWORD })
        .expect(204);
      await login(user.email, NEW_PASSWORD).expect(200);
      await http()
        .post('/api/auth/password/reset')
        .send({ token: 'x'.repeat(43), password: NEW_PASSWORD })
        .expect(400);
    });
  });

  describe('changing one’s own password', () => {
    it('needs the current password, keeps this session and ends the others', async () => {
      const region = await f.region();
      const here = await f.user(region, 'advisor');
      const elsewhere = await login(here.user.email).expect(200);

      const wrong = await http()
        .post('/api/auth/password/change')
        .set(bearer(here.token))
        .send({ currentPassword: 'not my password', newPassword: NEW_PASSWORD })
        .expect(400);
      expect(wrong.body.errors).toEqual([
        {
          field: 'currentPassword',
          code: expect.any(String),
          message: 'Het huidige wachtwoord klopt niet',
        },
      ]);
      await http().get('/api/users/me').set(bearer(elsewhere.body.accessToken)).expect(200);
      await http()
        .post('/api/auth/password/change')
        .set(bearer(here.token))
        .send({ currentPassword: PASSWORD, newPassword: 'short' })
        .expect(400);

      await http()
        .post('/api/auth/password/change')
        .set(bearer(here.token))
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);
      await http().get('/api/users/me').set(bearer(here.token)).expect(200);
      await http().post('/api/auth/refresh').send({ refreshToken: here.refreshToken }).expect(200);
      await http().get('/api/users/me').set(bearer(elsewhere.body.accessToken)).expect(401);
      await http()
        .post('/api/auth/refresh')
        .set(asCookie(cookieValue(elsewhere)))
        .expect(401);
      await login(here.user.email, PASSWORD).expect(401);
      await login(here.user.email, NEW_PASSWORD).expect(200);

      const audit = await f.db
        .getRepository(AuditEntry)
        .findBy({ userId: here.user.id, action: 'update.password' });
      expect(audit).toHaveLength(1);
      await http()
        .post('/api/auth/password/change')
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
        .expect(401);
    });
  });

  it('/users/me gives the header its name, role, region and schools', async () => {
    const region = await f.region('Regio Amsterdam-Diemen');
    const a = await f.school(region, { name: 'Amstel Lyceum' });
    const b = await f.school(region, { name: 'Bredero College' });
    const { user, token } = await f.user(region, 'coordinator', [b, a]);
    const me = await http().get('/api/users/me').set(bearer(token)).expect(200);
    expect(me.body).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      role: 'coordinator',
      regionId: region.id,
      regionName: 'Regio Amsterdam-Diemen',
      schools: [
        { id: a.id, name: 'Amstel Lyceum', brin: a.brin },
        { id: b.id, name: 'Bredero College', brin: b.brin },
      ],
      schoolIds: [a.id, b.id],
      twoFactor: { enabled: false, required: false, enrolmentRequired: false },
    });
  });

  it('documents every auth, users and notifications operation with a summary and typed answers', async () => {
    const res = await http().get('/api/docs-json').expect(200);
    interface Schema {
      type?: string;
      $ref?: string;
      allOf?: unknown[];
      properties?: Record<string, Schema>;
    }
    interface Operation {
      summary?: string;
      responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
    }
    const doc = res.body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    const ours = Object.entries(doc.paths).filter(([p]) =>
      /^\/api\/(auth|users|notifications)(\/|$)/.test(p),
    );
    expect(ours.length).toBeGreaterThanOrEqual(10);
    for (const [p, ops] of ours) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${p}`;
        expect([where, typeof op.summary]).toEqual([where, 'string']);
        const [code, ok] = Object.entries(op.responses).find(([c]) => c.startsWith('2'))!;
        if (code !== '204')
          expect([where, ok.content?.['application/json']?.schema]).toEqual([
            where,
            expect.any(Object),
          ]);
      }
    }
    for (const name of [
      'MeView',
      'MySchool',
      'UserView',
      'UserPage',
      'TokensDto',
      'AccessTokenDto',
      'MessageDto',
    ]) {
      const props = doc.components.schemas[name]?.properties ?? {};
      expect([name, Object.keys(props).length > 0]).toEqual([name, true]);
      for (const [field, schema] of Object.entries(props)) {
        // Every field has a type or a reference: no untyped object.
        expect([name, field, !!(schema.type || schema.$ref || schema.allOf)]).toEqual([
          name,
          field,
          true,
        ]);
        expect([name, field, schema.type === 'object' && !schema.properties]).toEqual([
          name,
          field,
          false,
        ]);
      }
    }
  });
});
