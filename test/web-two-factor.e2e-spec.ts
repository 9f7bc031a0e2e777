/**
 * Two-factor log-in in a real browser (issue 20 point 7): an advisor's first log-in goes straight
 * to enrolment (QR code and key, a code, the recovery codes), the next log-in asks for the app's
 * code, "Mijn account" shows it on; the office resets it and requires it of coordinators. Every
 * page is checked with axe-core and photographed for the README (docs/screenshots).
 */
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { Factory, PASSWORD } from './factories';
import { checkPage, launch, logIn, newUser, settled, startStack } from './browser/harness';
import { clearLimiter } from './limiter';
import { logInEnrolling, totpCode } from './totp';

jest.setTimeout(240_000);

describe('web app: two-factor log-in in the browser', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let baseUrl: string;
  let browser: Browser;
  let f: Factory;

  beforeAll(async () => {
    await clearLimiter();
    ({ app, worker, baseUrl } = await startStack());
    browser = await launch();
    f = new Factory(app);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await app?.close();
  });

  const fresh = async (): Promise<Page> => (await newUser(browser, baseUrl)).newPage();
  const passwordStep = async (page: Page, email: string) => {
    await page.getByLabel(/^E-mailadres/).fill(email);
    await page.getByLabel(/^Wachtwoord/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  };

  it('an advisor enrols at the first log-in and then logs in with a code; the office resets it and requires it of coordinators', async () => {
    const region = await f.region('Samenwerkingsverband Amsterdam-Diemen');
    await f.school(region, { name: 'Het Amstel College' });
    const { user: advisor } = await f.user(region, 'advisor', [], {
      email: `anouk-${Date.now()}@swv.test`,
      name: 'Anouk de Adviseur',
    });

    // First log-in: whatever address was asked for, enrolment comes first.
    const first = await fresh();
    await first.goto('/leerlingen');
    await first.waitForURL(/\/inloggen/);
    await passwordStep(first, advisor.email);
    await first.getByRole('heading', { name: 'Tweestapsverificatie instellen' }).waitFor();
    expect(new URL(first.url()).pathname).toBe('/leerlingen');
    await expect(first.getByRole('navigation', { name: 'Hoofdmenu' }).count()).resolves.toBe(0);
    await first.getByRole('img', { name: /QR-code/ }).waitFor();
    await checkPage(first, '16-tweestap-instellen');

    const key = (await first.getByLabel('Sleutel voor handmatige invoer').inputValue()).replace(
      /\s+/g,
      '',
    );
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    const code = first.getByLabel(/^Code uit de app/);
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await code.fill('000000');
    await first.getByRole('button', { name: 'Bevestigen' }).click();
    await first.getByText(/Deze code klopt niet/).waitFor();
    await code.fill(await totpCode(key, advisor.email));
    await first.getByRole('button', { name: 'Bevestigen' }).click();
    await first.getByRole('heading', { name: 'Uw herstelcodes' }).waitFor();
    const codes = await first
      .getByRole('list', { name: 'Herstelcodes' })
      .getByRole('listitem')
      .allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c.trim()).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    await first.getByRole('button', { name: 'Codes printen' }).waitFor();
    await checkPage(first, '17-herstelcodes');
    await first.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    // The page that was asked for, in the app.
    await first.getByRole('heading', { level: 1, name: /Leerlingen/ }).waitFor();
    await settled(first);

    // The next log-in asks for the app's code; a wrong one is said so.
    const second = await fresh();
    await second.goto('/inloggen');
    await passwordStep(second, advisor.email);
    await second.getByRole('heading', { name: 'Code invoeren' }).waitFor();
    await checkPage(second, '18-code-invoeren');
    await second.getByLabel(/^Code uit de app/).fill('000000');
    await second.getByRole('button', { name: 'Controleren' }).click();
    await second
      .getByRole('alert')
      .getByText(/klopt niet of is al gebruikt/)
      .waitFor();
    // A recovery code instead: the field takes letters then.
    await second.getByRole('button', { name: /Gebruik een herstelcode/ }).click();
    const recovery = second.getByLabel(/^Herstelcode/);
    expect(await recovery.getAttribute('inputmode')).toBe('text');
    await recovery.fill(codes[0].trim());
    await second.getByRole('button', { name: 'Controleren' }).click();
    await second.waitForURL((u) => !u.pathname.startsWith('/inloggen'));
    await second.goto('/account');
    await second.getByRole('heading', { name: 'Tweestapsverificatie' }).waitFor();
    await second.getByText('Nog 9 herstelcodes ongebruikt.', { exact: false }).waitFor();
    await checkPage(second, '19-account-tweestap');

    // The office: an admin (who enrolled through the API) resets the advisor's second factor.
    const { user: admin } = await f.user(region, 'admin', [], { name: 'Bureau Beheer' });
    const adminFactor = await logInEnrolling(
      () => request(app.getHttpServer()),
      admin.email,
      PASSWORD,
    );
    const office = await fresh();
    await logIn(office, admin.email, PASSWORD, adminFactor.secret);
    await office.goto('/beheer/gebruikers');
    await office.getByRole('button', { name: 'Meer acties voor Anouk de Adviseur' }).click();
    await office.getByRole('menuitem', { name: '2FA herstellen' }).click();
    const dialog = office.getByRole('dialog', { name: 'Tweestapsverificatie herstellen?' });
    await dialog.getByRole('button', { name: 'Ja, herstellen' }).click();
    await office.getByText(/De tweestapsverificatie van Anouk de Adviseur is hersteld/).waitFor();
    // Her sessions have ended: a reload asks for the log-in again.
    await second.reload();
    await second.waitForURL(/\/inloggen/);

    // Coordinators must have it from now on.
    await office.goto('/beheer/instellingen');
    const toggle = office.getByLabel('Tweestapsverificatie verplicht voor overstapcoördinatoren');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check({ force: true });
    await office.getByText(/Na opslaan kunnen coördinatoren zonder/).waitFor();
    await checkPage(office, '26-beheer-instellingen');
    await office.getByRole('button', { name: 'Opslaan' }).click();
    await office.getByText('Instellingen opgeslagen.').waitFor();
    const settings = await request(app.getHttpServer())
      .get('/api/regions/current/settings')
      .set('authorization', `Bearer ${adminFactor.accessToken}`)
      .expect(200);
    expect(settings.body.requireTwoFactorForCoordinators).toBe(true);
  });
});
