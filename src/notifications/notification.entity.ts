import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notice that is also e-mailed; it carries ids and a link, never pupil details. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column() kind: string;
  @Column() subject: string;
  @Column({ type: 'varchar', nullable: true }) link: string | null;
  @Column({ type: 'varchar', nullable: true }) entity: string | null;
  @Column({ name: 'entity_id', type: 'uuid', nullable: true }) entityId: string | null;
  @Column({ name: 'dedupe_key', type: 'varchar', nullable: true }) dedupeKey: string | null;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true }) emailedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
