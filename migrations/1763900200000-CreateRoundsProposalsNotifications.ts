import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRoundsProposalsNotifications1763900200000 implements MigrationInterface {
  name = 'CreateRoundsProposalsNotifications1763900200000';

  public async up(q: QueryRunner): Promise<void> {
    // Priority classes per region (lower = stronger): by reason of the switch, and optionally
    // for pupils coming from a school of the same board. Amsterdam: movers into the city first.
    await q.query(`alter table regions add column priority_rules jsonb not null
      default '{"reasons": {"verhuizing": 1}}'`);
    await q.query(`create type round_status as enum
      ('scheduled', 'queued', 'running', 'completed', 'failed', 'cancelled')`);
    await q.query(`
      create table matching_rounds (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        season_id uuid not null references seasons(id),
        status round_status not null,
        dry_run boolean not null default false,
        mechanism varchar(20) not null default 'DA_STB_SIC',
        seed varchar(100) not null,
        seed_hash char(64) not null,
        input_hash char(64),
        input jsonb,
        output jsonb,
        report jsonb,
        progress smallint not null default 0,
        error text,
        scheduled_for timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        replay_of uuid references matching_rounds(id),
        created_by uuid references users(id),
        created_at timestamptz not null default now()
      )`);
    // One round per season at a time, enforced here rather than in memory.
    await q.query(`create unique index matching_rounds_one_active on matching_rounds (season_id)
      where status in ('queued', 'running')`);
    await q.query(`create unique index matching_rounds_one_per_slot on matching_rounds (season_id, scheduled_for)
      where status = 'scheduled'`);
    await q.query(
      `create type proposal_status as enum ('pending', 'accepted', 'declined', 'withdrawn')`,
    );
    await q.query(`
      create table proposals (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        round_id uuid not null references matching_rounds(id),
        request_id uuid not null references transfer_requests(id),
        offer_id uuid not null references offers(id),
        school_id uuid not null references schools(id),
        status proposal_status not null default 'pending',
        respond_by date not null,
        decline_reason varchar(40),
        decline_note text,
        responded_at timestamptz,
        responded_by uuid references users(id),
        overdue_notified_at timestamptz,
        created_at timestamptz not null default now(),
        unique (round_id, request_id)
      )`);
    await q.query(`create index proposals_school_status on proposals (school_id, status)`);
    await q.query(
      `create unique index proposals_one_pending_per_request on proposals (request_id) where status = 'pending'`,
    );
    // Schools a pupil is not proposed to again (declined), per request.
    await q.query(`
      create table request_exclusions (
        request_id uuid not null references transfer_requests(id) on delete cascade,
        school_id uuid not null references schools(id),
        proposal_id uuid references proposals(id),
        created_at timestamptz not null default now(),
        primary key (request_id, school_id)
      )`);
    // In-app notices and the e-mail outbox: ids and links only, never pupil details.
    await q.query(`
      create table notifications (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        user_id uuid not null references users(id) on delete cascade,
        kind varchar(40) not null,
        subject varchar(200) not null,
        link varchar(500),
        entity varchar(40),
        entity_id uuid,
        dedupe_key varchar(200),
        read_at timestamptz,
        emailed_at timestamptz,
        created_at timestamptz not null default now(),
        unique (user_id, dedupe_key)
      )`);
    await q.query(`create index notifications_user on notifications (user_id, created_at desc)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table notifications`);
    await q.query(`drop table request_exclusions`);
    await q.query(`drop table proposals`);
    await q.query(`drop type proposal_status`);
    await q.query(`drop table matching_rounds`);
    await q.query(`drop type round_status`);
    await q.query(`alter table regions drop column priority_rules`);
  }
}
