import type { LogLevel } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { DEFAULT_RETENTION_YEARS } from '../src/retention/retention-period';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/**
 * How long a round job's lock lasts unless ROUND_LOCK_MS says otherwise (rounds.processor.ts).
 * A live worker renews it every half of it; a dead worker's round is taken over within about
 * 1.5 times it (lock expiry plus a stalled check every half of it), so within 60 s.
 */
export const DEFAULT_ROUND_LOCK_MS = 30_000;
/** How often the worker re-queues rounds that lost their job (round-reconciler.ts). */
export const DEFAULT_ROUND_RECONCILE_MS = 30_000;
/** How often the worker queues jobs left in the outbox (src/jobs/outbox-sweeper.ts). */
export const DEFAULT_OUTBOX_RELAY_MS = 5_000;

/**
 * Every environment variable the API and the worker read, with its default.
 * `.env.example` lists the same names; keep both in step.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/overstap';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every BullMQ key, so that test runs and environments never share queues. */
  @IsString()
  @Matches(/^[a-zA-Z0-9:_-]+$/, { message: 'REDIS_PREFIX may only hold letters, digits, : _ -' })
  REDIS_PREFIX = 'overstap';

  /** Comma-separated origins allowed by CORS; empty means none. */
  @IsString()
  CORS_ORIGINS = '';

  /** Secret that signs access tokens (HMAC). Must be set in production. */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = 'development-only-secret-change-me-0123456789';

  /** Base URL of the web front end, used in e-mail links. */
  @IsString()
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * Keys that encrypt support needs at rest: `id:base64(32 bytes)`, comma-separated. The first
   * encrypts; all decrypt, so a new key is put first and `npm run keys:rotate` re-encrypts.
   */
  @Matches(/^[a-zA-Z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[a-zA-Z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/, {
    message: 'SUPPORT_KEYS must be id:base64key[,id:base64key…] with 32-byte keys',
  })
  SUPPORT_KEYS = 'dev1:ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE=';

  /** SMTP server for e-mail, e.g. smtp://user:pass@host:587; empty writes JSON files to MAIL_DIR. */
  @Matches(/^(smtps?:\/\/.+)?$/, {
    message: 'SMTP_URL must be empty or an smtp:// or smtps:// URL',
  })
  SMTP_URL = '';

  /** Sender of every e-mail. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Overstap <noreply@overstap.test>';

  /** Where e-mails are written as JSON files when SMTP_URL is empty (development and tests). */
  @IsString()
  @MinLength(1)
  MAIL_DIR = '.data/mail';

  /**
   * How long a worker's lock on a round job lasts without renewal: a killed worker's round is
   * taken over after it expires. A live worker renews it every half of it, so a round may run far
   * longer; the event loop must not be blocked for half of it (the engine blocks ~1 s at 200,000
   * pupils). rounds.processor.ts reads process.env itself (a decorator option, fixed when the
   * module loads); this only stops the start on a bad value.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(500)
  ROUND_LOCK_MS = DEFAULT_ROUND_LOCK_MS;

  /** How often the worker re-queues scheduled, queued or running rounds whose job is missing. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(100)
  ROUND_RECONCILE_MS = DEFAULT_ROUND_RECONCILE_MS;

  /** How often the worker queues the outbox's jobs that were not sent at their commit. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(100)
  OUTBOX_RELAY_MS = DEFAULT_OUTBOX_RELAY_MS;

  /** Years a season's pupil data is kept after the season ends; then it is erased (src/retention). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  RETENTION_YEARS = DEFAULT_RETENTION_YEARS;

  /**
   * When the worker erases expired pupil data: a cron pattern in Amsterdam time (default 02:30
   * every night), or `off` for no schedule (tests; `npm run retention` still works).
   */
  @Matches(/^(off|[0-9*,/?LW#A-Z-]+( [0-9*,/?LW#A-Z-]+){4,5})$/, {
    message: 'RETENTION_SCHEDULE must be a cron pattern (5 or 6 fields) or off',
  })
  RETENTION_SCHEDULE = '30 2 * * *';

  /** The least severe kind of log line written: each level includes the ones before it. */
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'log';

  /**
   * Bearer token for GET /metrics (the API's port and the worker's WORKER_PORT). Unset: /metrics
   * answers 404, so figures are never public by accident.
   */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /**
   * Port of the worker's own small HTTP server: GET /health (database, Redis, consuming) for the
   * container's health check, GET /metrics (with METRICS_TOKEN). Unset: no server.
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_PORT?: number;
}

/** Nest's log levels from LOG_LEVEL: `warn` writes fatal, error and warn lines; `log` also log. */
export function logLevels(level: EnvironmentVariables['LOG_LEVEL']): LogLevel[] {
  return ['fatal', ...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1)];
}

/** Used by ConfigModule.forRoot({ validate }): stops start-up with one line per bad variable. */
export function validateEnv(config: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, config, {
    enableImplicitConversion: false,
    exposeDefaultValues: true,
  });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${JSON.stringify(e.value)})`,
    );
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (env.NODE_ENV === 'production' && env.JWT_SECRET.startsWith('development-only')) {
    throw new Error('Invalid configuration:\n  JWT_SECRET: must be set in production');
  }
  if (env.NODE_ENV === 'production' && env.SUPPORT_KEYS.startsWith('dev1:')) {
    throw new Error('Invalid configuration:\n  SUPPORT_KEYS: must be set in production');
  }
  return env;
}
