/**
 * `npm run bench:web`: what the web app costs a school laptop. Prints
 *  - the JavaScript (and CSS) the first page loads, gzipped (target: JS ≤ 250 kB);
 *  - the region board with 80 schools and 2,000 offers, and a pupil list of 2,000 rows: time to
 *    first rows, rows in the DOM (virtualised or paged), time for a filter change or page turn,
 *    and the main thread's long tasks (> 50 ms) meanwhile.
 * Its own database (dropped afterwards), the real API serving web/dist, Debian's Chromium.
 * Figures vary with the machine's load: compare them within one run. No thresholds fail here.
 */
import 'reflect-metadata';
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';
import { ensureWebBuilt } from '../scripts/web-build';
import { Level } from '../src/common/levels';
import { Offer } from '../src/offers/offer.entity';
import { ownServices } from './own-services';

const LEVEL_GRADES: [Level, number[]][] = [
  ['vmbo-b', [1, 2, 3, 4]],
  ['vmbo-k', [1, 2, 3, 4]],
  ['vmbo-gt', [1, 2, 3, 4]],
  ['havo', [1, 2, 3, 4, 5]],
  ['vwo', [1, 2, 3, 4, 5, 6]],
  ['pro', [1, 2]],
];
const POSTCODES = ['1012', '1055', '1062', '1075', '1093', '1024', '1102', '1111', '1382'];

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const ms = (n: number) => `${Math.round(n)} ms`;

