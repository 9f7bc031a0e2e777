import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegionsSchoolsUsersAudit1763900000000 implements MigrationInterface {
  name = 'CreateRegionsSchoolsUsersAudit1763900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`create extension if not exists pgcrypto`);
    await q.query(`
      create table regions (
        id uuid primary key default gen_random_uuid(),
        code varchar(40) not null unique,
        name varchar(200) not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table schools (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        brin char(6) not null check (brin ~ '^[0-9]{2}[A-Z]{2}[0-9]{2}$'),
        name varchar(200) not null,
        board varchar(200) not null,
        postcode varchar(7) not null,
        levels text[] not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (region_id, brin)
      )`);
    await q.query(`create type user_role as enum ('admin', 'advisor', 'coordinator')`);
    await q.query(`
      create table users (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        email varchar(320) not null,
        name varchar(200) not null,
        role user_role not null,
        password_hash varchar(200) not null,
        disabled boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create unique index users_email_unique on users (lower(email))`);
    await q.query(`create index users_region on users (region_id)`);
    await q.query(`
      create table user_schools (
        user_id uuid not null references users(id) on delete cascade,
        school_id uuid not null references schools(id) on delete cascade,
        primary key (user_id, school_id)
      )`);
    await q.query(`create index user_schools_school on user_schools (school_id)`);
    // A log-in session: the refresh token's hash; revoking it ends the session at once.
    await q.query(`
      create table sessions (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references users(id) on delete cascade,
        refresh_hash char(64) not null unique,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index sessions_user on sessions (user_id)`);
    // Who did what to which row, and when: never the values themselves.
    await q.query(`
      create table audit_log (
        id bigserial primary key,
        region_id uuid references regions(id),
        user_id uuid references users(id) on delete set null,
        role user_role,
        school_id uuid references schools(id) on delete set null,
        entity varchar(60) not null,
        entity_id varchar(64),
        action varchar(60) not null,
        at timestamptz not null default now()
      )`);
    await q.query(`create index audit_log_region_at on audit_log (region_id, at desc)`);
    await q.query(`create index audit_log_entity on audit_log (entity, entity_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table audit_log`);
    await q.query(`drop table sessions`);
    await q.query(`drop table user_schools`);
    await q.query(`drop table users`);
    await q.query(`drop type user_role`);
    await q.query(`drop table schools`);
    await q.query(`drop table regions`);
  }
}
