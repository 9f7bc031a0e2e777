import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round keeps its engine input and output as jsonb: ~75 MB and ~25 MB at 200k pupils. Stored
 * with the default pglz compression that write took 4-5 s of the round (and hardly compressed);
 * lz4 takes ~1.7 s and is smaller. Only new values are affected. A server built without lz4 keeps
 * pglz (the round works the same, only slower).
 */
export class RoundJsonLz41764900000000 implements MigrationInterface {
  name = 'RoundJsonLz41764900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      do $$ begin
        alter table matching_rounds
          alter column input set compression lz4,
          alter column output set compression lz4;
      exception when feature_not_supported then
        raise notice 'this server has no lz4: matching_rounds keeps pglz';
      end $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table matching_rounds
        alter column input set compression default,
        alter column output set compression default`);
  }
}
