import 'reflect-metadata';
import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService, NestFactory } from '@nestjs/core';
import { EnvironmentVariables, logLevels } from '../config/env.validation';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // Lines are held until LOG_LEVEL is known (read with the rest of the configuration, .env too).
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  app.useLogger(logLevels(config.get('LOG_LEVEL', { infer: true })));
  const logger = new Logger('Worker');
  // On SIGTERM/SIGINT: first close the BullMQ workers, which wait for the active job to finish,
  // and only then the rest (database, Redis), so the job never loses its connections midway.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: finishing active jobs`);
    const hosts = app
      .get(DiscoveryService)
      .getProviders()
      .map((w) => w.instance)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
    await Promise.all(hosts.map((h) => h.worker?.close()));
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  logger.log('Worker started, consuming queues');
}

bootstrap().catch((err: Error) => {
  console.error(`Worker failed to start: ${err.message}`);
  process.exit(1);
});
