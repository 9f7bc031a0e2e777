/** `npm run seed:demo`: a demo region shaped like Amsterdam-Diemen. Refuses in production. */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../src/database/typeorm-options';
import { isEmpty, printLogins, seedDemo } from '../src/seed/demo';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    console.error('seed:demo refuses to run with NODE_ENV=production');
    process.exit(2);
  }
  const db = new DataSource(
    typeormOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/overstap'),
  );
  await db.initialize();
  try {
    if (!(await isEmpty(db))) {
      console.error('The database already holds a region; seed:demo only fills an empty database.');
      process.exit(2);
    }
    printLogins(await seedDemo(db, process.env.DEMO_PASSWORD));
  } finally {
    await db.destroy();
  }
}

main().catch((err: Error) => {
  console.error(`seed:demo failed: ${err.message}`);
  process.exit(1);
});
