/** Runs pending migrations against DATABASE_URL (the deployment's first step, Dockerfile). */
import { validateEnv } from '../config/env.validation';
import { runMigrations } from '../src/database/migrate';
import { processLogger } from '../src/logging/logger-params';

// The same variables as the API (a malformed one stops here, before any change), and the same log
// lines: JSON in production, like the API's that follow.
const env = validateEnv(process.env);
const log = processLogger({ service: 'api', nodeEnv: env.NODE_ENV, logLevel: env.LOG_LEVEL });

runMigrations(env.DATABASE_URL)
  .then((names) =>
    log.info(
      { context: 'Migrations', applied: names },
      names.length ? `migrations applied: ${names.join(', ')}` : 'migrations: up to date',
    ),
  )
  .catch((err: Error) => {
    log.error({ context: 'Migrations' }, `migrations failed: ${err.message}`);
    process.exit(1);
  });
