import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { EnvironmentVariables } from '../config/env.validation';
import { AppModule } from './app.module';
import { configureApp, DOCS_PATH } from './configure-app';

async function bootstrap(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule));
  const port = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService).get('PORT', {
    infer: true,
  });
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
