import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Level } from '../common/levels';

/** A school location (vestiging), identified by BRIN + vestigingsnummer. */
@Entity('schools')
export class School {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ type: 'char', length: 6 }) brin: string;
  @Column() name: string;
  @Column() board: string;
  @Column() postcode: string;
  @Column({ type: 'text', array: true }) levels: Level[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
