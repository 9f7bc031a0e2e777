import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SchoolCalendarModule } from './school-calendar.module';
import { Season } from './season.entity';
import { SeasonsController } from './seasons.controller';
import { SeasonsService } from './seasons.service';

@Module({
  imports: [TypeOrmModule.forFeature([Season]), SchoolCalendarModule],
  controllers: [SeasonsController],
  providers: [SeasonsService],
  exports: [SeasonsService, SchoolCalendarModule],
})
export class SeasonsModule {}
