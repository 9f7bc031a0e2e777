import 'reflect-metadata';
import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService, NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { EnvironmentVariables } from '../config/env.validation';
import { startWorkerHttp } from './worker-http';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // Lines are held until the pino logger (LOG_LEVEL, JSON or readable) is in place.
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const logger = new Logger('Worker');
  // /health for the container's health check and /metrics, on WORKER_PORT when set.
  const port = config.get('WORKER_PORT', { infer: true });
  const http = port ? await startWorkerHttp(app, port) : undefined;
  if (port) logger.log(`Worker health and metrics on port ${port}`);
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
    http?.close();
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
