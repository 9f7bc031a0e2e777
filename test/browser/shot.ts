/**
 * A developer's look at one page: logs in as a demo user and saves a screenshot.
 *   npx ts-node --transpile-only test/browser/shot.ts http://localhost:3000/leerlingen /tmp/x.png coordinator01@overstap.test [password]
 * Password defaults to DEMO_PASSWORD. Uses Debian's chromium (apt-get install -y chromium).
 */
import { chromium } from 'playwright-core';

async function main() {
  const [url, out, email, password = process.env.DEMO_PASSWORD ?? ''] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'nl-NL' });
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  const origin = new URL(url).origin;
  if (email) {
    await page.goto(`${origin}/inloggen`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel(/^Wachtwoord/).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/inloggen'), { timeout: 10_000 });
  }
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out, fullPage: true });
  await browser.close();
  console.log(out);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
