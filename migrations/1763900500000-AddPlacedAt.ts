import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a pupil got their place: the season monitor's headline counts pupils placed before the
 * summer holiday, and placements in the holiday (mediation goes on) must not count.
 */
export class AddPlacedAt1763900500000 implements MigrationInterface {
  name = 'AddPlacedAt1763900500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table transfer_requests add column placed_at timestamptz`);
    // Rows placed before this column existed: their last change is the placement (placed is final).
    await q.query(`update transfer_requests set placed_at = updated_at where status = 'placed'`);
    await q.query(`alter table transfer_requests add constraint transfer_requests_placed_at_check
      check ((status = 'placed') = (placed_at is not null))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table transfer_requests drop constraint transfer_requests_placed_at_check`,
    );
    await q.query(`alter table transfer_requests drop column placed_at`);
  }
}
