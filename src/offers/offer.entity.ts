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
import { Level } from '../common/levels';
import { Region } from '../regions/region.entity';
import { School } from '../schools/school.entity';
import { Season } from '../seasons/season.entity';

/** Free places at one school for one season × leerjaar × niveau (× profile; '' = any). */
@Entity('offers')
@Unique('offers_season_id_school_id_grade_level_profile_key', [
  'seasonId',
  'schoolId',
  'grade',
  'level',
  'profile',
])
@Index('offers_season_grade_level', ['seasonId', 'grade', 'level'])
@Check('offers_grade_check', `grade between 1 and 6`)
@Check('offers_capacity_check', `capacity >= 0`)
@Check('offers_placed_check', `placed >= 0`)
@Check('offers_pending_check', `pending >= 0`)
export class Offer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'season_id', type: 'uuid' }) seasonId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'smallint' }) grade: number;
  @Column({ type: 'varchar', length: 20 }) level: Level;
  @Column({ type: 'varchar', length: 60, default: '' }) profile: string;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'int', default: 0 }) placed: number;
  @Column({ type: 'int', default: 0 }) pending: number;
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
  @JoinColumn({ name: 'school_id' })
  school?: Relation<School>;
}
