import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
} from 'typeorm';
import { Region } from './region.entity';

/** A day without school in one region besides the holidays, e.g. a study day (studiedag). */
@Entity('region_non_school_days')
@Unique('region_non_school_days_region_id_date_key', ['regionId', 'date'])
export class NonSchoolDay {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ type: 'date' }) date: string;
  @Column({ type: 'varchar', length: 200 }) description: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
}
