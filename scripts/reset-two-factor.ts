/**
 * `npm run users:reset-two-factor -- <email>`: removes an account's second factor (TOTP secret
 * and recovery codes) from the command line, for whoever runs the service when no other admin
 * can reset it (a lone admin who lost the phone and the recovery codes). Finds the database as
 * `npm start` does. Ends the account's sessions and writes `two-factor.reset` to the audit log (by
 * the system: no user); an admin or advisor enrols again at the next log-in. An unknown e-mail
 * address changes nothing and exits with 1.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { accountByEmail, endSessionsAudited, runCommand, withAppDatabase } from './services';

export interface TwoFactorResetResult {
  userId: string;
  email: string;
  role: string;
  /** whether a second factor was enrolled */
  hadTwoFactor: boolean;
  sessionsEnded: number;
}

/** As TwoFactorService.reset, by the system, in one transaction. */
export async function resetTwoFactor(db: DataSource, email: string): Promise<TwoFactorResetResult> {
  return db.transaction(async (m) => {
    const u = await accountByEmail(m, email, true);
    await m.query(
      `update users set totp_secret_enc = null, totp_enabled_at = null, totp_last_step = null,
              totp_pending_secret_enc = null, totp_pending_at = null, updated_at = now()
        where id = $1`,
      [u.id],
    );
    await m.query(`delete from recovery_codes where user_id = $1`, [u.id]);
    const sessionsEnded = await endSessionsAudited(m, u, 'two-factor.reset');
    return {
      userId: u.id,
      email: u.email,
      role: u.role,
      hadTwoFactor: u.two_factor,
      sessionsEnded,
    };
  });
}

const USAGE = 'Gebruik / usage: npm run users:reset-two-factor -- <email>';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.log(USAGE);
    return args[0] === '--help' || args[0] === '-h' ? 0 : 2;
  }
  return withAppDatabase(async (db) => {
    const r = await resetTwoFactor(db, args[0]);
    console.log(
      r.hadTwoFactor
        ? `Tweestapsverificatie verwijderd / second factor removed: ${r.email} (${r.role})`
        : `${r.email} (${r.role}) had geen tweestapsverificatie / had no second factor`,
    );
    console.log(
      `${r.sessionsEnded} sessie(s) beëindigd / session(s) ended; written to the audit log as two-factor.reset.`,
    );
    if (r.role !== 'coordinator') {
      console.log(
        'Bij de volgende log-in stelt deze gebruiker een nieuwe in / enrols anew at the next log-in.',
      );
    }
    return 0;
  });
}

if (require.main === module) runCommand(main);
