/**
 * What `npm start` prints about getting in: the demo log-ins right after seeding, or on a database
 * that already holds data, which accounts exist and how to get into one. Reads with a plain
 * DataSource (no Nest context), so start.ts can use it before the API runs.
 */
import { DataSource } from 'typeorm';
import { verifyPassword } from '../auth/passwords';
import { Region } from '../regions/region.entity';
import { STATUSES, TransferStatus } from '../transfer-requests/transfer-request.entity';
import type { DemoLogin, DemoResult } from './demo';

/** Most accounts listed; the rest are counted. */
export const MAX_LISTED = 20;
export const RESET_COMMAND = 'npm run users:reset-password -- <email>';
export const RESET_TWO_FACTOR_COMMAND = 'npm run users:reset-two-factor -- <email>';

/** A base32 key in groups of four, as authenticator apps show it for typing by hand. */
export const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export async function isEmpty(db: DataSource): Promise<boolean> {
  return (await db.getRepository(Region).count()) === 0;
}

export function webUrl(port: string | number = process.env.PORT || 3000): string {
  return `http://localhost:${port}/`;
}

const STATUS_NL: Record<TransferStatus, string> = {
  draft: 'concept',
  submitted: 'ingediend',
  proposed: 'voorgesteld',
  placed: 'geplaatst',
  withdrawn: 'ingetrokken',
  mediation: 'in bemiddeling',
};

export function loginLine(l: DemoLogin): string {
  return `${l.role.padEnd(11)} ${l.email}${l.schools.length ? `  (${l.schools.join(', ')})` : ''}`;
}

/** What the seed made and how to log in: printed once, right after seeding. */
export function printLogins(
  r: DemoResult,
  print: (s: string) => void = console.log,
  url = webUrl(),
): void {
  const s = r.season;
  print(
    `Demo region ready in ${(r.ms / 1000).toFixed(1)} s: season ${s.name} (entry ${s.entryOpens} ` +
      `to ${s.entryCloses}, rounds ${s.roundDates.join(' and ')}, summer holiday ` +
      `${s.summerHolidayStart}), ${r.schools} schools, ${r.offers} offers with ${r.places} places.`,
  );
  print(
    `Pupils: ${STATUSES.map((k) => `${r.pupils[k]} ${STATUS_NL[k]}`).join(', ')}. A tussentijdse ` +
      `ronde ran today: ${r.proposals.accepted} proposals accepted, ${r.proposals.pending} open, ` +
      `${r.proposals.declined} declined, ${r.proposals.withdrawn} lapsed; ${r.mediationCases} ` +
      `pupils in mediation.`,
  );
  print(`Open ${url} and log in with one of these (password: ${r.password}):`);
  const shown = r.logins.slice(0, 5);
  for (const l of shown) print(`  ${loginLine(l)}`);
  const rest = r.logins.slice(shown.length);
  if (rest.length) {
    const [first, last] = [rest[0].email, rest[rest.length - 1].email];
    print(`  … and ${rest.length} more coordinators, one per school: ${first} … ${last}`);
  }
  const tf = r.twoFactor;
  print(
    `Admins and advisors (${tf.emails.join(', ')}) also need a code: add this key to an ` +
      `authenticator app (any TOTP app, e.g. FreeOTP, Google or Microsoft Authenticator): ` +
      `${grouped(tf.secret)}`,
  );
  print(`  or as a URI (for a QR code): ${tf.uri}`);
  print(`Lost a password? ${RESET_COMMAND}  Lost the authenticator? ${RESET_TWO_FACTOR_COMMAND}`);
}

export interface Account {
  email: string;
  role: DemoLogin['role'];
  disabled: boolean;
  schools: string[];
  /** Still the demo password (DEMO_PASSWORD); null when that was not checked. */
  demoPassword: boolean | null;
  /** Logs in with a second factor (TOTP). */
  twoFactor: boolean;
}

/** The first MAX_LISTED accounts (admins, advisors, coordinators; by e-mail) and the total. */
export async function listAccounts(
  db: DataSource,
  demoPassword?: string,
): Promise<{ accounts: Account[]; total: number }> {
  const [{ total }]: { total: number }[] = await db.query(
    `select count(*)::int as total from users`,
  );
  const rows: {
    email: string;
    role: Account['role'];
    disabled: boolean;
    schools: string[];
    password_hash: string;
    two_factor: boolean;
  }[] = await db.query(
    `select u.email, u.role, u.disabled, u.password_hash,
            u.totp_enabled_at is not null as two_factor,
            array(select s.name from user_schools us join schools s on s.id = us.school_id
                   where us.user_id = u.id order by s.name) as schools
       from users u
      order by array_position(array['admin', 'advisor', 'coordinator'], u.role::text), u.email
      limit $1`,
    [MAX_LISTED],
  );
  const accounts = await Promise.all(
    rows.map(async (r) => ({
      email: r.email,
      role: r.role,
      disabled: r.disabled,
      schools: r.schools ?? [],
      demoPassword: demoPassword ? await verifyPassword(r.password_hash, demoPassword) : null,
      twoFactor: r.two_factor,
    })),
  );
  return { accounts, total };
}

/** On a database that already holds data: which accounts exist and how to get in. */
export async function printAccess(
  db: DataSource,
  print: (s: string) => void = console.log,
  opts: { url?: string; demoPassword?: string } = {},
): Promise<void> {
  const url = opts.url ?? webUrl();
  const { accounts, total } = await listAccounts(db, opts.demoPassword);
  if (!total) {
    print(`The database holds no accounts. Web app: ${url}`);
    return;
  }
  print(`Accounts in this database (${total}):`);
  for (const a of accounts) {
    const marks = [
      a.disabled && 'disabled',
      a.demoPassword && 'demo password',
      a.twoFactor && '2FA',
    ]
      .filter(Boolean)
      .join(', ');
    print(`  ${loginLine(a)}${marks ? `  [${marks}]` : ''}`);
  }
  if (total > accounts.length) print(`  … en ${total - accounts.length} meer`);
  print(`Open ${url} and log in with one of them.`);
  if (accounts.some((a) => a.demoPassword)) {
    print(`Password of the accounts marked [demo password]: ${opts.demoPassword} (DEMO_PASSWORD)`);
  } else {
    print('Password: the one printed when the demo was seeded, or the one you set since.');
  }
  print(`Set a new password for an account: ${RESET_COMMAND}`);
  if (accounts.some((a) => a.twoFactor)) {
    print(
      'Accounts marked [2FA] also need a code from the authenticator app they enrolled (the demo ' +
        'key was printed when it was seeded, or is DEMO_TOTP_SECRET); admins and advisors without ' +
        `one enrol at their first log-in. Lost it: ${RESET_TWO_FACTOR_COMMAND}`,
    );
  }
}
