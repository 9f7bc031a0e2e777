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
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';

/** An in-app notice that is also e-mailed; it carries ids and a link, never pupil details. */
@Entity('notifications')
@Unique('notifications_user_id_dedupe_key_key', ['userId', 'dedupeKey'])
@Index('notifications_user', ['userId', 'createdAt']) // (user_id, created_at desc)
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 40 }) kind: string;
  @Column({ type: 'varchar', length: 200 }) subject: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) link: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) entity: string | null;
  @Column({ name: 'entity_id', type: 'uuid', nullable: true }) entityId: string | null;
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true }) dedupeKey:
    string | null;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true }) emailedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  // Relations below describe the foreign keys; the app reads and writes the id columns above.
  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}
