import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EnvironmentVariables } from '../config/env.validation';
import { AppModule } from './app.module';
import { configureApp, DOCS_PATH } from './configure-app';

async function bootstrap(): Promise<void> {
  // Lines are held until the pino logger (LOG_LEVEL, JSON or readable) is in place.
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  configureApp(app);
  const port = config.get('PORT', { infer: true });
  await app.listen(port);
  NestLogger.log(
    `API on http://localhost:${port} — API docs: http://localhost:${port}/${DOCS_PATH}`,
    'Api',
  );
}

bootstrap().catch((err: Error) => {
  console.error(`API failed to start: ${err.message}`);
  process.exit(1);
});
