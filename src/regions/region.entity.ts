import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A partnership of schools (samenwerkingsverband): the tenant every row belongs to. */
@Entity('regions')
export class Region {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  /** Priority classes (lower = stronger) by reason, and optionally for pupils of the same board. */
  @Column({ name: 'priority_rules', type: 'jsonb' }) priorityRules: PriorityRules;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export interface PriorityRules {
  reasons?: Partial<Record<'verhuizing' | 'afstroom' | 'opstroom' | 'anders', number>>;
  sameBoard?: number;
}
