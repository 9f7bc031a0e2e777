import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const CASE_ORIGINS = ['round', 'manual'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];
export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OUTCOMES = ['placed', 'withdrawn', 'moved-out', 'special-education', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes of POST /mediation/cases/:id/close; 'placed' goes through /place only. */
export const CLOSE_OUTCOMES = ['withdrawn', 'moved-out', 'special-education', 'other'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** A pupil the partnership's advisors are finding a place for (bemiddeling). */
@Entity('mediation_cases')
export class MediationCase {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'season_id', type: 'uuid' }) seasonId: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ name: 'round_id', type: 'uuid', nullable: true }) roundId: string | null;
  @Column({ type: 'enum', enum: CASE_ORIGINS, enumName: 'mediation_origin' }) origin: CaseOrigin;
  @Column({ name: 'assigned_to', type: 'uuid', nullable: true }) assignedTo: string | null;
  @Column({ type: 'enum', enum: CASE_STATUSES, enumName: 'mediation_status', default: 'open' })
  status: CaseStatus;
  @Column({ type: 'enum', enum: OUTCOMES, enumName: 'mediation_outcome', nullable: true })
  outcome: Outcome | null;
  @Column({ name: 'outcome_note', type: 'text', nullable: true }) outcomeNote: string | null;
  @Column({ name: 'placed_offer_id', type: 'uuid', nullable: true }) placedOfferId: string | null;
  @Column({ name: 'over_capacity_reason', type: 'text', nullable: true })
  overCapacityReason: string | null;
  @Column({ name: 'opened_by', type: 'uuid', nullable: true }) openedBy: string | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One entry of a case's timeline. */
@Entity('mediation_notes')
export class MediationNote {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId: string | null;
  @Column({ type: 'text' }) text: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
