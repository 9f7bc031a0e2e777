import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Level } from '../common/levels';

/** Free places at one school for one season × leerjaar × niveau (× profile; '' = any). */
@Entity('offers')
export class Offer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ name: 'season_id', type: 'uuid' }) seasonId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'smallint' }) grade: number;
  @Column({ type: 'varchar' }) level: Level;
  @Column({ default: '' }) profile: string;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'int', default: 0 }) placed: number;
  @Column({ type: 'int', default: 0 }) pending: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** capacity − placed − pending, never below zero (capacity may be lowered under what is taken). */
export function remaining(o: Pick<Offer, 'capacity' | 'placed' | 'pending'>): number {
  return Math.max(0, o.capacity - o.placed - o.pending);
}
