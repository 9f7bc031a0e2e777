/**
 * `npm run region:create -- <name> --holiday-region noord|midden|zuid --admin <email>
 * [--admin-name <name>] [--code <code>]`: adds a region (a partnership of schools) and its first
 * admin, who gets the e-mail with a link to set a password (the link of "Wachtwoord vergeten":
 * one use, one hour; after that, "Wachtwoord vergeten" on the log-in page sends a new one). The
 * admin then adds the region's schools, users and seasons in the web app. Finds the database and
 * Redis as `npm start` does, `.env` included. Written to the audit log by the system; a name,
 * code or e-mail address already in use changes nothing and exits with 1.
 */
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { isEmail } from 'class-validator';
import { randomBytes } from 'node:crypto';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { HOLIDAY_REGIONS, HolidayRegion } from '../src/calendar';
import {
  ensurePostgres,
  ensureRedis,
  loadDotEnv,
  runCommand,
  Started,
  withDatabase,
} from './services';

export interface RegionCreateOptions {
  name: string;
  holidayRegion: string;
  adminEmail: string;
  adminName?: string;
  code?: string;
}

export interface RegionCreated {
  regionId: string;
  code: string;
  holidayRegion: HolidayRegion;
  adminId: string;
  adminEmail: string;
}

export class RegionCreateError extends Error {}

/** "VO Utrecht-Zuid (2027)" → "vo-utrecht-zuid-2027". */
export function regionCode(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/**
 * Creates the region and its admin in one transaction (with their audit entries), then sends the
 * admin the link to set a password. Runs in any Nest context with the database, the audit log and
 * the auth module (the script's own, or a test app).
 */
export async function createRegion(
  app: INestApplicationContext,
  o: RegionCreateOptions,
): Promise<RegionCreated> {
  const name = o.name.trim();
  const email = o.adminEmail.trim();
  const code = o.code?.trim() || regionCode(name);
  if (!name || name.length > 200) throw new RegionCreateError('Geef een naam van 1 tot 200 tekens');
  if (!(HOLIDAY_REGIONS as readonly string[]).includes(o.holidayRegion)) {
    throw new RegionCreateError(`--holiday-region moet ${HOLIDAY_REGIONS.join(', ')} zijn`);
  }
  if (!isEmail(email)) throw new RegionCreateError(`--admin: geen geldig e-mailadres: ${email}`);
  if (!/^[a-z0-9-]{1,40}$/.test(code)) {
    throw new RegionCreateError('--code: 1 tot 40 kleine letters, cijfers of -');
  }
  const holidayRegion = o.holidayRegion as HolidayRegion;
  // Imported here: these modules read their configuration when first imported.
  const { hashPassword } = await import('../src/auth/passwords');
  const { PasswordService } = await import('../src/auth/password.service');
  // Nobody knows this password: the admin sets one through the link.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const db = app.get(DataSource);
  const created = await db.transaction(async (m) => {
    const [taken]: { code: string; name: string }[] = await m.query(
      `select code, name from regions where code = $1 or lower(name) = lower($2)`,
      [code, name],
    );
    if (taken) {
      throw new RegionCreateError(
        `Er is al een regio ${taken.name} (${taken.code}); niets gewijzigd`,
      );
    }
    const [user]: unknown[] = await m.query(`select 1 from users where lower(email) = lower($1)`, [
      email,
    ]);
    if (user) throw new RegionCreateError(`${email} heeft al een account; niets gewijzigd`);
    const [region]: { id: string }[] = await m.query(
      `insert into regions (code, name, holiday_region) values ($1, $2, $3) returning id`,
      [code, name, holidayRegion],
    );
    const [admin]: { id: string }[] = await m.query(
      `insert into users (region_id, email, name, role, password_hash)
       values ($1, $2, $3, 'admin', $4) returning id`,
      [region.id, email, o.adminName?.trim() || 'Beheerder', passwordHash],
    );
    // By the system (no user), as every change is audited.
    await m.query(
      `insert into audit_log (region_id, user_id, role, school_id, entity, entity_id, action)
       values ($1, null, null, null, 'region', $2, 'create'),
              ($1, null, null, null, 'user', $3, 'create')`,
      [region.id, region.id, admin.id],
    );
    return { regionId: region.id, code, holidayRegion, adminId: admin.id, adminEmail: email };
  });
  await app.get(PasswordService).forgot(email);
  return created;
}

const USAGE =
  'Gebruik / usage: npm run region:create -- <naam> --holiday-region noord|midden|zuid ' +
  '--admin <e-mail> [--admin-name <naam>] [--code <code>]';

export function parseArgs(argv: string[]): Partial<RegionCreateOptions> & { help: boolean } {
  const out: Partial<RegionCreateOptions> & { help: boolean } = { help: false };
  const names: string[] = [];
  const flags: Record<string, keyof RegionCreateOptions> = {
    '--holiday-region': 'holidayRegion',
    '--admin': 'adminEmail',
    '--admin-name': 'adminName',
    '--code': 'code',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.split(/=(.*)/s, 2);
    if (a === '--help' || a === '-h') out.help = true;
    else if (flags[flag]) out[flags[flag]] = inline ?? argv[++i] ?? '';
    else if (a.startsWith('-')) throw new RegionCreateError(`Onbekende optie: ${a}\n${USAGE}`);
    else names.push(a);
  }
  if (names.length) out.name = names.join(' ');
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || !args.name || !args.holidayRegion || !args.adminEmail) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  loadDotEnv();
  const started: Started[] = [];
  try {
    const pg = await ensurePostgres(() => undefined);
    started.push(pg);
    // The same database `npm start` uses: DATABASE_URL, else `overstap` on the local or embedded server.
    process.env.DATABASE_URL = pg.how === 'env' ? pg.url : withDatabase(pg.url, 'overstap');
    const redis = await ensureRedis(() => undefined);
    started.push(redis);
    process.env.REDIS_URL = redis.url;

    const { AppConfigModule } = await import('../src/config.module');
    const { DatabaseModule } = await import('../src/database/database.module');
    const { transactionsModule } = await import('../src/database/transactions');
    const { AuditModule } = await import('../src/audit/audit.module');
    const { AuthModule } = await import('../src/auth/auth.module');
    @Module({
      imports: [
        AppConfigModule,
        DatabaseModule,
        transactionsModule('worker'),
        AuditModule,
        AuthModule,
      ],
    })
    class RegionCreateModule {}
    const app = await NestFactory.createApplicationContext(RegionCreateModule, {
      logger: ['error', 'warn'],
    });
    try {
      const r = await createRegion(app, args as RegionCreateOptions);
      console.log(
        `Regio aangemaakt / region created: ${args.name} (${r.code}, ${r.holidayRegion})`,
      );
      console.log(
        `Beheerder / admin: ${r.adminEmail}, who gets an e-mail with a link to set a password ` +
          '(valid 1 hour; afterwards "Wachtwoord vergeten" on the log-in page sends a new one).',
      );
      return 0;
    } finally {
      await app.close(); // waits for the e-mail
    }
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
  }
}

if (require.main === module) runCommand(main);
