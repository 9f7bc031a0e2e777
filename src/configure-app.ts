import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorItemDto, ErrorResponseDto } from './common/errors';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { EnvironmentVariables } from '../config/env.validation';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { requestIdMiddleware } from './logging/request-context';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { Metrics } from './metrics/metrics';
import { requestShapeMiddleware } from './common/request-shape.middleware';
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
  // First: every later line of the request, and the jobs it queues, carry its id.
  app.use(requestIdMiddleware);
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  app.use(cookieParser());
  // 415 for a body that is not JSON (but the CSV import's), 400 for __proto__ and broken text.
  app.use(requestShapeMiddleware);
  app.use(
    helmet({
      // Only the app's own origin. Inline styles stay allowed: Mantine sets its CSS variables
      // and component styles through style attributes and one <style> element.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  // The JSON API lives under /api; the web app is served at / (WebModule); the probes and the
  // Prometheus scrape stay at the root, where orchestrators and scrapers look for them.
  app.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'health/ready', 'metrics'] });
  app.enableCors({ origin: origins.length ? origins : false, credentials: true });
  // In this order: the safety checks protect the validation pipe's class-transformer too.
  app.useGlobalPipes(new InputSafetyPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
  return app;
}

/** The OpenAPI document of a configured app: served at /api/docs-json, typed by `npm run api:types`. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Overstap API')
    .setDescription(
      'Procedure schoolwisseling vo-vo: free places, transfer requests, matching rounds, mediation',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, doc, {
    extraModels: [ErrorResponseDto, ErrorItemDto],
  });
  return withErrorResponses(document);
}

/**
 * Every 4xx has one shape (src/common/errors.ts): each operation's documented 4xx answers, and a
 * catch-all `4XX`, point at the shared ErrorResponseDto schema, so a client maps errors to fields.
 */
function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const content = {
    'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      for (const [code, response] of Object.entries(op.responses)) {
        if (response && /^4\d\d$/.test(code) && !('$ref' in response)) response.content = content;
      }
      op.responses['4XX'] ??= { description: 'Fout in het verzoek (ErrorResponseDto)', content };
    }
  }
  return document;
}
