import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A job to queue once the transaction that wrote it has committed (src/jobs/outbox.ts): written
 * in that transaction, sent to BullMQ and deleted by the relay. Ids only in `data`, as in every
 * job's payload.
 */
@Entity('outbox')
@Unique('outbox_job_id_key', ['jobId'])
export class OutboxJob {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'job_name', type: 'varchar', length: 60 }) jobName: string;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  /** BullMQ's options for the job, but for its id and delay (the columns below). */
  @Column({ type: 'jsonb' }) opts: Record<string, unknown>;
  /** BullMQ's job id: a second row with the same id while the first waits is not written. */
  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true }) jobId: string | null;
  /** A delayed job's time: the delay left is counted from the send, however late that is. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true }) runAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
