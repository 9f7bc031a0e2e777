import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Offer } from '../offers/offer.entity';
import { Region } from '../regions/region.entity';
import { MatchingRound } from '../rounds/round.entity';
import { Season } from '../seasons/season.entity';
import { TransferRequest } from '../transfer-requests/transfer-request.entity';
import { User } from '../users/user.entity';

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
@Unique('mediation_cases_request_id_round_id_key', ['requestId', 'roundId'])
// At most one open case per pupil.
@Index('mediation_cases_one_open', ['requestId'], { unique: true, where: `status = 'open'` })
@Index('mediation_cases_scope', ['regionId', 'seasonId', 'status'])
@Index('mediation_cases_assigned', ['assignedTo'], { where: `status = 'open'` })
@Check('mediation_cases_check', `(status = 'open') = (outcome is null)`)
@Check('mediation_cases_check1', `origin = 'manual' or round_id is not null`)
@Check('mediation_cases_check2', `outcome is distinct from 'placed' or placed_offer_id is not null`)
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
  /** When schools were last added to the pupil's list while the case was open (null: never). */
  @Column({ name: 'list_extended_at', type: 'timestamptz', nullable: true })
  listExtendedAt: Date | null;
  @Column({ name: 'opened_by', type: 'uuid', nullable: true }) openedBy: string | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;

  // Relations below describe the references; the app reads and writes the id columns above. Region,
  // season, request and round are checked per statement, not per row (migration 1765000000000): a
  // round opens ~40k cases at once.
  @ManyToOne(() => Region, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
  @ManyToOne(() => Season, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'season_id' })
  season?: Relation<Season>;
  @ManyToOne(() => TransferRequest, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<TransferRequest>;
  @ManyToOne(() => MatchingRound, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'round_id' })
  round?: Relation<MatchingRound>;
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_to' })
  assignee?: Relation<User>;
  @ManyToOne(() => Offer)
  @JoinColumn({ name: 'placed_offer_id' })
  placedOffer?: Relation<Offer>;
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'opened_by' })
  opener?: Relation<User>;
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closed_by' })
  closer?: Relation<User>;
}

/** One entry of a case's timeline. */
@Entity('mediation_notes')
@Index('mediation_notes_case', ['caseId', 'createdAt'])
@Check('mediation_notes_text_check', `length(text) between 1 and 5000`)
export class MediationNote {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId: string | null;
  @Column({ type: 'text' }) text: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  // Relations below describe the foreign keys; the app reads and writes the id columns above.
  @ManyToOne(() => MediationCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  mediationCase?: Relation<MediationCase>;
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;
}
