import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { RoundsService } from '../src/rounds/rounds.service';
import { insertBulkMarket } from './factories/bulk-market';

const ROOT = path.resolve(__dirname, '..');

/**
 * The worker as a real process (workers/main.ts), for specs that kill it. `env` is added to this
 * process's environment (LOG_LEVEL error); a variable given as undefined is left out.
 */
export function startWorker(env: Record<string, string | undefined> = {}): ChildProcess {
  const all: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'error', ...env };
  for (const [name, value] of Object.entries(all)) if (value === undefined) delete all[name];
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'workers/main.ts'], {
    cwd: ROOT,
    env: all,
    stdio: 'ignore',
  });
}

/** A bulk market (6 choices a pupil) with a round started on it by an admin; no worker yet. */
export async function startBulkRound(
  app: INestApplication,
  pupils: number,
  schools: number,
  seed: number,
) {
  const db = app.get(DataSource);
  const market = await insertBulkMarket(db, pupils, schools, 6, seed);
  const [admin] = await db.query(
    `insert into users (region_id, email, name, role, password_hash) values ($1, $2, 'Beheerder', 'admin', 'x') returning id`,
    [market.regionId, `admin-${market.seasonId}@example.test`],
  );
  const caller = {
    id: admin.id,
    regionId: market.regionId,
    role: 'admin' as const,
    schoolIds: [],
    sessionId: '',
  };
  const round = await app
    .get(RoundsService)
    .start(caller, market.seasonId, { dryRun: false, mechanism: 'DA_STB_SIC' });
  return { market, round };
}
