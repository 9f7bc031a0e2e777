import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor log-in (issue 20 point 7): a user's TOTP secret (AES-GCM with the SUPPORT_KEYS, as
 * support needs), the one being enrolled, the last time step used (a code works once), the
 * recovery codes (argon2 hashes, single use), whether a session passed the second factor, and the
 * region's choice to require it of coordinators too.
 */
export class TwoFactor1764600000000 implements MigrationInterface {
  name = 'TwoFactor1764600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table users
        add column totp_secret_enc text,
        add column totp_enabled_at timestamptz,
        add column totp_last_step bigint,
        add column totp_pending_secret_enc text,
        add column totp_pending_at timestamptz`);
    await q.query(`
      create table recovery_codes (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references users(id) on delete cascade,
        code_hash varchar(200) not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index recovery_codes_user on recovery_codes (user_id)`);
    // Existing sessions did not pass a second factor: an admin's or advisor's asks for enrolment.
    await q.query(
      `alter table sessions add column two_factor_verified boolean not null default false`,
    );
    await q.query(
      `alter table regions add column require_two_factor_for_coordinators boolean not null default false`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table regions drop column require_two_factor_for_coordinators`);
    await q.query(`alter table sessions drop column two_factor_verified`);
    await q.query(`drop table recovery_codes`);
    await q.query(`
      alter table users
        drop column totp_pending_at,
        drop column totp_pending_secret_enc,
        drop column totp_last_step,
        drop column totp_enabled_at,
        drop column totp_secret_enc`);
  }
}
