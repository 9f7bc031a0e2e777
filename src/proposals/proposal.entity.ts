import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
} from 'typeorm';
import { Offer } from '../offers/offer.entity';
import { Region } from '../regions/region.entity';
import { MatchingRound } from '../rounds/round.entity';
import { School } from '../schools/school.entity';
import { TransferRequest } from '../transfer-requests/transfer-request.entity';
import { User } from '../users/user.entity';

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Fixed list of reasons a receiving school may give for declining. */
export const DECLINE_REASONS = [
  'geen-passende-ondersteuning',
  'plaats-niet-meer-beschikbaar',
  'niveau-past-niet',
  'profiel-past-niet',
  'anders',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

@Entity('proposals')
@Unique('proposals_round_id_request_id_key', ['roundId', 'requestId'])
@Index('proposals_school_status', ['schoolId', 'status'])
@Index('proposals_request', ['requestId'])
@Index('proposals_one_pending_per_request', ['requestId'], {
  unique: true,
  where: `status = 'pending'`,
})
export class Proposal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ name: 'offer_id', type: 'uuid' }) offerId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({
    type: 'enum',
    enum: PROPOSAL_STATUSES,
    enumName: 'proposal_status',
    default: 'pending',
  })
  status: ProposalStatus;
  @Column({ name: 'respond_by', type: 'date' }) respondBy: string;
  @Column({ name: 'decline_reason', type: 'varchar', length: 40, nullable: true })
  declineReason: DeclineReason | null;
  @Column({ name: 'decline_note', type: 'text', nullable: true }) declineNote: string | null;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  @Column({ name: 'responded_by', type: 'uuid', nullable: true }) respondedBy: string | null;
  @Column({ name: 'overdue_notified_at', type: 'timestamptz', nullable: true })
  overdueNotifiedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  // Relations below describe the references; the app reads and writes the id columns above. All but
  // the responder are checked per statement, not per row (migration 1765000000000): a round
  // inserts ~160k proposals at once.
  @ManyToOne(() => Region, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
  @ManyToOne(() => MatchingRound, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'round_id' })
  round?: Relation<MatchingRound>;
  @ManyToOne(() => TransferRequest, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<TransferRequest>;
  @ManyToOne(() => Offer, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'offer_id' })
  offer?: Relation<Offer>;
  @ManyToOne(() => School, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'school_id' })
  school?: Relation<School>;
  @ManyToOne(() => User)
  @JoinColumn({ name: 'responded_by' })
  responder?: Relation<User>;
}
