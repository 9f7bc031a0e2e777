import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { SchoolCalendarModule } from '../seasons/school-calendar.module';
import { NonSchoolDay } from './non-school-day.entity';
import { NonSchoolDaysService } from './non-school-days.service';
import { Region } from './region.entity';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

/**
 * Regions are created by the seed or by operations; admins read and change their priority rules
 * and their own days without school.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Region, NonSchoolDay]), AccessModule, SchoolCalendarModule],
  controllers: [RegionsController],
  providers: [RegionsService, NonSchoolDaysService],
  exports: [TypeOrmModule],
})
export class RegionsModule {}
