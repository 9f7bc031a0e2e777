import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { SeasonsModule } from '../seasons/seasons.module';
import { MediationCase, MediationNote } from './mediation-case.entity';
import { MediationController } from './mediation.controller';
import { MediationService } from './mediation.service';
import { PlacementTableController } from './placement-table.controller';
import { PlacementTableService } from './placement-table.service';

/**
 * Mediation cases and the placement meeting. Cases after a round are opened by the rounds module
 * (src/rounds/round-cases.ts) inside the round's transaction: rounds sit below mediation.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([MediationCase, MediationNote]),
    SeasonsModule,
    NotificationsModule,
  ],
  controllers: [MediationController, PlacementTableController],
  providers: [MediationService, PlacementTableService],
})
export class MediationModule {}
