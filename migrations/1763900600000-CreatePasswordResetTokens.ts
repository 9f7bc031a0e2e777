import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Wachtwoord vergeten": a single-use link per request, valid one hour. Only the sha256 of the
 * token is stored (like a session's refresh token), so a copy of the database opens no account.
 */
export class CreatePasswordResetTokens1763900600000 implements MigrationInterface {
  name = 'CreatePasswordResetTokens1763900600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table password_reset_tokens (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references users(id) on delete cascade,
        token_hash char(64) not null unique,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index password_reset_tokens_user on password_reset_tokens (user_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table password_reset_tokens`);
  }
}
