import { Module } from '@nestjs/common';
import { AppConfigModule } from '../src/config.module';
import { DatabaseModule } from '../src/database/database.module';
import { JobsModule } from '../src/jobs/jobs.module';
import { SystemProcessor } from '../src/system/system.processor';
import { SystemService } from '../src/system/system.service';

/** The app minus HTTP: same config, database and services, plus the queue processors. */
@Module({
  imports: [AppConfigModule, DatabaseModule, JobsModule],
  providers: [SystemService, SystemProcessor],
})
export class WorkerModule {}
