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
import { Region } from '../regions/region.entity';

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: string | Date) =>
  typeof d === 'string' ? d : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
// pg returns date[] as Date objects at local midnight; the app works with YYYY-MM-DD strings.
const isoDates = {
  to: (v: string[]) => v,
  from: (v: (string | Date)[] | null) => (v ?? []).map(isoDate),
};

/** One transfer season, named after the school year pupils will start in (e.g. 2027-2028). */
@Entity('seasons')
@Unique('seasons_region_id_name_key', ['regionId', 'name'])
@Check('seasons_name_check', `name ~ '^[0-9]{4}-[0-9]{4}$'`)
@Check('seasons_response_school_days_check', `response_school_days between 1 and 30`)
@Check('seasons_check', `entry_opens <= entry_closes`)
@Check('seasons_check1', `summer_holiday_start <= ends_on`)
export class Season {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column({ type: 'varchar', length: 9 }) name: string;
  @Column({ name: 'entry_opens', type: 'date' }) entryOpens: string;
  @Column({ name: 'entry_closes', type: 'date' }) entryCloses: string;
  @Column({ name: 'round_dates', type: 'date', array: true, default: '{}', transformer: isoDates })
  roundDates: string[];
  @Column({ name: 'response_school_days', type: 'int', default: 5 }) responseSchoolDays: number;
  @Column({ name: 'summer_holiday_start', type: 'date' }) summerHolidayStart: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn: string;
  /** When its pupils' personal data was erased (src/retention); null while it is kept. */
  @Column({ name: 'personal_data_erased_at', type: 'timestamptz', nullable: true, select: false })
  personalDataErasedAt?: Date | null;
  /** Counts of the rows and fields erased, per part (src/retention); never values. */
  @Column({ name: 'personal_data_erased', type: 'jsonb', nullable: true, select: false })
  personalDataErased?: Record<string, number> | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;

  // Relations below describe the foreign keys; the app reads and writes the id columns above.
  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;
}
