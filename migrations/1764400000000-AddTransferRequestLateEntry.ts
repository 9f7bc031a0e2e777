import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A form submitted after its season's entry closed (only advisors and admins may): marked as a
 * late entry, shown in the form and audited as `submit.late`.
 */
export class AddTransferRequestLateEntry1764400000000 implements MigrationInterface {
  name = 'AddTransferRequestLateEntry1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table transfer_requests add column late_entry boolean not null default false`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table transfer_requests drop column late_entry`);
  }
}
