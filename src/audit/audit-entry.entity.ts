import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Region } from '../regions/region.entity';
import { School } from '../schools/school.entity';
import { ROLES, Role, User } from '../users/user.entity';

/** One read or change: who, in which role and school, which row, what — never the values. */
@Entity('audit_log')
@Index('audit_log_region_at', ['regionId', 'at']) // (region_id, at desc)
@Index('audit_log_entity', ['entity', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'region_id', type: 'uuid', nullable: true }) regionId: string | null;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role', nullable: true }) role: Role | null;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ type: 'varchar', length: 60 }) entity: string;
  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true }) entityId:
    string | null;
  @Column({ type: 'varchar', length: 60 }) action: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;

  // Relations below describe the references; the app reads and writes the id columns above. Region
  // and school are checked per statement, not per row (migration 1765000000000): a round writes
  // ~200k entries at once; deleting a school still sets its entries' school to null.
  @ManyToOne(() => Region, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
  @ManyToOne(() => School, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'school_id' })
  school?: Relation<School>;
}
