import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

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
export class Season {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column() name: string;
  @Column({ name: 'entry_opens', type: 'date' }) entryOpens: string;
  @Column({ name: 'entry_closes', type: 'date' }) entryCloses: string;
  @Column({ name: 'round_dates', type: 'date', array: true, transformer: isoDates })
  roundDates: string[];
  @Column({ name: 'response_school_days', type: 'int' }) responseSchoolDays: number;
  @Column({ name: 'summer_holiday_start', type: 'date' }) summerHolidayStart: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
