import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per pupil, the schools on their list a round could not apply them to (declined before, or no
 * places for their leerjaar × niveau), with their place in the list: the engine input leaves
 * them out, and a round's explanation for a pupil names every school they listed.
 */
export class AddRoundSkippedChoices1764100000000 implements MigrationInterface {
  name = 'AddRoundSkippedChoices1764100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table matching_rounds add column skipped_choices jsonb`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table matching_rounds drop column skipped_choices`);
  }
}
