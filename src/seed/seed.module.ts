import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AppConfigModule } from '../config.module';
import { DatabaseModule } from '../database/database.module';
import { transactionsModule } from '../database/transactions';
import { JobsModule } from '../jobs/jobs.module';
import { MediationModule } from '../mediation/mediation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OffersModule } from '../offers/offers.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { RoundsModule } from '../rounds/rounds.module';
import { SeasonsModule } from '../seasons/seasons.module';
import { TransferRequestsModule } from '../transfer-requests/transfer-requests.module';

/**
 * What the demo seed needs to go through the app's own services: config, database, queues and
 * the feature modules, without HTTP and without queue processors (jobs it queues, such as e-mails
 * and proposal deadlines, wait for the worker).
 */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    transactionsModule('worker'),
    JobsModule,
    AuditModule,
    NotificationsModule,
    SeasonsModule,
    OffersModule,
    TransferRequestsModule,
    ProposalsModule,
    RoundsModule,
    MediationModule,
  ],
})
export class SeedModule {}
