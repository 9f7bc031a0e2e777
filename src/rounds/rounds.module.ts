import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SeasonsModule } from '../seasons/seasons.module';
import { RoundHooks } from './round-hooks';
import { RoundInsightService } from './round-insight.service';
import { RoundsController } from './rounds.controller';
import { RoundsRepository } from './rounds.repository';
import { RoundsService } from './rounds.service';

@Module({
  imports: [AccessModule, SeasonsModule, NotificationsModule],
  controllers: [RoundsController],
  providers: [RoundsService, RoundsRepository, RoundHooks, RoundInsightService],
  exports: [RoundsService],
})
export class RoundsModule {}
