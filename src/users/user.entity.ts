import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Region } from '../regions/region.entity';
import { School } from '../schools/school.entity';

export const ROLES = ['admin', 'advisor', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
// Unique on lower(email): an expression index, which TypeORM can name but not describe.
@Index('users_email_unique', { synchronize: false })
@Index('users_region', ['regionId'])
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ type: 'varchar', length: 320 }) email: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role' }) role: Role;
  @Column({ name: 'password_hash', type: 'varchar', length: 200, select: false })
  passwordHash: string;
  @Column({ default: false }) disabled: boolean;
  /** Two-factor log-in (src/auth/two-factor.service.ts): the TOTP secret, encrypted; never selected by default. */
  @Column({ name: 'totp_secret_enc', type: 'text', nullable: true, select: false })
  totpSecretEnc: string | null;
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;
  /** The last time step whose code was accepted: a code works once. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;
  /** A secret being enrolled (shown once, confirmed with a code), encrypted. */
  @Column({ name: 'totp_pending_secret_enc', type: 'text', nullable: true, select: false })
  totpPendingSecretEnc: string | null;
  @Column({ name: 'totp_pending_at', type: 'timestamptz', nullable: true, select: false })
  totpPendingAt: Date | null;
  // The join table is described by UserSchool below (its own index and key names).
  @ManyToMany(() => School)
  @JoinTable({
    name: 'user_schools',
    joinColumn: { name: 'user_id' },
    inverseJoinColumn: { name: 'school_id' },
    synchronize: false,
  })
  schools: School[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;

  // Relations below describe the foreign keys; the app reads and writes the id columns above.
  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
}

/**
 * The schools a coordinator works for: the join table of User.schools, written through that
 * relation. This entity only describes the table for the schema diff (the many-to-many's own
 * junction would want an index per column and other names).
 */
@Entity('user_schools')
@Index('user_schools_school', ['schoolId'])
export class UserSchool {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
  @ManyToOne(() => School, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'school_id' })
  school?: Relation<School>;
}
