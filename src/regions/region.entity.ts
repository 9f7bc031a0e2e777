import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { HolidayRegion } from '../calendar';

/** A partnership of schools (samenwerkingsverband): the tenant every row belongs to. */
@Entity('regions')
@Unique('regions_code_key', ['code'])
@Check('regions_holiday_region_check', `holiday_region in ('noord', 'midden', 'zuid')`)
@Check('regions_recommended_preferences_check', `recommended_preferences between 1 and 20`)
export class Region {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** Priority classes (lower = stronger) by reason, and optionally for pupils of the same board. */
  @Column({
    name: 'priority_rules',
    type: 'jsonb',
    default: { reasons: { verhuizing: 1 } } satisfies PriorityRules,
  })
  priorityRules: PriorityRules;
  /** The government's school-holiday region its schools follow (Amsterdam-Diemen, Weesp: noord). */
  @Column({ name: 'holiday_region', type: 'varchar', length: 6, default: 'noord' })
  holidayRegion: HolidayRegion;
  /** The length of a preference list the form recommends (it warns, never blocks, below it). */
  @Column({ name: 'recommended_preferences', type: 'int', default: 4 })
  recommendedPreferences: number;
  /** Coordinators must log in with a second factor too (admins and advisors always must). */
  @Column({ name: 'require_two_factor_for_coordinators', default: false })
  requireTwoFactorForCoordinators: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export interface PriorityRules {
  reasons?: Partial<Record<'verhuizing' | 'afstroom' | 'opstroom' | 'anders', number>>;
  sameBoard?: number;
}
