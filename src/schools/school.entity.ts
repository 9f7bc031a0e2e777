import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Level } from '../common/levels';
import { Region } from '../regions/region.entity';

/** A school location (vestiging), identified by BRIN + vestigingsnummer. */
@Entity('schools')
@Unique('schools_region_id_brin_key', ['regionId', 'brin'])
@Check('schools_brin_check', `brin ~ '^[0-9]{2}[A-Z]{2}[0-9]{2}$'`)
export class School {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ type: 'char', length: 6 }) brin: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 200 }) board: string;
  @Column({ type: 'varchar', length: 7 }) postcode: string;
  @Column({ type: 'text', array: true, default: '{}' }) levels: Level[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;

  // Relations below describe the foreign keys; the app reads and writes the id columns above.
  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
}
