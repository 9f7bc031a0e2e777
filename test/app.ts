import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/configure-app';
import { WorkerModule } from '../workers/worker.module';

/** The real app (real Postgres, real Redis), configured exactly as main.ts does. */
// Configuration is read when the modules are first imported: a spec that needs other settings
// changes process.env first and imports this file dynamically.
export async function createTestApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }));
  await app.init();
  return app;
}

/** The worker process's module in this process, consuming the same queues. */
export async function createTestWorker(): Promise<INestApplicationContext> {
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  await ctx.init();
  return ctx;
}
