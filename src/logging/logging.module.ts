import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { EnvironmentVariables } from '../../config/env.validation';
import { loggerParams, LoggerSettings } from './logger-params';

/**
 * nestjs-pino for the API or the worker: Nest's own `Logger` writes through pino once the app
 * calls `app.useLogger(app.get(Logger))` (main.ts, workers/main.ts). Import once, in the root module.
 */
export function loggingModule(service: LoggerSettings['service']) {
  return LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
      loggerParams({
        service,
        nodeEnv: config.get('NODE_ENV', { infer: true }),
        logLevel: config.get('LOG_LEVEL', { infer: true }),
      }),
  });
}
