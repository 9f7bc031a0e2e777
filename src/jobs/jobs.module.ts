import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../../config/env.validation';
import { JobHandlers } from './job-handlers';
import { JobsService } from './jobs.service';
import { Outbox, OutboxRelay } from './outbox';
import { QueueName } from './jobs.types';
import { redisOptions } from './redis-options';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
        connection: redisOptions(config.get('REDIS_URL', { infer: true })),
        prefix: config.get('REDIS_PREFIX', { infer: true }),
      }),
    }),
    BullModule.registerQueue(
      { name: QueueName.System },
      { name: QueueName.Rounds },
      { name: QueueName.Notifications },
    ),
  ],
  providers: [JobsService, JobHandlers, Outbox, OutboxRelay],
  exports: [JobsService, JobHandlers, Outbox, OutboxRelay, BullModule],
})
export class JobsModule {}
