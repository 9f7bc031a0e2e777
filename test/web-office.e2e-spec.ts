/**
 * The advisors' and the office's work in a real browser (issue 18 point 4), on the demo region
 * (a season with pupils in every status and a round behind it) in a database of this spec's own.
 * Every page is checked with axe-core and photographed for the README (docs/screenshots).
 */
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { logInWithCode } from './totp';
import { createDatabaseIfMissing, dropDatabase, withDatabase } from '../scripts/services';
import { runMigrations } from '../src/database/migrate';
import {
  checkPage,
  eventually,
  launch,
  logIn as logInAs,
  newUser,
  settled,
  startStack,
} from './browser/harness';

jest.setTimeout(300_000);
const PASSWORD = 'demo-wachtwoord-2027';

describe('web app: advisors and the office in the browser', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let baseUrl: string;
  let browser: Browser;
  let db: DataSource;
  let seasonId: string;
  const mainUrl = process.env.DATABASE_URL as string;
  const demoDb = `${new URL(mainUrl).pathname.slice(1)}_demo`;
  const http = () => request(app.getHttpServer());
  // The demo's admin and advisors have a second factor (the seed enrols them with one key).
  let totpSecret: string;
  const needsCode = (email: string) => !email.startsWith('coordinator');
  const token = async (email: string): Promise<string> =>
    (needsCode(email)
      ? await logInWithCode(http, email, PASSWORD, totpSecret)
      : await http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)
    ).body.accessToken;

  beforeAll(async () => {
    // The demo's fixed e-mail addresses would collide with other specs in the run's database.
    await createDatabaseIfMissing(mainUrl, demoDb);
    const url = withDatabase(mainUrl, demoDb);
    await runMigrations(url);
    process.env.DATABASE_URL = url;
    process.env.REDIS_PREFIX = `${process.env.REDIS_PREFIX}-demo`;
    ({ app, worker, baseUrl } = await startStack());
    const { seedDemo } = await import('../src/seed/demo');
    const seeded = await seedDemo(app, PASSWORD);
    seasonId = seeded.season.id;
    totpSecret = seeded.twoFactor.secret;
    db = app.get(DataSource);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await app?.close();
    await dropDatabase(mainUrl, demoDb);
  });

  const check = checkPage;
  async function logIn(email: string): Promise<Page> {
    const page = await (await newUser(browser, baseUrl)).newPage();
    await logInAs(page, email, PASSWORD, needsCode(email) ? totpSecret : undefined);
    return page;
  }

  it('a coordinator who types an advisor’s or admin’s address sees "Geen toegang"; the API says 403', async () => {
    const page = await logIn('coordinator02@overstap.test');
    for (const path of ['/bemiddeling', '/rondes', '/beheer/gebruikers', '/seizoenen']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
    }
    await check(page, '30-geen-toegang');
    const t = await token('coordinator02@overstap.test');
    await http().get('/api/mediation/cases').set('authorization', `Bearer ${t}`).expect(403);
    await http().get('/api/audit').set('authorization', `Bearer ${t}`).expect(403);
    await http()
      .post(`/api/seasons/${seasonId}/rounds`)
      .set('authorization', `Bearer ${t}`)
      .send({})
      .expect(403);
  });

  it('the office schedules the rounds, starts one, watches it finish, reads the report and a pupil’s explanation', async () => {
    const page = await logIn('admin@overstap.test');
    await page.goto('/seizoenen');
    await check(page, '21-seizoenen');
    await page.goto(`/seizoenen/${seasonId}`);
    await check(page, '22-seizoen');

    await page.goto('/rondes');
    await settled(page);
    await page.getByRole('button', { name: 'Rondes inplannen' }).click();
    await eventually(async () => {
      const n = await db.query(
        `select count(*)::int as n from matching_rounds where season_id = $1 and status = 'scheduled'`,
        [seasonId],
      );
      expect(n[0].n).toBeGreaterThan(0);
    });
    await check(page, '23-rondes');
    await page.getByRole('button', { name: 'Ronde nu starten' }).click();
    await page.getByRole('button', { name: 'Ja, starten' }).click();
    await page.waitForURL((u) => /^\/rondes\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByRole('progressbar').first().waitFor();
    await page.getByText('Klaar', { exact: true }).first().waitFor({ timeout: 60_000 });
    const roundId = new URL(page.url()).pathname.split('/')[2];
    await check(page, '24-ronde');

    // one pupil of this round, found by name
    const t = await token('admin@overstap.test');
    const pupils = await http()
      .get(`/api/rounds/${roundId}/pupils`)
      .set('authorization', `Bearer ${t}`)
      .expect(200);
    const pupil = pupils.body.items[0];
    expect(pupil).toBeDefined();
    await page.getByLabel(/^Zoek een leerling/).fill(pupil.lastName);
    await page.getByText(new RegExp(pupil.lastName)).first().click();
    await page
      .getByText(/lotnummer|eerste keus|1e keus|geplaatst|Niet geplaatst/i)
      .first()
      .waitFor();
    await check(page, '25-ronde-uitleg');

    for (const tab of ['scholen', 'gebruikers', 'voorrang', 'audit']) {
      await page.goto(`/beheer/${tab}`);
      await check(page, `26-beheer-${tab}`);
    }
    await page.goto('/monitor');
    await check(page, '27-monitor');
  });

  it('an advisor places an unplaced pupil by hand with a reason, enters a pupil moving in and places them; the monitor counts both', async () => {
    const t = await token('adviseur1@overstap.test');
    const placed = async (): Promise<number> => {
      const m = await http()
        .get(`/api/seasons/${seasonId}/monitor`)
        .set('authorization', `Bearer ${t}`)
        .expect(200);
      return m.body.totals.placed;
    };
    const before = await placed();

    const page = await logIn('adviseur1@overstap.test');
    await page.goto('/bemiddeling');
    await check(page, '31-bemiddeling');
    // An unplaced pupil whose requested leerjaar × niveau is full everywhere: placing them needs
    // the written reason (over capacity), which the page asks for.
    const cases = await http()
      .get('/api/mediation/cases?status=open&sort=waiting')
      .set('authorization', `Bearer ${t}`)
      .expect(200);
    const mcase = cases.body.items.find(
      (c: { requestStatus: string; requestedProfile: string }) =>
        c.requestStatus === 'mediation' && c.requestedProfile === '',
    );
    expect(mcase).toBeDefined();
    await db.query(
      `update offers set capacity = placed + pending
        where season_id = $1 and grade = $2 and level = $3`,
      [seasonId, mcase.requestedGrade, mcase.requestedLevel],
    );
    await page
      .getByRole('link', { name: new RegExp(mcase.pupil.lastName) })
      .first()
      .click();
    await page.waitForURL((u) => u.pathname === `/bemiddeling/${mcase.id}`);
    await settled(page);
    const assign = page.getByRole('button', { name: 'Aan mij toewijzen' });
    if (await assign.isVisible()) await assign.click();
    await check(page, '32-zaak');
    await page
      .getByRole('button', { name: /^Plaatsen/ })
      .first()
      .click();
    await page
      .getByLabel(/^Reden om boven de capaciteit te plaatsen/)
      .fill('Afgesproken aan de plaatsingstafel van 3 december.');
    await page.getByRole('button', { name: 'Ja, plaatsen' }).click();
    await eventually(async () => {
      const [row] = await db.query(
        `select status, over_capacity_reason from mediation_cases where id = $1`,
        [mcase.id],
      );
      expect(row.over_capacity_reason).toMatch(/plaatsingstafel/);
    });
    await eventually(async () => expect(await placed()).toBe(before + 1));

    // a pupil moving into the region, placed where there is room
    const [room] = await db.query(
      `select o.grade, o.level from offers o
        where o.season_id = $1 and o.profile = '' and o.capacity - o.placed - o.pending > 0
        order by o.grade, o.level limit 1`,
      [seasonId],
    );
    await page.goto('/instromers');
    await settled(page);
    await page.getByLabel(/^Voornaam/).fill('Noor');
    await page.getByLabel(/^Achternaam/).fill('Kramer-Öztürk');
    await page.getByLabel(/^Geboortedatum/).fill(`${2026 - 11 - room.grade}-05-02`);
    await page.getByLabel(/^Postcode/).fill('1102 AB');
    await page.getByLabel(/^Gewenst leerjaar/).selectOption(String(room.grade));
    await page.getByLabel(/^Gewenst niveau/).selectOption(room.level);
    await check(page, '33-instromers');
    await page.getByRole('button', { name: 'Instromer aanmelden' }).click();
    await page.waitForURL((u) => /^\/bemiddeling\/[0-9a-f-]{36}$/.test(u.pathname));
    await settled(page);
    await page
      .getByRole('button', { name: /^Plaatsen/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Ja, plaatsen' }).click();
    await eventually(async () => expect(await placed()).toBe(before + 2));
    const [noor] = await db.query(
      `select status from transfer_requests where last_name = 'Kramer-Öztürk'`,
    );
    expect(noor.status).toBe('placed');

    await page.goto('/monitor');
    await check(page, '34-monitor-adviseur');
    await page.goto('/plaatsingstafel');
    await check(page, '35-plaatsingstafel');
  });
});
