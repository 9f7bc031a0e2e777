/** `.ci/run`: says which Postgres and Redis the tests will use, starting none that it keeps. */
import { ensurePostgres, ensureRedis } from './services';

async function main(): Promise<void> {
  const pg = await ensurePostgres();
  console.log(
    `postgres: ${pg.how}${pg.how === 'embedded' ? ' (the test run starts its own)' : ''}`,
  );
  await pg.stop();
  const redis = await ensureRedis();
  console.log(
    `redis: ${redis.how}${redis.how === 'private' ? ' (the test run starts its own)' : ''}`,
  );
  await redis.stop();
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
