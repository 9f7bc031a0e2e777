import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../src/audit/audit.module';
import { AppConfigModule } from '../src/config.module';
import { DatabaseModule } from '../src/database/database.module';
import { JobsModule } from '../src/jobs/jobs.module';
import { NotificationsModule } from '../src/notifications/notifications.module';
import { NotificationsProcessor } from '../src/notifications/notifications.processor';
import { ProposalsModule } from '../src/proposals/proposals.module';
import { RoundsModule } from '../src/rounds/rounds.module';
import { RoundsProcessor } from '../src/rounds/rounds.processor';
import { RoundsService } from '../src/rounds/rounds.service';
import { SystemProcessor } from '../src/system/system.processor';
import { SystemService } from '../src/system/system.service';

/**
 * The app minus HTTP: same config, database and feature modules, plus the queue processors.
 * (Feature modules' controllers are registered but never served: there is no HTTP adapter.)
 */
@Module({
  imports: [
    DiscoveryModule,
    AppConfigModule,
    DatabaseModule,
    JobsModule,
    AuditModule,
    RoundsModule,
    ProposalsModule,
    NotificationsModule,
  ],
  providers: [SystemService, SystemProcessor, RoundsProcessor, NotificationsProcessor],
})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly rounds: RoundsService) {}

  async onApplicationBootstrap(): Promise<void> {
    // Rounds that should run but lost their job (e.g. Redis restarted without its data).
    await this.rounds.requeueOrphans();
  }
}
