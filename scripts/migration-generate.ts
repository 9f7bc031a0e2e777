// `npm run migration:generate -- AddThing` → migrations/<timestamp>-AddThing.ts, diffed against DATABASE_URL.
import { execFileSync } from 'node:child_process';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: npm run migration:generate -- NameInPascalCase');
  process.exit(2);
}
try {
  execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      './node_modules/typeorm/cli.js',
      'migration:generate',
      '-p',
      '-d',
      'src/database/data-source.ts',
      `migrations/${name}`,
    ],
    { stdio: 'inherit' },
  );
} catch (e) {
  // TypeORM has printed why (e.g. "No changes in database schema were found"); no stack trace.
  process.exit((e as { status?: number }).status ?? 1);
}
