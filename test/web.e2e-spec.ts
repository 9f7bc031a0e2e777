/**
 * The coordinators' season in a real browser (issue 16 point 5): the built web app in headless
 * Chromium against this run's API, worker, Postgres and Redis. Every page is checked with axe-core
 * (0 serious or critical violations) and photographed for the README (docs/screenshots).
 */
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { Offer } from '../src/offers/offer.entity';
import { TransferRequest } from '../src/transfer-requests/transfer-request.entity';
import { Factory, PASSWORD } from './factories';
import {
  checkPage,
  eventually,
  launch,
  logIn as logInAs,
  newUser,
  settled,
  startStack,
} from './browser/harness';

jest.setTimeout(240_000);

describe('web app: a coordinator’s season in the browser', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let baseUrl: string;
  let browser: Browser;
  let f: Factory;

  beforeAll(async () => {
    ({ app, worker, baseUrl } = await startStack());
    browser = await launch();
    f = new Factory(app);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await app?.close();
  });

  const check = checkPage;
  const logIn = (page: Page, email: string) => logInAs(page, email, PASSWORD);

  it('log in, places by hand and by CSV, a form with three preferences, a round, accept, placed, reload, log out', async () => {
    const region = await f.region('Samenwerkingsverband Amsterdam-Diemen');
    const today = new Date().toISOString().slice(0, 10);
    // A season as the office would make it: entry open now, the round and the summer ahead.
    const year = Math.max(2027, new Date().getFullYear() + (new Date().getMonth() >= 7 ? 1 : 0));
    const season = await f.season(region, {
      name: `${year}-${year + 1}`,
      entryOpens: '2026-09-01',
      entryCloses: `${year}-06-18`,
      roundDates: [`${year}-06-21`, `${year}-07-01`],
      summerHolidayStart: `${year}-07-10`,
      endsOn: `${year}-10-01`,
    });
    expect(season.entryOpens <= today).toBe(true);
    const sending = await f.school(region, { name: 'Het Amstel College', postcode: '1091 AB' });
    const receiving = await f.school(region, { name: 'Lyceum Noord', postcode: '1021 CD' });
    const other1 = await f.school(region, { name: 'Montessori Oost', postcode: '1093 EF' });
    const other2 = await f.school(region, {
      name: 'Zuidas Scholengemeenschap',
      postcode: '1077 GH',
    });
    await f.offer(season, other1, 3, 'havo', 2);
    await f.offer(season, other2, 3, 'havo', 2);
    const coordA = await f.user(region, 'coordinator', [sending], {
      name: 'Anna de Vries',
      email: 'anna@amstel.test',
    });
    const coordB = await f.user(region, 'coordinator', [receiving], {
      name: 'Bram Jansen',
      email: 'bram@lyceumnoord.test',
    });
    const admin = await f.user(region, 'admin', [], { email: 'bureau@swv.test' });

    // --- the receiving school's coordinator enters free places, by hand and by CSV ---
    const b = await (await newUser(browser, baseUrl)).newPage();
    await b.goto('/inloggen');
    await check(b, '01-inloggen');
    await logIn(b, coordB.user.email);
    await check(b, '02-start');

    await b.goto('/vrije-plaatsen');
    await settled(b);
    await b.getByRole('button', { name: 'Regel toevoegen' }).click();
    await b.getByLabel('Leerjaar', { exact: true }).selectOption('3');
    await b.getByLabel('Niveau', { exact: true }).selectOption('havo');
    await b.getByLabel('Plaatsen', { exact: true }).fill('2');
    await b.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await b.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await eventually(async () => {
      const rows = await f.db.getRepository(Offer).findBy({ schoolId: receiving.id });
      expect(rows.map((o) => [o.grade, o.level, o.capacity])).toEqual([[3, 'havo', 2]]);
    });
    await check(b, '03-vrije-plaatsen');

    const dir = mkdtempSync(path.join(tmpdir(), 'overstap-csv-'));
    const csv = path.join(dir, 'plaatsen.csv');
    writeFileSync(
      csv,
      `brin;leerjaar;niveau;profiel;plaatsen\n${receiving.brin};2;vwo;;3\n${receiving.brin};7;havo;;1\n`,
    );
    await b.locator('input[type=file]').setInputFiles(csv);
    await b.getByRole('button', { name: 'Controleren' }).click();
    // the bad row is named before anything is saved
    await b
      .getByText(/regel 3/i)
      .first()
      .waitFor();
    expect(await f.db.getRepository(Offer).countBy({ schoolId: receiving.id })).toBe(1);
    await check(b, '04-csv-voorbeeld');
    writeFileSync(csv, `brin;leerjaar;niveau;profiel;plaatsen\n${receiving.brin};2;vwo;;3\n`);
    await b.locator('input[type=file]').setInputFiles(csv);
    await b.getByRole('button', { name: 'Controleren' }).click();
    await b.getByRole('button', { name: 'Importeren' }).click();
    await eventually(async () =>
      expect(await f.db.getRepository(Offer).countBy({ schoolId: receiving.id })).toBe(2),
    );

    await b.goto('/regiobord');
    await check(b, '05-regiobord');
    await b.goto('/contacten');
    await check(b, '06-contacten');

    // --- the sending school's coordinator fills in a form with the keyboard only ---
    const a = await (await newUser(browser, baseUrl)).newPage();
    await logIn(a, coordA.user.email);
    await a.goto('/leerlingen');
    await check(a, '07-leerlingen-leeg');
    await a.goto('/leerlingen/nieuw');
    await settled(a);
    const kb = a.keyboard;
    await a.getByLabel(/^Voornaam/).focus();
    await kb.type('Sem');
    const field = async (label: RegExp, text: string) => {
      await a.getByLabel(label).focus();
      await kb.type(text);
    };
    await field(/^Achternaam/, 'Bakker');
    // The date input's segment order follows the machine's locale (mm/dd here, dd-mm on a Dutch
    // laptop): the one field filled without typing.
    await a.getByLabel(/^Geboortedatum/).fill('2012-03-14');
    await field(/^Postcode/, '1092 AA');
    await field(/^Huidig leerjaar/, '3');
    await field(/^Huidig niveau/, 'vwo');
    await field(/^Gewenst leerjaar/, '3');
    await field(/^Gewenst niveau/, 'havo');
    await field(/^Reden/, 'Afstroom');
    await a.getByRole('radio', { name: 'Ouders of verzorgers', exact: true }).focus();
    await kb.press('Space');
    await field(
      /^Onderbouwing/,
      'Sem haalt de vwo-normen niet ondanks extra begeleiding; havo past beter.',
    );
    for (const school of [receiving.name, other1.name, other2.name]) {
      await a.getByLabel(/^Voeg een school toe/).focus();
      await kb.type(school);
      await a.getByRole('button', { name: 'Toevoegen', exact: true }).focus();
      await kb.press('Enter');
    }
    await check(a, '08-formulier');
    await a.getByRole('button', { name: 'Indienen' }).focus();
    await kb.press('Enter');
    const confirm = a.getByRole('button', { name: /^Ja, indienen/ });
    await confirm.waitFor();
    await confirm.focus();
    await kb.press('Enter');
    let pupil: TransferRequest | null = null;
    await eventually(async () => {
      pupil = await f.db
        .getRepository(TransferRequest)
        .findOneBy({ lastName: 'Bakker', seasonId: season.id });
      expect(pupil?.status).toBe('submitted');
    });
    expect(pupil!.dateOfBirth).toBe('2012-03-14');
    const prefs = await f.db.query(
      'select school_id from transfer_request_preferences where request_id = $1 order by rank',
      [pupil!.id],
    );
    expect(prefs.map((r: { school_id: string }) => r.school_id)).toEqual([
      receiving.id,
      other1.id,
      other2.id,
    ]);

    // --- the office runs a round (through the API) ---
    const http = () => request(app.getHttpServer());
    const round = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set('authorization', `Bearer ${admin.token}`)
      .send({})
      .expect(201);
    await eventually(async () => {
      const r = await http()
        .get(`/api/rounds/${round.body.id}`)
        .set('authorization', `Bearer ${admin.token}`);
      expect(r.body.status).toBe('completed');
    });

    // --- the receiving coordinator sees and accepts the proposal ---
    await b.goto('/voorstellen');
    await settled(b);
    await b
      .getByText(/Bakker/)
      .first()
      .waitFor();
    await check(b, '09-voorstellen');
    await b.getByRole('button', { name: 'Accepteren' }).first().click();
    await b.getByRole('button', { name: 'Ja, accepteren' }).click();
    await b.getByText('Geaccepteerd').first().waitFor();

    // --- the sending coordinator sees the pupil placed; a reload keeps the session ---
    await a.goto('/leerlingen');
    await settled(a);
    await a.getByText('Geplaatst').first().waitFor();
    await check(a, '10-leerlingen-geplaatst');
    await a.reload();
    await settled(a);
    expect(new URL(a.url()).pathname).toBe('/leerlingen');
    await a.getByText('Geplaatst').first().waitFor();
    await a
      .getByRole('link', { name: /Bakker/ })
      .first()
      .click();
    await settled(a);
    await check(a, '11-leerling');

    await a.goto('/meldingen');
    await check(a, '12-meldingen');
    await a.goto('/account');
    await check(a, '13-account');

    // --- log out ends the session: a reload stays on the log-in page ---
    await a.getByRole('button', { name: /Anna de Vries/ }).click();
    await a.getByRole('menuitem', { name: 'Uitloggen' }).click();
    await a.waitForURL((u) => u.pathname === '/inloggen');
    await a.reload();
    await settled(a);
    expect(new URL(a.url()).pathname).toBe('/inloggen');

    // --- a forgotten password: the same answer for any address; the link's page ---
    await a.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await a.getByLabel(/^E-mailadres/).fill('niemand@example.test');
    await a.getByRole('button', { name: 'Stuur de link' }).click();
    await a.getByText(/Als dit adres bij Overstap bekend is/).waitFor();
    await check(a, '14-wachtwoord-vergeten');
    await a.goto('/wachtwoord-herstellen?token=ongeldig-maar-lang-genoeg-0123456789');
    await check(a, '15-wachtwoord-herstellen');
  });
});
