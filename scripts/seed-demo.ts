/**
 * `npm run seed:demo`: a demo region shaped like Amsterdam-Diemen on an empty database (see
 * src/seed/demo.ts). Uses DATABASE_URL and REDIS_URL (defaults: the local ones). Refuses in
 * production.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../src/database/typeorm-options';
import { isEmpty, printLogins } from '../src/seed/accounts';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    console.error('seed:demo refuses to run with NODE_ENV=production');
    process.exit(2);
  }
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/overstap';
  const db = new DataSource(typeormOptions(url));
  await db.initialize();
  let empty: boolean;
  try {
    empty = await isEmpty(db);
  } finally {
    await db.destroy();
  }
  if (!empty) {
    console.error('The database already holds a region; seed:demo only fills an empty database.');
    process.exit(2);
  }
  // Imported here: the seed's Nest modules read their configuration when first imported.
  const { seedDemoWith } = await import('../src/seed/run');
  printLogins(
    await seedDemoWith(
      url,
      process.env.REDIS_URL,
      process.env.DEMO_PASSWORD,
      process.env.DEMO_TOTP_SECRET || undefined,
    ),
  );
  process.exit(0);
}

main().catch((err: Error) => {
  console.error(`seed:demo failed: ${err.message}`);
  process.exit(1);
});
