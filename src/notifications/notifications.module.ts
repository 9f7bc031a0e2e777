import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { MailModule } from '../mail/mail.module';
import { Notification } from './notification.entity';
import { NotificationEmailer } from './notification-emailer';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([Notification]), AccessModule, MailModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationEmailer],
  exports: [NotificationsService, NotificationEmailer],
})
export class NotificationsModule {}
