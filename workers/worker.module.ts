import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../src/audit/audit.module';
import { AppConfigModule } from '../src/config.module';
import { DatabaseModule } from '../src/database/database.module';
import { transactionsModule } from '../src/database/transactions';
import { HealthModule } from '../src/health/health.module';
import { jobClsContext } from '../src/jobs/job-cls-context';
import { JobsModule } from '../src/jobs/jobs.module';
import { OutboxSweeper } from '../src/jobs/outbox-sweeper';
import { jobLogContext } from '../src/logging/job-context';
import { loggingModule } from '../src/logging/logging.module';
import { MetricsModule } from '../src/metrics/metrics.module';
import { NotificationsModule } from '../src/notifications/notifications.module';
import { NotificationsProcessor } from '../src/notifications/notifications.processor';
import { ProposalJobs } from '../src/proposals/proposal-jobs';
import { ProposalsModule } from '../src/proposals/proposals.module';
import { RetentionModule } from '../src/retention/retention.module';
import { RetentionScheduler } from '../src/retention/retention.scheduler';
import { RoundsModule } from '../src/rounds/rounds.module';
import { RoundReconciler } from '../src/rounds/round-reconciler';
import { RoundsProcessor } from '../src/rounds/rounds.processor';
import { SystemProcessor } from '../src/system/system.processor';
import { SystemService } from '../src/system/system.service';
import { RoundTelemetry } from './round-telemetry';

/**
 * The app minus HTTP: same config, database and feature modules, plus the queue processors.
 * (Feature modules' controllers are registered but never served: there is no HTTP adapter.)
 */
@Module({
  imports: [
    DiscoveryModule,
    AppConfigModule,
    loggingModule('worker'),
    MetricsModule,
    HealthModule,
    DatabaseModule,
    transactionsModule('worker'),
    JobsModule,
    AuditModule,
    RoundsModule,
    ProposalsModule,
    NotificationsModule,
    RetentionModule,
  ],
  providers: [
    SystemService,
    SystemProcessor,
    RoundsProcessor,
    // The proposals' jobs, run by RoundsProcessor (they travel on the rounds queue).
    ProposalJobs,
    NotificationsProcessor,
    RetentionScheduler,
    // Rounds that should run but lost their job (e.g. Redis lost its data): at start, then periodically.
    RoundReconciler,
    // Jobs written in a transaction (outbox) that could not be queued at its commit: periodically.
    OutboxSweeper,
    // Logging: each job's lines carry its ids and its request's; each round's start, progress, end.
    jobLogContext(SystemProcessor, RoundsProcessor, NotificationsProcessor),
    // Transactions by context (TransactionHost): each job in a CLS context of its own.
    jobClsContext(SystemProcessor, RoundsProcessor, NotificationsProcessor),
    RoundTelemetry,
  ],
})
export class WorkerModule {}
