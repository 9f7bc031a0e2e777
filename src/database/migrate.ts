import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/** Runs pending migrations; returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(typeormOptions(url));
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
