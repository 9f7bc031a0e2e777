import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSeasonsOffersTransferRequests1763900100000 implements MigrationInterface {
  name = 'CreateSeasonsOffersTransferRequests1763900100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table seasons (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        name varchar(9) not null check (name ~ '^[0-9]{4}-[0-9]{4}$'),
        entry_opens date not null,
        entry_closes date not null,
        round_dates date[] not null default '{}',
        response_school_days int not null default 5 check (response_school_days between 1 and 30),
        summer_holiday_start date not null,
        ends_on date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (region_id, name),
        check (entry_opens <= entry_closes),
        check (summer_holiday_start <= ends_on)
      )`);
    // Free places; placed and pending are kept in step with proposals and placements in the same
    // transaction, so "remaining" can be checked and taken with one row lock.
    await q.query(`
      create table offers (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        season_id uuid not null references seasons(id),
        school_id uuid not null references schools(id),
        grade smallint not null check (grade between 1 and 6),
        level varchar(20) not null,
        profile varchar(60) not null default '',
        capacity int not null check (capacity >= 0),
        placed int not null default 0 check (placed >= 0),
        pending int not null default 0 check (pending >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (season_id, school_id, grade, level, profile)
      )`);
    await q.query(`create index offers_season_grade_level on offers (season_id, grade, level)`);
    await q.query(`create type transfer_status as enum
      ('draft', 'submitted', 'proposed', 'placed', 'withdrawn', 'mediation')`);
    await q.query(
      `create type transfer_reason as enum ('verhuizing', 'afstroom', 'opstroom', 'anders')`,
    );
    // One pupil's switch (schoolwisselaarsformulier). No BSN column, by design.
    await q.query(`
      create table transfer_requests (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        season_id uuid not null references seasons(id),
        sending_school_id uuid references schools(id),
        first_name varchar(100) not null,
        last_name varchar(100) not null,
        date_of_birth date not null,
        postcode varchar(7) not null,
        current_grade smallint not null,
        current_level varchar(20) not null,
        requested_grade smallint not null,
        requested_level varchar(20) not null,
        requested_profile varchar(60) not null default '',
        reason transfer_reason not null,
        justification text not null default '',
        support_categories text[] not null default '{}',
        support_needs_enc text,
        consent_recorded_at timestamptz,
        consent_by varchar(20),
        status transfer_status not null default 'draft',
        withdrawal_reason text,
        placed_offer_id uuid references offers(id),
        submitted_at timestamptz,
        created_by uuid references users(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(
      `create index transfer_requests_scope on transfer_requests (region_id, season_id, status)`,
    );
    await q.query(
      `create index transfer_requests_sending on transfer_requests (sending_school_id)`,
    );
    await q.query(`
      create table transfer_request_preferences (
        request_id uuid not null references transfer_requests(id) on delete cascade,
        rank smallint not null check (rank >= 1),
        school_id uuid not null references schools(id),
        primary key (request_id, rank),
        unique (request_id, school_id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table transfer_request_preferences`);
    await q.query(`drop table transfer_requests`);
    await q.query(`drop type transfer_reason`);
    await q.query(`drop type transfer_status`);
    await q.query(`drop table offers`);
    await q.query(`drop table seasons`);
  }
}
