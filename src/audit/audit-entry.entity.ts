import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ROLES, Role } from '../users/user.entity';

/** One read or change: who, in which role and school, which row, what — never the values. */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'region_id', type: 'uuid', nullable: true }) regionId: string | null;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role', nullable: true }) role: Role | null;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column() entity: string;
  @Column({ name: 'entity_id', type: 'varchar', nullable: true }) entityId: string | null;
  @Column() action: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
}
