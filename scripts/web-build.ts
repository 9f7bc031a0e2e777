import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const WEB = path.join(ROOT, 'web');

/** The newest modification time of the web app's sources. */
function newestSource(dir = WEB): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * `npm start` builds the web app when web/dist is missing or older than its sources, so a fresh
 * clone (`npm ci && npm start`) serves the app at / without another command.
 */
export function ensureWebBuilt(say: (s: string) => void): void {
  const index = path.join(WEB, 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  say('building the web app (vite build web)…');
  const vite = path.join(ROOT, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', 'web', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the web app did not build (see above)');
}
