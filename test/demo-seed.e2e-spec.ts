import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { resetPassword, UnknownEmailError } from '../scripts/reset-password';
import { listAccounts, printLogins } from '../src/seed/accounts';
import { demoCalendar } from '../src/seed/calendar';
import {
  coordinatorEmail,
  DEMO_ADMIN,
  DEMO_ADVISORS,
  DemoResult,
  seedDemo,
} from '../src/seed/demo';
import { todayIso } from '../src/seasons/calendar';
import { createDatabaseIfMissing, dropDatabase, withDatabase } from '../scripts/services';
import { runMigrations } from '../src/database/migrate';
import { logInWithCode } from './totp';

// E-mails of this spec go to a directory of its own (read at start-up, hence the dynamic import).
const MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'overstap-mail-'));
process.env.MAIL_DIR = MAIL_DIR;

const PASSWORD = 'demo-wachtwoord-2027';

describe('demo seed', () => {
  let app: INestApplication;
  let db: DataSource;
  let seeded: DemoResult;
  const http = () => request(app.getHttpServer());
  const login = (email: string, password = PASSWORD) =>
    http().post('/api/auth/login').send({ email, password });

  // A database of its own: the demo's accounts are counted, and other specs add users to the run's.
  const mainUrl = process.env.DATABASE_URL as string;
  const seedDb = `${new URL(mainUrl).pathname.slice(1)}_seed`;

  beforeAll(async () => {
    await createDatabaseIfMissing(mainUrl, seedDb);
    process.env.DATABASE_URL = withDatabase(mainUrl, seedDb);
    process.env.REDIS_PREFIX = `${process.env.REDIS_PREFIX}-seed`;
    await runMigrations(process.env.DATABASE_URL);
    const { createTestApp } = await import('./app');
    app = await createTestApp();
    db = app.get(DataSource);
    seeded = await seedDemo(app, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await dropDatabase(mainUrl, seedDb);
    rmSync(MAIL_DIR, { recursive: true, force: true });
  });

  // How long seeding takes is a figure `npm start` prints ("Demo region ready in 1.4 s"), not an
  // assertion here: a timed test fails on a loaded machine (it did, at 6.7 s, with four runs at once).
  it('makes a current season with entry open and rounds and summer ahead', () => {
    const today = todayIso();
    const s = seeded.season;
    expect(s).toMatchObject(demoCalendar(today));
    expect(s.entryOpens <= today && today <= s.entryCloses).toBe(true);
    expect(s.roundDates.every((d) => d > today)).toBe(true);
    expect(s.summerHolidayStart > today).toBe(true);
  });

  it('has pupils in every status, and its figures are those designed into the data', () => {
    // The groups are built so that the round's lottery decides who, never how many.
    expect(seeded.pupils).toEqual({
      draft: 5,
      submitted: 6,
      proposed: 11,
      placed: 19,
      withdrawn: 3,
      mediation: 5,
    });
    expect(seeded.proposals).toEqual({ pending: 11, accepted: 19, declined: 1, withdrawn: 1 });
    expect(seeded.mediationCases).toBe(5);
    expect(seeded.schools).toBe(17);
  });

  it('lets a coordinator with two schools log in and see seasons, places, pupils and proposals', async () => {
    const res = await login(coordinatorEmail(0)).expect(200);
    const auth = { authorization: `Bearer ${res.body.accessToken}` };
    const me = await http().get('/api/users/me').set(auth).expect(200);
    expect(me.body.schoolIds).toHaveLength(2);

    const seasons = await http().get('/api/seasons').set(auth).expect(200);
    const list = Array.isArray(seasons.body) ? seasons.body : seasons.body.items;
    expect(list.map((s: { name: string }) => s.name)).toContain(seeded.season.name);

    for (const schoolId of me.body.schoolIds) {
      const offers = await http()
        .get(`/api/seasons/${seeded.season.id}/offers`)
        .query({ schoolId })
        .set(auth)
        .expect(200);
      expect(offers.body.items.length).toBeGreaterThan(0);
    }

    const forms = await http()
      .get('/api/transfer-requests')
      .query({ seasonId: seeded.season.id, limit: 200 })
      .set(auth)
      .expect(200);
    const statuses = new Set(forms.body.items.map((r: { status: string }) => r.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    for (const r of forms.body.items) expect(me.body.schoolIds).toContain(r.sendingSchoolId);

    const incoming = await http().get('/api/proposals').set(auth).expect(200);
    const kinds = new Set(incoming.body.items.map((p: { status: string }) => p.status));
    expect(kinds).toEqual(new Set(['pending', 'accepted']));
    for (const p of incoming.body.items) {
      if (p.status === 'pending') expect(p.respondBy >= todayIso()).toBe(true);
    }
  });

  it("keeps every offer's counters equal to its proposals", async () => {
    const rows: { capacity: number; placed: number; pending: number; a: number; p: number }[] =
      await db.query(
        `select o.capacity, o.placed, o.pending,
                (select count(*)::int from proposals x where x.offer_id = o.id and x.status = 'accepted') as a,
                (select count(*)::int from proposals x where x.offer_id = o.id and x.status = 'pending') as p
           from offers o where o.season_id = $1`,
        [seeded.season.id],
      );
    expect(rows.length).toBe(seeded.offers);
    for (const r of rows) {
      expect(r.placed).toBe(r.a);
      expect(r.pending).toBe(r.p);
      expect(r.placed + r.pending).toBeLessThanOrEqual(r.capacity);
    }
    // Every placed pupil has its accepted proposal's offer; every proposed one an open proposal.
    const [odd] = await db.query(
      `select count(*)::int as n from transfer_requests tr
        where tr.season_id = $1 and (
          (tr.status = 'placed' and not exists (select 1 from proposals p where p.request_id = tr.id
             and p.status = 'accepted' and p.offer_id = tr.placed_offer_id))
          or (tr.status = 'proposed' and not exists (select 1 from proposals p
             where p.request_id = tr.id and p.status = 'pending'))
          or (tr.status = 'mediation' and not exists (select 1 from mediation_cases c
             where c.request_id = tr.id and c.status = 'open')))`,
      [seeded.season.id],
    );
    expect(odd.n).toBe(0);
  });

  it('gives the advisors assigned cases with notes, and the coordinators notices', async () => {
    const [c] = await db.query(
      `select count(*) filter (where u.email = $1)::int as mine,
              count(*) filter (where exists (select 1 from mediation_notes n where n.case_id = mc.id))::int as noted
         from mediation_cases mc left join users u on u.id = mc.assigned_to`,
      [DEMO_ADVISORS[0]],
    );
    expect(c.mine).toBeGreaterThanOrEqual(2);
    expect(c.noted).toBeGreaterThanOrEqual(3);
    const [nt] = await db.query(
      `select count(distinct n.kind)::int as kinds from notifications n
         join users u on u.id = n.user_id where u.role = 'coordinator'`,
    );
    expect(nt.kinds).toBeGreaterThanOrEqual(2);
    // Support needs are stored encrypted only.
    const [enc] = await db.query(
      `select count(*)::int as n from transfer_requests
        where support_needs_enc is not null and support_needs_enc like '%Dyslexie%'`,
    );
    expect(enc.n).toBe(0);
  });

  it('lists the accounts for npm start, with the demo password recognised', async () => {
    const { accounts, total } = await listAccounts(db, PASSWORD);
    expect(total).toBe(seeded.logins.length);
    expect(accounts.length).toBeLessThanOrEqual(20);
    expect(accounts[0]).toMatchObject({ role: 'admin', demoPassword: true, twoFactor: true });
    expect(accounts.filter((a) => a.twoFactor).map((a) => a.role)).toEqual([
      'admin',
      'advisor',
      'advisor',
    ]);
  });

  it('enrols the admin and advisors in two-factor log-in with the key it prints', async () => {
    const said: string[] = [];
    printLogins(seeded, (line) => said.push(line));
    const key = seeded.twoFactor.secret;
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    expect(said.join('\n')).toContain(key.replace(/(.{4})(?=.)/g, '$1 '));
    expect(said.join('\n')).toContain(seeded.twoFactor.uri);
    expect(said.join('\n')).toContain('users:reset-two-factor');
    for (const email of [DEMO_ADMIN, ...DEMO_ADVISORS]) {
      const first = await login(email).expect(200);
      expect(first.body.accessToken).toBeUndefined();
      const res = await logInWithCode(http, email, PASSWORD, key);
      await http()
        .get('/api/transfer-requests')
        .set({ authorization: `Bearer ${res.body.accessToken}` })
        .expect(200);
    }
    // Stored encrypted, never as the key itself.
    const rows: { s: string }[] = await db.query(
      `select totp_secret_enc as s from users where totp_secret_enc is not null`,
    );
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.s).not.toContain(key);
  });

  describe('users:reset-password', () => {
    const auditCount = async () =>
      (await db.query(`select count(*)::int as n from audit_log`))[0].n as number;

    it('refuses an unknown e-mail address and writes nothing', async () => {
      const before = await auditCount();
      const hashes = await db.query(`select md5(string_agg(password_hash, ',' order by id)) as h
                                       from users`);
      await expect(resetPassword(db, 'niemand@overstap.test')).rejects.toBeInstanceOf(
        UnknownEmailError,
      );
      expect(await auditCount()).toBe(before);
      expect(
        await db.query(`select md5(string_agg(password_hash, ',' order by id)) as h from users`),
      ).toEqual(hashes);
    });

    it('sets a new password: the old one stops working, sessions end, and it is audited', async () => {
      const email = coordinatorEmail(1);
      const old = await login(email).expect(200);
      const r = await resetPassword(db, email.toUpperCase());
      expect(r.generated).toBe(true);
      expect(r.password.length).toBeGreaterThanOrEqual(12);
      expect(r.sessionsEnded).toBeGreaterThanOrEqual(1);
      await http()
        .get('/api/users/me')
        .set({ authorization: `Bearer ${old.body.accessToken}` })
        .expect(401);
      await login(email).expect(401);
      await login(email, r.password).expect(200);
      const entries = await db.query(
        `select user_id, role, action from audit_log where entity = 'user' and entity_id = $1`,
        [r.userId],
      );
      expect(entries).toEqual([{ user_id: null, role: null, action: 'update.password' }]);

      const chosen = await resetPassword(db, email, 'een-eigen-wachtwoord');
      expect(chosen.generated).toBe(false);
      await login(email, 'een-eigen-wachtwoord').expect(200);
    });
  });
});
