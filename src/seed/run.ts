import { NestFactory } from '@nestjs/core';
import { DemoResult } from './demo';

/**
 * Seeds the demo region through a Nest application context of its own (SeedModule) on this
 * database and Redis. The configuration is read when the modules are first imported, so the URLs
 * are put in the environment before they are.
 */
export async function seedDemoWith(
  databaseUrl: string,
  redisUrl: string | undefined,
  password?: string,
  twoFactorSecret?: string,
): Promise<DemoResult> {
  process.env.DATABASE_URL = databaseUrl;
  if (redisUrl) process.env.REDIS_URL = redisUrl;
  const { SeedModule } = await import('./seed.module');
  const { seedDemo } = await import('./demo');
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    return await seedDemo(app, password, twoFactorSecret);
  } finally {
    await app.close();
  }
}
