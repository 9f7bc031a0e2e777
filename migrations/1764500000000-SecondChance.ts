import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second chance (issue 22): the region's recommended length of a preference list (the form warns
 * below it), and when a mediation case's pupil got schools added to their list (advisors see it).
 */
export class SecondChance1764500000000 implements MigrationInterface {
  name = 'SecondChance1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table regions add column recommended_preferences int not null default 4
         constraint regions_recommended_preferences_check check (recommended_preferences between 1 and 20)`,
    );
    await q.query(`alter table mediation_cases add column list_extended_at timestamptz`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table mediation_cases drop column list_extended_at`);
    await q.query(`alter table regions drop column recommended_preferences`);
  }
}
