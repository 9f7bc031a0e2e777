import { Module } from '@nestjs/common';
import { SeasonsModule } from '../seasons/seasons.module';
import { MonitorController } from './monitor.controller';
import { MonitorService } from './monitor.service';

@Module({
  imports: [SeasonsModule],
  controllers: [MonitorController],
  providers: [MonitorService],
})
export class MonitorModule {}
