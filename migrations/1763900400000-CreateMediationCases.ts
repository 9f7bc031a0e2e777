import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMediationCases1763900400000 implements MigrationInterface {
  name = 'CreateMediationCases1763900400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`create type mediation_origin as enum ('round', 'manual')`);
    await q.query(`create type mediation_status as enum ('open', 'closed')`);
    await q.query(`create type mediation_outcome as enum
      ('placed', 'withdrawn', 'moved-out', 'special-education', 'other')`);
    // A pupil without a place after a round (origin 'round', with the round), or one an advisor
    // opened by hand (origin 'manual', e.g. a pupil who moves into the region).
    await q.query(`
      create table mediation_cases (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        season_id uuid not null references seasons(id),
        request_id uuid not null references transfer_requests(id),
        round_id uuid references matching_rounds(id),
        origin mediation_origin not null,
        assigned_to uuid references users(id) on delete set null,
        status mediation_status not null default 'open',
        outcome mediation_outcome,
        outcome_note text,
        placed_offer_id uuid references offers(id),
        over_capacity_reason text,
        opened_by uuid references users(id) on delete set null,
        closed_by uuid references users(id) on delete set null,
        closed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check ((status = 'open') = (outcome is null)),
        check (origin = 'manual' or round_id is not null),
        check (outcome is distinct from 'placed' or placed_offer_id is not null),
        -- A replayed or retried round adds no second case for the same pupil.
        unique (request_id, round_id)
      )`);
    // At most one open case per pupil.
    await q.query(`create unique index mediation_cases_one_open on mediation_cases (request_id)
      where status = 'open'`);
    await q.query(
      `create index mediation_cases_scope on mediation_cases (region_id, season_id, status)`,
    );
    await q.query(`create index mediation_cases_assigned on mediation_cases (assigned_to)
      where status = 'open'`);
    // The case's timeline. Free text written by advisors: pupil data, read only through the case.
    await q.query(`
      create table mediation_notes (
        id uuid primary key default gen_random_uuid(),
        case_id uuid not null references mediation_cases(id) on delete cascade,
        author_id uuid references users(id) on delete set null,
        text text not null check (length(text) between 1 and 5000),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index mediation_notes_case on mediation_notes (case_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table mediation_notes`);
    await q.query(`drop table mediation_cases`);
    await q.query(`drop type mediation_outcome`);
    await q.query(`drop type mediation_status`);
    await q.query(`drop type mediation_origin`);
  }
}
