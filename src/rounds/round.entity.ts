import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROUND_STATUSES = [
  'scheduled',
  'queued',
  'running',
  'completed',
  'failed',
  'cancelled',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

@Entity('matching_rounds')
export class MatchingRound {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'season_id', type: 'uuid' }) seasonId: string;
  @Column({ type: 'enum', enum: ROUND_STATUSES, enumName: 'round_status' }) status: RoundStatus;
  @Column({ name: 'dry_run', default: false }) dryRun: boolean;
  @Column({ default: 'DA_STB_SIC' }) mechanism: string;
  /** Secret until the round has run; its hash is public from the start. */
  @Column({ select: false }) seed: string;
  @Column({ name: 'seed_hash', type: 'char', length: 64 }) seedHash: string;
  @Column({ name: 'input_hash', type: 'char', length: 64, nullable: true }) inputHash:
    string | null;
  @Column({ type: 'jsonb', nullable: true, select: false }) input: unknown;
  @Column({ type: 'jsonb', nullable: true, select: false }) output: unknown;
  @Column({ type: 'jsonb', nullable: true }) report: unknown;
  @Column({ type: 'smallint', default: 0 }) progress: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'scheduled_for', type: 'timestamptz', nullable: true }) scheduledFor: Date | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'replay_of', type: 'uuid', nullable: true }) replayOf: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
