/** Runs pending migrations against DATABASE_URL (the deployment's first step). */
import { runMigrations } from '../src/database/migrate';

runMigrations(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/overstap')
  .then((names) =>
    console.log(
      names.length ? `migrations applied: ${names.join(', ')}` : 'migrations: up to date',
    ),
  )
  .catch((err: Error) => {
    console.error(`migrations failed: ${err.message}`);
    process.exit(1);
  });
