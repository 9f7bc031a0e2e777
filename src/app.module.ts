import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config.module';
import { DatabaseModule } from './database/database.module';
import { transactionsModule } from './database/transactions';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { loggingModule } from './logging/logging.module';
import { ApiMetricsModule } from './metrics/api-metrics.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProposalsModule } from './proposals/proposals.module';
import { RegionsModule } from './regions/regions.module';
import { OffersModule } from './offers/offers.module';
import { SeasonsModule } from './seasons/seasons.module';
import { TransferRequestsModule } from './transfer-requests/transfer-requests.module';
import { RoundsModule } from './rounds/rounds.module';
import { SchoolsModule } from './schools/schools.module';
import { SupplyDemandModule } from './supply-demand/supply-demand.module';
import { SystemModule } from './system/system.module';
import { UsersModule } from './users/users.module';
import { MediationModule } from './mediation/mediation.module';
import { MonitorModule } from './monitor/monitor.module';
import { RetentionModule } from './retention/retention.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    AppConfigModule,
    loggingModule('api'),
    MetricsModule,
    DatabaseModule,
    transactionsModule('api'),
    JobsModule,
    AuditModule,
    AuthModule,
    HealthModule,
    RegionsModule,
    SchoolsModule,
    UsersModule,
    SeasonsModule,
    OffersModule,
    SupplyDemandModule,
    TransferRequestsModule,
    RoundsModule,
    MediationModule,
    MonitorModule,
    RetentionModule,
    ProposalsModule,
    NotificationsModule,
    SystemModule,
    ApiMetricsModule,
    WebModule,
  ],
})
export class AppModule {}
