import { Module } from '@nestjs/common';
import { LifecycleModule } from './lifecycle.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { SeasonsModule } from '../seasons/seasons.module';
import { TransferRequest, TransferRequestPreference } from './transfer-request.entity';
import { TransferRequestsController } from './transfer-requests.controller';
import { TransferRequestsRepository } from './transfer-requests.repository';
import { TransferRequestsService } from './transfer-requests.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([TransferRequest, TransferRequestPreference]),
    AccessModule,
    SeasonsModule,
    NotificationsModule,
    ProposalsModule,
    LifecycleModule,
  ],
  controllers: [TransferRequestsController],
  providers: [TransferRequestsService, TransferRequestsRepository],
  exports: [TransferRequestsService],
})
export class TransferRequestsModule {}
