import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * School days skip the school holidays of the region's holiday region (noord, midden or zuid, as
 * the government publishes them; src/calendar) and the region's own non-school days (study days),
 * which an admin enters. The column may already exist (region:create adds regions with one): it is
 * added only when missing.
 */
export class AddRegionHolidayRegionAndNonSchoolDays1764300000000 implements MigrationInterface {
  name = 'AddRegionHolidayRegionAndNonSchoolDays1764300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table regions add column if not exists holiday_region varchar(6) not null default 'noord'`,
    );
    await q.query(`
      do $$ begin
        if not exists (select 1 from pg_constraint where conname = 'regions_holiday_region_check') then
          alter table regions add constraint regions_holiday_region_check
            check (holiday_region in ('noord', 'midden', 'zuid'));
        end if;
      end $$`);
    await q.query(`
      create table region_non_school_days (
        id uuid primary key default gen_random_uuid(),
        region_id uuid not null references regions(id),
        date date not null,
        description varchar(200) not null,
        created_at timestamptz not null default now(),
        unique (region_id, date)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table region_non_school_days`);
    // holiday_region stays: region:create may depend on it.
  }
}
