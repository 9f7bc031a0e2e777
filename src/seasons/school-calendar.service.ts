import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { HolidayRegion, SchoolCalendar } from '../calendar';

/** Loads a region's school calendar: its holiday region and its own non-school days. */
@Injectable()
export class SchoolCalendarService {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Read in the current transaction, if any (TransactionHost). */
  async forRegion(regionId: string): Promise<SchoolCalendar> {
    const q = this.txHost.tx;
    // One round trip: many requests need the calendar (proposals, the monitor), and each query
    // costs the API more than the lookup itself (bench:load, issue 20 point 9).
    const [region]: {
      holiday_region: HolidayRegion;
      days: { date: string; description: string }[];
    }[] = await q.query(
      `select r.holiday_region,
              coalesce((select json_agg(json_build_object('date', d.date::text,
                                                          'description', d.description))
                          from region_non_school_days d where d.region_id = r.id), '[]') as days
         from regions r where r.id = $1`,
      [regionId],
    );
    return new SchoolCalendar(region?.holiday_region ?? 'noord', region?.days ?? []);
  }
}
