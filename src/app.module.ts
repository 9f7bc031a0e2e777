import { Module } from '@nestjs/common';
import { AppConfigModule } from './config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { SystemModule } from './system/system.module';

@Module({
  imports: [AppConfigModule, DatabaseModule, JobsModule, HealthModule, SystemModule],
})
export class AppModule {}
