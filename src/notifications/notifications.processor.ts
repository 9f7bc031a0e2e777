import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '../jobs/jobs.types';
import { NotificationEmailer } from './notification-emailer';

/** E-mails notices. Thin: the work is in NotificationEmailer; a thrown error makes BullMQ retry. */
@Processor(QueueName.Notifications, { concurrency: 5 })
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly emailer: NotificationEmailer) {
    super();
  }

  async process(job: Job): Promise<void> {
    switch (job.name) {
      case JobName.SendEmail: {
        const { notificationId } = job.data as JobPayloads[JobName.SendEmail];
        await this.emailer.send(notificationId);
        return;
      }
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