/** Long tasks on the main thread since the page was opened, summed. */
const LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });`;
async function longTasks(page: Page): Promise<{ count: number; total: number; max: number }> {
  const d = (await page.evaluate('window.__longTasks.splice(0)')) as number[];
  return { count: d.length, total: d.reduce((a, b) => a + b, 0), max: Math.max(0, ...d) };
}

async function rowsInDom(page: Page): Promise<number> {
  return (await page.evaluate(
    `document.querySelectorAll('main tbody tr, main [role="row"]').length`,
  )) as number;
}

async function main(): Promise<void> {
  const say = (s: string) => console.log(s);
  ensureWebBuilt(say);
  const services = await ownServices('web');
  process.env.NODE_ENV = 'test';
  // Imported only now: the app reads its configuration when its modules load.
  const { startStack, launch, newUser } = await import('../test/browser/harness');
  const { Factory, PASSWORD } = await import('../test/factories');
  const { app, worker, baseUrl } = await startStack();
  const browser = await launch();
  try {
    const f = new Factory(app);
    const region = await f.region('Bench');
    const season = await f.season(region, {
      entryOpens: '2026-09-01',
      entryCloses: '2099-06-15',
      roundDates: ['2099-06-21'],
      summerHolidayStart: '2099-07-10',
      endsOn: '2099-10-01',
    });
    const schools = [];
    for (let i = 0; i < 80; i++)
      schools.push(
        await f.school(region, {
          name: `School ${String(i + 1).padStart(2, '0')}`,
          postcode: `${POSTCODES[i % POSTCODES.length]} AB`,
        }),
      );
    const combos = LEVEL_GRADES.flatMap(([level, grades]) =>
      grades.map((g) => [g, level] as const),
    );
    const offers: Partial<Offer>[] = [];
    for (const school of schools)
      for (const [grade, level] of combos.slice(0, 25))
        offers.push({
          regionId: region.id,
          seasonId: season.id,
          schoolId: school.id,
          grade,
          level,
          profile: '',
          capacity: 1 + ((grade * 7 + school.name.length) % 6),
        });
    await f.db.getRepository(Offer).save(offers, { chunk: 500 });
    const coordinator = await f.user(region, 'coordinator', [schools[0]], {
      email: 'bench@overstap.test',
      name: 'Bench Coördinator',
    });
    const statuses = ['draft', 'submitted', 'withdrawn'] as const;
    const pupils = [];
    for (let i = 0; i < 2000; i++)
      pupils.push(
        f.request(season, schools[0], [schools[1 + (i % 79)]], {
          firstName: `Leerling${i}`,
          status: statuses[i % statuses.length],
        }),
      );
    await Promise.all(pupils);

    const context = await newUser(browser, baseUrl);
    await context.addInitScript(LONG_TASKS);
    const page = await context.newPage();
    const scripts: { url: string; raw: number; gz: number }[] = [];
    const styles: { raw: number; gz: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (res: Response) => {
      const type = res.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      pending.push(
        res.body().then((body) => {
          const entry = { url: res.url(), raw: body.length, gz: gzipSync(body).length };
          (type === 'script' ? scripts : styles).push(entry);
        }),
      );
    });
    const loaded = async () => {
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);
    };

    await page.goto('/inloggen');
    await loaded();
    const firstJs = scripts.reduce((a, s) => a + s.gz, 0);
    const firstCss = styles.reduce((a, s) => a + s.gz, 0);
    say(
      `\nFirst page (/inloggen): JavaScript ${kb(firstJs)} gzipped (${kb(scripts.reduce((a, s) => a + s.raw, 0))} raw, ${scripts.length} files), CSS ${kb(firstCss)} gzipped; target JS ≤ 250 kB: ${firstJs <= 250 * 1024 ? 'met' : 'MISSED'}`,
    );

    await page.getByLabel(/^E-mailadres/).fill(coordinator.user.email);
    await page.getByLabel(/^Wachtwoord/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.waitForSelector('main h1');
    await loaded();
    say(
      `After log-in (/): JavaScript ${kb(scripts.reduce((a, s) => a + s.gz, 0))} gzipped in all (${scripts.length} files)`,
    );

    const measure = async (
      path: string,
      label: string,
      interact?: (p: Page) => Promise<string>,
    ) => {
      await longTasks(page);
      const t0 = Date.now();
      await page.goto(path);
      await page.waitForSelector('main tbody tr, main [role="row"]', { timeout: 30_000 });
      const shown = Date.now() - t0;
      ratio(`${path} first rows`, shown);
      await page.waitForLoadState('networkidle');
      const lt = await longTasks(page);
      say(
        `${label}: first rows after ${ms(shown)}; ${await rowsInDom(page)} rows in the DOM; long tasks ${lt.count} (${ms(lt.total)} in all, longest ${ms(lt.max)})`,
      );
      if (interact) {
        const t1 = Date.now();
        const what = await interact(page);
        const lt2 = await longTasks(page);
        say(
          `  ${what}: ${ms(Date.now() - t1)}; long tasks ${lt2.count} (${ms(lt2.total)}, longest ${ms(lt2.max)}); ${await rowsInDom(page)} rows in the DOM`,
        );
      }
    };
    // The reference in the same run: a page without a list (the machine's speed varies by the hour).
    const t0 = Date.now();
    await page.goto('/account');
    await page.waitForSelector('main h1');
    const reference = Date.now() - t0;
    say(`Reference, /account (no list): first heading after ${ms(reference)}`);
    const ratio = (label: string, t: number) =>
      say(`  ${label}: ${(t / reference).toFixed(1)}× the reference`);
    await measure('/regiobord', 'Region board, 80 schools × 25 offers (2,000)', async (p) => {
      const filter = p.getByLabel(/^Niveau/).first();
      await filter.selectOption?.('havo').catch(async () => {
        await filter.click();
        await p.getByRole('option', { name: 'havo', exact: true }).click();
      });
      await p.waitForLoadState('networkidle');
      return 'filter niveau = havo';
    });
    await measure('/leerlingen', 'Pupil list, 2,000 pupils', async (p) => {
      await p
        .getByRole('button', { name: /Volgende|Pagina 2/ })
        .first()
        .click();
      await p.waitForLoadState('networkidle');
      return 'next page';
    });
  } finally {
    await browser.close();
    await worker.close();
    await app.close();
    await services.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
