import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { EnvironmentVariables } from '../config/env.validation';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createValidationPipe, InputSafetyPipe } from './common/validation';

export const DOCS_PATH = 'api/docs';

/** Everything main.ts and the e2e tests both need, so tests exercise the real app. */
export function configureApp(app: INestApplication): INestApplication {
  // Bulk offer uploads (up to 2000 rows) are larger than Express's 100 kB default.
  (app as NestExpressApplication).useBodyParser('json', { limit: '1mb' });
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const origins = config
    .get('CORS_ORIGINS', { infer: true })
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  app.use(helmet());
  app.enableCors({ origin: origins.length ? origins : false, credentials: true });
  // In this order: the safety checks protect the validation pipe's class-transformer too.
  app.useGlobalPipes(new InputSafetyPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Overstap API')
    .setDescription(
      'Procedure schoolwisseling vo-vo: free places, transfer requests, matching rounds, mediation',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
  return app;
}
