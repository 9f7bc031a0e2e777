import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ManyToOne,
  JoinColumn,
  PrimaryColumn,
  Relation,
  Unique,
} from 'typeorm';
import { Level } from '../common/levels';
import { Offer } from '../offers/offer.entity';
import { Region } from '../regions/region.entity';
import { School } from '../schools/school.entity';
import { Season } from '../seasons/season.entity';
import { User } from '../users/user.entity';

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
export const SUPPORT_CATEGORIES = [
  'leren',
  'gedrag',
  'sociaal-emotioneel',
  'fysiek-medisch',
  'thuissituatie',
  'taal',
  'anders',
] as const;

/** A schoolwisselaarsformulier. There is no BSN field, on purpose. */
@Entity('transfer_requests')
// No index holds `status`, and new pages are half full (fillfactor 50, migration 1765000000000): a
// status change is then a heap-only update that touches no index; a round changes ~200k at once.
@Index('transfer_requests_scope', ['regionId', 'seasonId'])
@Index('transfer_requests_sending', ['sendingSchoolId'])
@Index('transfer_requests_season', ['seasonId'])
@Check('transfer_requests_placed_at_check', `(status = 'placed') = (placed_at is not null)`)
export class TransferRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'season_id', type: 'uuid' }) seasonId: string;
  /** Null for a pupil who moves into the region (entered by an advisor). */
  @Column({ name: 'sending_school_id', type: 'uuid', nullable: true }) sendingSchoolId:
    string | null;
  @Column({ name: 'first_name', type: 'varchar', length: 100 }) firstName: string;
  @Column({ name: 'last_name', type: 'varchar', length: 100 }) lastName: string;
  @Column({ name: 'date_of_birth', type: 'date' }) dateOfBirth: string;
  @Column({ type: 'varchar', length: 7 }) postcode: string;
  @Column({ name: 'current_grade', type: 'smallint' }) currentGrade: number;
  @Column({ name: 'current_level', type: 'varchar', length: 20 }) currentLevel: Level;
  @Column({ name: 'requested_grade', type: 'smallint' }) requestedGrade: number;
  @Column({ name: 'requested_level', type: 'varchar', length: 20 }) requestedLevel: Level;
  @Column({ name: 'requested_profile', type: 'varchar', length: 60, default: '' })
  requestedProfile: string;
  @Column({ type: 'enum', enum: REASONS, enumName: 'transfer_reason' }) reason: TransferReason;
  @Column({ type: 'text', default: '' }) justification: string;
  @Column({ name: 'support_categories', type: 'text', array: true, default: '{}' })
  supportCategories: string[];
  /** Encrypted (AES-256-GCM, key id inside); never selected for lists. */
  @Column({ name: 'support_needs_enc', type: 'text', nullable: true, select: false })
  supportNeedsEnc: string | null;
  @Column({ name: 'consent_recorded_at', type: 'timestamptz', nullable: true })
  consentRecordedAt: Date | null;
  @Column({ name: 'consent_by', type: 'varchar', length: 20, nullable: true }) consentBy:
    string | null;
  @Column({ type: 'enum', enum: STATUSES, enumName: 'transfer_status', default: 'draft' })
  status: TransferStatus;
  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true }) withdrawalReason:
    string | null;
  @Column({ name: 'placed_offer_id', type: 'uuid', nullable: true }) placedOfferId: string | null;
  /** When the pupil got their place (status placed); null otherwise. */
  @Column({ name: 'placed_at', type: 'timestamptz', nullable: true }) placedAt: Date | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  /** Submitted after the season's entry closed (by an advisor or admin). */
  @Column({ name: 'late_entry', type: 'boolean', default: false }) lateEntry: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @OneToMany(() => TransferRequestPreference, (p) => p.request, { cascade: true })
  preferences: TransferRequestPreference[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;

  // Relations below describe the foreign keys; the app reads and writes the id columns above.
  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
  @ManyToOne(() => Season)
  @JoinColumn({ name: 'season_id' })
  season?: Relation<Season>;
  @ManyToOne(() => School)
  @JoinColumn({ name: 'sending_school_id' })
  sendingSchool?: Relation<School>;
  @ManyToOne(() => Offer)
  @JoinColumn({ name: 'placed_offer_id' })
  placedOffer?: Relation<Offer>;
  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;
}

@Entity('transfer_request_preferences')
@Unique('transfer_request_preferences_request_id_school_id_key', ['requestId', 'schoolId'])
@Check('transfer_request_preferences_rank_check', `rank >= 1`)
export class TransferRequestPreference {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' }) requestId: string;
  @PrimaryColumn({ type: 'smallint' }) rank: number;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @ManyToOne(() => TransferRequest, (r) => r.preferences, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request: TransferRequest;
  // Describes the foreign key only; the app writes schoolId.
  @ManyToOne(() => School)
  @JoinColumn({ name: 'school_id' })
  school?: Relation<School>;
}
