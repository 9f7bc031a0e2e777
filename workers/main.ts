import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: false });
  // SIGTERM/SIGINT close the BullMQ workers, which wait for the active job to finish.
  app.enableShutdownHooks();
  Logger.log('Worker started, consuming queues', 'Worker');
}

bootstrap().catch((err: Error) => {
  console.error(`Worker failed to start: ${err.message}`);
  process.exit(1);
});
