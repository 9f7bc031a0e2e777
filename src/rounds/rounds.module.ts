import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SeasonsModule } from '../seasons/seasons.module';
import { Proposal } from '../proposals/proposal.entity';
import { Region } from '../regions/region.entity';
import { RoundHooks } from './round-hooks';
import { RoundInsightService } from './round-insight.service';
import { MatchingRound } from './round.entity';
import { RoundsController } from './rounds.controller';
import { RoundsRepository } from './rounds.repository';
import { RoundsService } from './rounds.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([MatchingRound, Proposal, Region]),
    AccessModule,
    SeasonsModule,
    NotificationsModule,
  ],
  controllers: [RoundsController],
  providers: [RoundsService, RoundsRepository, RoundHooks, RoundInsightService],
  exports: [RoundsService],
})
export class RoundsModule {}
