import { Module } from '@nestjs/common';
import { LifecycleModule } from '../transfer-requests/lifecycle.module';
import { AccessModule } from '../access/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SchoolCalendarModule } from '../seasons/school-calendar.module';
import { ProposalsController } from './proposals.controller';
import { ProposalsRepository } from './proposals.repository';
import { ProposalsService } from './proposals.service';

@Module({
  imports: [AccessModule, NotificationsModule, SchoolCalendarModule, LifecycleModule],
  controllers: [ProposalsController],
  providers: [ProposalsService, ProposalsRepository],
  exports: [ProposalsService, ProposalsRepository],
})
export class ProposalsModule {}
