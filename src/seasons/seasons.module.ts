import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { SchoolCalendarModule } from './school-calendar.module';
import { Season } from './season.entity';
import { SeasonsController } from './seasons.controller';
import { SeasonsService } from './seasons.service';

@Module({
  imports: [TypeOrmModule.forFeature([Season]), AccessModule, SchoolCalendarModule],
  controllers: [SeasonsController],
  providers: [SeasonsService],
  exports: [SeasonsService, SchoolCalendarModule],
})
export class SeasonsModule {}
