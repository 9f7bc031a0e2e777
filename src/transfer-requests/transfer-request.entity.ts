import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ManyToOne,
  JoinColumn,
  PrimaryColumn,
} from 'typeorm';
import { Level } from '../common/levels';

export const STATUSES = [
  'draft',
  'submitted',
  'proposed',
  'placed',
  'withdrawn',
  'mediation',
] as const;
export type TransferStatus = (typeof STATUSES)[number];
export const REASONS = ['verhuizing', 'afstroom', 'opstroom', 'anders'] as const;
export type TransferReason = (typeof REASONS)[number];

/** A schoolwisselaarsformulier. There is no BSN field, on purpose. */
@Entity('transfer_requests')
export class TransferRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'season_id', type: 'uuid' }) seasonId: string;
  /** Null for a pupil who moves into the region (entered by an advisor). */
  @Column({ name: 'sending_school_id', type: 'uuid', nullable: true }) sendingSchoolId:
    string | null;
  @Column({ name: 'first_name' }) firstName: string;
  @Column({ name: 'last_name' }) lastName: string;
  @Column({ name: 'date_of_birth', type: 'date' }) dateOfBirth: string;
  @Column() postcode: string;
  @Column({ name: 'current_grade', type: 'smallint' }) currentGrade: number;
  @Column({ name: 'current_level', type: 'varchar' }) currentLevel: Level;
  @Column({ name: 'requested_grade', type: 'smallint' }) requestedGrade: number;
  @Column({ name: 'requested_level', type: 'varchar' }) requestedLevel: Level;
  @Column({ name: 'requested_profile', default: '' }) requestedProfile: string;
  @Column({ type: 'enum', enum: REASONS, enumName: 'transfer_reason' }) reason: TransferReason;
  @Column({ type: 'text', default: '' }) justification: string;
  @Column({ name: 'support_categories', type: 'text', array: true, default: '{}' })
  supportCategories: string[];
  /** Encrypted (AES-256-GCM, key id inside); never selected for lists. */
  @Column({ name: 'support_needs_enc', type: 'text', nullable: true, select: false })
  supportNeedsEnc: string | null;
  @Column({ name: 'consent_recorded_at', type: 'timestamptz', nullable: true })
  consentRecordedAt: Date | null;
  @Column({ name: 'consent_by', type: 'varchar', nullable: true }) consentBy: string | null;
  @Column({ type: 'enum', enum: STATUSES, enumName: 'transfer_status', default: 'draft' })
  status: TransferStatus;
  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true }) withdrawalReason:
    string | null;
  @Column({ name: 'placed_offer_id', type: 'uuid', nullable: true }) placedOfferId: string | null;
  /** When the pupil got their place (status placed); null otherwise. */
  @Column({ name: 'placed_at', type: 'timestamptz', nullable: true }) placedAt: Date | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @OneToMany(() => TransferRequestPreference, (p) => p.request, { cascade: true })
  preferences: TransferRequestPreference[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('transfer_request_preferences')
export class TransferRequestPreference {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' }) requestId: string;
  @PrimaryColumn({ type: 'smallint' }) rank: number;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @ManyToOne(() => TransferRequest, (r) => r.preferences, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request: TransferRequest;
}
