import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HolidayRegion, SchoolCalendar } from '../calendar';

/** Loads a region's school calendar: its holiday region and its own non-school days. */
@Injectable()
export class SchoolCalendarService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forRegion(regionId: string, manager?: EntityManager): Promise<SchoolCalendar> {
    const q = manager ?? this.db.manager;
    const [region]: { holiday_region: HolidayRegion }[] = await q.query(
      `select holiday_region from regions where id = $1`,
      [regionId],
    );
    const days: { date: string; description: string }[] = await q.query(
      `select date::text as date, description from region_non_school_days where region_id = $1`,
      [regionId],
    );
    return new SchoolCalendar(region?.holiday_region ?? 'noord', days);
  }
}
