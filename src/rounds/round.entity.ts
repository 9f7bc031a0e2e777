import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Region } from '../regions/region.entity';
import { Season } from '../seasons/season.entity';
import { User } from '../users/user.entity';

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
// One round per season at a time, and one scheduled round per slot.
@Index('matching_rounds_one_active', ['seasonId'], {
  unique: true,
  where: `status in ('queued', 'running')`,
})
@Index('matching_rounds_one_per_slot', ['seasonId', 'scheduledFor'], {
  unique: true,
  where: `status = 'scheduled'`,
})
export class MatchingRound {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'season_id', type: 'uuid' }) seasonId: string;
  @Column({ type: 'enum', enum: ROUND_STATUSES, enumName: 'round_status' }) status: RoundStatus;
  @Column({ name: 'dry_run', default: false }) dryRun: boolean;
  @Column({ type: 'varchar', length: 20, default: 'DA_STB_SIC' }) mechanism: string;
  /** Secret until the round has run; its hash is public from the start. */
  @Column({ type: 'varchar', length: 100, select: false }) seed: string;
  @Column({ name: 'seed_hash', type: 'char', length: 64 }) seedHash: string;
  @Column({ name: 'input_hash', type: 'char', length: 64, nullable: true }) inputHash:
    string | null;
  // json, not jsonb: only the app reads it, whole; writing the text is cheaper (migration 1765000100000).
  @Column({ type: 'json', nullable: true, select: false }) input: unknown;
  @Column({ type: 'jsonb', nullable: true, select: false }) output: unknown;
  @Column({ type: 'jsonb', nullable: true }) report: unknown;
  /** Per pupil, the listed schools the engine input leaves out (engine-input.ts skippedChoices). */
  @Column({ name: 'skipped_choices', type: 'jsonb', nullable: true, select: false })
  skippedChoices: unknown;
  @Column({ type: 'smallint', default: 0 }) progress: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'scheduled_for', type: 'timestamptz', nullable: true }) scheduledFor: Date | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'replay_of', type: 'uuid', nullable: true }) replayOf: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  // Relations below describe the foreign keys; the app reads and writes the id columns above.
  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
  @ManyToOne(() => Season)
  @JoinColumn({ name: 'season_id' })
  season?: Relation<Season>;
  @ManyToOne(() => MatchingRound)
  @JoinColumn({ name: 'replay_of' })
  replayOfRound?: Relation<MatchingRound>;
  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;
}
