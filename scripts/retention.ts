/**
 * `npm run retention -- --dry-run`: per region and season, until when its pupil data is kept and,
 * for a season past it (RETENTION_YEARS after its end), how many rows and fields an erasure would
 * change, per table; changes nothing. `npm run retention -- --yes` erases them now, as the worker's
 * nightly job does (one transaction per season, audited by the system as `retention.erase`).
 * Without either it shows the dry run and changes nothing. Finds the database as `npm start` does
 * (DATABASE_URL, else the local PostgreSQL, else the embedded one), `.env` included.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '../config/env.validation';
import {
  eraseExpired,
  PART_SQL,
  PARTS,
  retentionPreview,
  SeasonErased,
  SeasonRetention,
  totalOf,
} from '../src/retention/erasure';
import { todayIso } from '../src/seasons/calendar';
import { loadDotEnv, runCommand, withAppDatabase } from './services';

const USAGE = 'Gebruik / usage: npm run retention -- --dry-run | --yes';

export interface RetentionArgs {
  dryRun: boolean;
  yes: boolean;
  help: boolean;
}

export function parseArgs(argv: string[]): RetentionArgs {
  const out: RetentionArgs = { dryRun: false, yes: false, help: false };
  for (const a of argv) {
    if (a === '--dry-run' || a === '-n') out.dryRun = true;
    else if (a === '--yes' || a === '-y') out.yes = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`Onbekende optie / unknown option: ${a}\n${USAGE}`);
  }
  if (out.dryRun && out.yes) throw new Error(`--dry-run of / or --yes, niet beide / not both`);
  return out;
}

const width = Math.max(...PARTS.map((p) => PART_SQL[p].label.length));

/** The dry run as lines of text: per region, per season, per table. */
export function describePreview(
  seasons: SeasonRetention[],
  regions: Map<string, string>,
  years: number,
  today: string,
): { lines: string[]; total: number; seasons: number } {
  const lines = [
    `Bewaartermijn / retention: ${years} jaar na het einde van een seizoen (RETENTION_YEARS); vandaag / today ${today}.`,
  ];
  let total = 0;
  let count = 0;
  let region: string | null = null;
  for (const s of [...seasons].sort(
    (a, b) =>
      (regions.get(a.regionId) ?? '').localeCompare(regions.get(b.regionId) ?? '') ||
      a.endsOn.localeCompare(b.endsOn),
  )) {
    if (s.regionId !== region) {
      region = s.regionId;
      lines.push('', `Regio / region ${regions.get(s.regionId) ?? s.regionId}:`);
    }
    const head = `  ${s.name} (eindigt / ends ${s.endsOn}, bewaard t/m / kept until ${s.keptUntil}, id ${s.seasonId})`;
    const n = s.pending ? totalOf(s.pending) : 0;
    if (!s.expired || !s.pending) {
      lines.push(`${head}: bewaard / kept`);
    } else if (!n) {
      lines.push(
        `${head}: ${s.erasedAt ? `gewist / erased ${s.erasedAt.toISOString()}` : 'verlopen / expired'}, niets (meer) te wissen / nothing (left) to erase`,
      );
    } else {
      total += n;
      count++;
      lines.push(`${head}: verlopen / expired, te wissen / to erase:`);
      for (const p of PARTS)
        lines.push(`    ${PART_SQL[p].label.padEnd(width)}  ${String(s.pending[p]).padStart(6)}`);
    }
  }
  return { lines, total, seasons: count };
}

async function regionNames(db: DataSource): Promise<Map<string, string>> {
  const rows: { id: string; name: string; code: string }[] = await db.query(
    `select id, name, code from regions`,
  );
  return new Map(rows.map((r) => [r.id, `${r.name} (${r.code})`]));
}

/** Runs the command on an open database; prints through `print`. Returns the exit code. */
export async function retentionCommand(
  db: DataSource,
  args: RetentionArgs,
  years: number,
  print: (line: string) => void,
  today = todayIso(),
): Promise<{ code: number; erased: SeasonErased[] }> {
  if (args.help) {
    print(USAGE);
    return { code: 0, erased: [] };
  }
  const preview = await retentionPreview(db, today, years);
  const d = describePreview(preview, await regionNames(db), years, today);
  for (const l of d.lines) print(l);
  print('');
  if (!args.yes) {
    print(
      `Proefrun / dry run: ${d.total} rijen/velden in ${d.seasons} seizoen(en) zouden gewist worden / rows/fields in season(s) would be erased; niets gewijzigd / nothing changed.`,
    );
    if (!args.dryRun && d.total) print(`Wissen / to erase: npm run retention -- --yes`);
    return { code: args.dryRun ? 0 : 2, erased: [] };
  }
  const erased = await eraseExpired(db, today, years);
  const n = erased.reduce((sum, e) => sum + totalOf(e.counts), 0);
  for (const e of erased)
    print(`Gewist / erased: ${e.name} (${e.seasonId}), ${totalOf(e.counts)} rijen/velden`);
  print(
    erased.length
      ? `${n} rijen/velden in ${erased.length} seizoen(en) gewist / rows/fields erased; in the audit log as retention.erase.`
      : 'Niets te wissen / nothing to erase; niets gewijzigd / nothing changed.',
  );
  return { code: 0, erased };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  loadDotEnv();
  const years = validateEnv(process.env as Record<string, unknown>).RETENTION_YEARS;
  return withAppDatabase(
    async (db) => (await retentionCommand(db, args, years, (l) => console.log(l))).code,
  );
}

if (require.main === module) runCommand(main);
