import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { PostgresNamingStrategy } from './naming-strategy';

const ROOT = path.resolve(__dirname, '..', '..');
// Compiled runs load dist/**/*.js, ts-node and ts-jest runs load the .ts sources.
const EXT = __filename.endsWith('.ts') ? 'ts' : 'js';

/** One place for the TypeORM options shared by the app, the worker, the CLI and the tests. */
export function typeormOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    entities: [path.join(ROOT, 'src', '**', `*.entity.${EXT}`)],
    migrations: [path.join(ROOT, 'migrations', `*.${EXT}`)],
    migrationsTableName: 'migrations',
    namingStrategy: new PostgresNamingStrategy(),
    extra: { max: 10 },
  };
}
