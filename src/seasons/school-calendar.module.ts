import { Module } from '@nestjs/common';
import { SchoolCalendarService } from './school-calendar.service';

/** The region's school calendar, for every module that counts school days (no controllers). */
@Module({
  providers: [SchoolCalendarService],
  exports: [SchoolCalendarService],
})
export class SchoolCalendarModule {}
