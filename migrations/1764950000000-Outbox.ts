import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transactions by context (issue 19 point 4): the jobs a transaction queues (a notice's e-mail)
 * are written in it, to this table, and sent to BullMQ after it commits (src/jobs/outbox.ts). A
 * rolled-back transaction leaves no job; one sent while Redis is away stays here until the
 * worker's relay sends it.
 */
export class Outbox1764950000000 implements MigrationInterface {
  name = 'Outbox1764950000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table outbox (
        id bigserial primary key,
        job_name varchar(60) not null,
        data jsonb not null,
        opts jsonb not null,
        job_id varchar(200) unique,
        run_at timestamptz,
        created_at timestamptz not null default now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table outbox`);
  }
}
