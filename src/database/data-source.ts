import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/** Used only by the TypeORM CLI scripts (migration:generate/run/revert). */
export default new DataSource(
  typeormOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/overstap'),
);
