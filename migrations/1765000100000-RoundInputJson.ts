import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round's engine input (~80 MB at 200k pupils) is read back only whole, by the app (replay,
 * explanations), never by SQL: stored as json (the text, checked for syntax) instead of jsonb
 * (parsed into a binary form), writing it took ~0.5 s instead of 1-2.6 s of the round (issue 19
 * point 8). The text stored is then exactly the canonical text whose hash is `input_hash`. The
 * output stays jsonb: SQL reads its assignments.
 */
export class RoundInputJson1765000100000 implements MigrationInterface {
  name = 'RoundInputJson1765000100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table matching_rounds alter column input type json using input::json`);
    await q.query(`
      do $$ begin
        alter table matching_rounds alter column input set compression lz4;
      exception when feature_not_supported then
        raise notice 'this server has no lz4: matching_rounds.input keeps pglz';
      end $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table matching_rounds alter column input type jsonb using input::jsonb`);
  }
}
