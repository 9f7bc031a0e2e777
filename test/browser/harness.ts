/**
 * Drives the built web app in Debian's headless Chromium (playwright-core; no browser downloads)
 * against the real API and worker of this test run, checks pages with axe-core and saves
 * screenshots for the README.
 */
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { totpCode } from '../totp';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The API (serving web/dist at /) on a free port, and the worker, both in this process. */
export async function startStack(): Promise<{
  app: INestApplication;
  worker: INestApplicationContext;
  baseUrl: string;
}> {
  if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html')))
    throw new Error('web/dist is missing: run `npm run build` first (npm test does)');
  // NestFactory, not Test.createTestingModule: the testing module makes its providers before the
  // HTTP adapter exists, so @nestjs/serve-static would pick its no-op loader and / would be a 404.
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../src/app.module');
  const { configureApp } = await import('../../src/configure-app');
  const { createTestWorker } = await import('../app');
  const app = configureApp(await NestFactory.create(AppModule, { logger: ['error'] }));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const worker = await createTestWorker();
  return { app, worker, baseUrl: `http://127.0.0.1:${port}` };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=nl-NL',
    ],
  });
}

/** A fresh browser profile: its own cookies, as a second person on another computer. */
export async function newUser(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  // bypassCSP only so that axe-core can be injected; the app itself runs under its real CSP.
  return browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 768 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    bypassCSP: true,
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  // A string: this file is compiled for Node, the function runs in the page.
  const result = (await page.evaluate(`axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  })`)) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable list for a failing expectation. */
export function describeViolations(vs: AxeViolation[]): string {
  return vs
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
          .slice(0, 5)
          .join(', ')}`,
    )
    .join('\n');
}

/** Saves docs/screenshots/<name>.png (the README links them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top: a full-page picture of a scrolled page shows the fixed header mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the app shows its page: no spinner left. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Transitions finished: axe measures colours as they end up, not half-faded in.
  await page.waitForFunction(
    `document.getAnimations().every((a) => a.playState !== 'running')`,
    undefined,
    { timeout: 5_000 },
  );
  await page.waitForFunction(`!document.querySelector('.mantine-Loader-root')`, undefined, {
    timeout: 15_000,
  });
}

/** The page as it is now: 0 serious or critical axe violations, and its screenshot for the README. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await settled(page);
  const violations = await seriousViolations(page);
  expect(`${name}: ${describeViolations(violations)}`).toBe(`${name}: `);
  await screenshot(page, name);
}

/**
 * Logs in on the log-in page, as a person does, and waits until the app has left it. With the
 * TOTP secret of a user with a second factor (admins and advisors), types the app's code too.
 */
export async function logIn(
  page: Page,
  email: string,
  password: string,
  totpSecret?: string,
): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel(/^E-mailadres/).fill(email);
  await page.getByLabel(/^Wachtwoord/).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  if (totpSecret) {
    await page.getByLabel(/^Code uit de app/).fill(await totpCode(totpSecret, email));
    await page.getByRole('button', { name: 'Controleren' }).click();
  }
  await page.waitForURL((u) => !u.pathname.startsWith('/inloggen'));
}

/** Retries an assertion for a while: the page and the worker answer asynchronously. */
export async function eventually(fn: () => Promise<void>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
