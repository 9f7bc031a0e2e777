import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { LifecycleModule } from '../transfer-requests/lifecycle.module';
import { AccessModule } from '../access/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SeasonsModule } from '../seasons/seasons.module';
import { MediationController } from './mediation.controller';
import { MediationRepository } from './mediation.repository';
import { MediationService } from './mediation.service';
import { PlacementTableController } from './placement-table.controller';
import { PlacementTableService } from './placement-table.service';

/**
 * Mediation cases and the placement meeting. Cases after a round are opened by the rounds module
 * (src/rounds/round-cases.ts) inside the round's transaction: rounds sit below mediation.
 */
@Module({
  imports: [AccessModule, SeasonsModule, NotificationsModule, LifecycleModule, ProposalsModule],
  controllers: [MediationController, PlacementTableController],
  providers: [MediationRepository, MediationService, PlacementTableService],
})
export class MediationModule {}
