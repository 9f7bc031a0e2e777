import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { EnvironmentVariables, logLevels } from '../config/env.validation';
import { AppModule } from './app.module';
import { configureApp, DOCS_PATH } from './configure-app';

async function bootstrap(): Promise<void> {
  // Lines are held until LOG_LEVEL is known (read with the rest of the configuration, .env too).
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  app.useLogger(logLevels(config.get('LOG_LEVEL', { infer: true })));
  configureApp(app);
  const port = config.get('PORT', { infer: true });
  await app.listen(port);
  Logger.log(
    `API on http://localhost:${port} — API docs: http://localhost:${port}/${DOCS_PATH}`,
    'Api',
  );
}

bootstrap().catch((err: Error) => {
  console.error(`API failed to start: ${err.message}`);
  process.exit(1);
});
