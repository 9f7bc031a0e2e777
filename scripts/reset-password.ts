/**
 * `npm run users:reset-password -- <email> [--password <new password>]`: sets a new password for
 * an account from the command line, for whoever runs the service and can no longer get in. Finds
 * the database as `npm start` does (DATABASE_URL, else the local PostgreSQL, else the embedded
 * one). Without --password it makes a random one and prints it once. Ends the account's sessions
 * and writes `update.password` to the audit log (by the system: no user). An unknown e-mail
 * address changes nothing and exits with 1.
 */
import { randomBytes } from 'node:crypto';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../src/auth/passwords';
import {
  accountByEmail,
  endSessionsAudited,
  runCommand,
  UnknownEmailError,
  withAppDatabase,
} from './services';

export { UnknownEmailError };

export class PasswordTooShortError extends Error {
  constructor() {
    super(
      `Het wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben / the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
}

export interface ResetResult {
  userId: string;
  email: string;
  role: string;
  disabled: boolean;
  password: string;
  generated: boolean;
  sessionsEnded: number;
}

/**
 * Sets the password of the account with this e-mail address (any case), ends its sessions, drops
 * unused reset links and records `update.password` by the system, all in one transaction.
 */
export async function resetPassword(
  db: DataSource,
  email: string,
  password?: string,
): Promise<ResetResult> {
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    throw new PasswordTooShortError();
  }
  const generated = password === undefined;
  const pw = password ?? randomBytes(12).toString('base64url');
  // An unknown address fails before the (slow) hash, which is made outside the row lock.
  await accountByEmail(db, email);
  const passwordHash = await hashPassword(pw);
  return db.transaction(async (m) => {
    const u = await accountByEmail(m, email, true);
    await m.query(`update users set password_hash = $2, updated_at = now() where id = $1`, [
      u.id,
      passwordHash,
    ]);
    // A reset link asked for before must not open the account afterwards (as PasswordService).
    const [{ links }]: { links: boolean }[] = await m.query(
      `select to_regclass('password_reset_tokens') is not null as links`,
    );
    if (links) {
      await m.query(`delete from password_reset_tokens where user_id = $1 and used_at is null`, [
        u.id,
      ]);
    }
    const sessionsEnded = await endSessionsAudited(m, u, 'update.password');
    return {
      userId: u.id,
      email: u.email,
      role: u.role,
      disabled: u.disabled,
      password: pw,
      generated,
      sessionsEnded,
    };
  });
}

const USAGE =
  'Gebruik / usage: npm run users:reset-password -- <email> [--password <nieuw wachtwoord>]';

function parseArgs(argv: string[]): { email?: string; password?: string; help: boolean } {
  const out: { email?: string; password?: string; help: boolean } = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--password') out.password = argv[++i] ?? '';
    else if (a.startsWith('--password=')) out.password = a.slice('--password='.length);
    else if (a.startsWith('-')) throw new Error(`Onbekende optie / unknown option: ${a}\n${USAGE}`);
    else if (out.email)
      throw new Error(`Eén e-mailadres tegelijk / one e-mail address at a time\n${USAGE}`);
    else out.email = a;
  }
  return out;
}

async function main(): Promise<number> {
  const { email, password, help } = parseArgs(process.argv.slice(2));
  if (help || !email) {
    console.log(USAGE);
    return help ? 0 : 2;
  }
  return withAppDatabase(async (db) => {
    const r = await resetPassword(db, email, password);
    console.log(`Wachtwoord gewijzigd / password changed: ${r.email} (${r.role})`);
    if (r.generated) console.log(`Nieuw wachtwoord / new password (shown once): ${r.password}`);
    console.log(
      `${r.sessionsEnded} sessie(s) beëindigd / session(s) ended; written to the audit log as update.password.`,
    );
    if (r.disabled) {
      console.log(
        'Let op / note: dit account is uitgeschakeld / this account is disabled; an admin can enable it.',
      );
    }
    return 0;
  });
}

if (require.main === module) runCommand(main);
