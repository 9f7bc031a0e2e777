import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the load benchmark (issue 20 point 9, `npm run bench:load`) showed missing:
 * - proposals by pupil, whatever their status: a pupil's form, history and mediation case read
 *   their proposals by request_id, and only the open one had an index (a scan of every proposal
 *   of every season and region, once per page view);
 * - transfer requests by season: the form's schools-with-places, the round's input and the
 *   erasure of a season select by season_id without region_id, which transfer_requests_scope
 *   (region_id first) cannot serve.
 */
export class LoadIndexes1764800000000 implements MigrationInterface {
  name = 'LoadIndexes1764800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`create index proposals_request on proposals (request_id)`);
    await q.query(`create index transfer_requests_season on transfer_requests (season_id, status)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index transfer_requests_season`);
    await q.query(`drop index proposals_request`);
  }
}
