import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (issue 20 point 8): a season's pupil data is erased some years after the season ends
 * (src/retention). When that happened, and how many rows and fields went (counts only, no values:
 * the audit log holds ids only, so the figures of an erasure are kept here).
 */
export class SeasonPersonalDataErased1764700000000 implements MigrationInterface {
  name = 'SeasonPersonalDataErased1764700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table seasons add column personal_data_erased_at timestamptz`);
    await q.query(`alter table seasons add column personal_data_erased jsonb`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table seasons drop column personal_data_erased`);
    await q.query(`alter table seasons drop column personal_data_erased_at`);
  }
}
