/**
 * `npm run keys:rotate`: re-encrypts every support-needs text that was encrypted with an older
 * key than the first one in SUPPORT_KEYS. Run it after putting a new key first; afterwards the
 * old key can be removed from SUPPORT_KEYS.
 */
import { Client } from 'pg';
import { validateEnv } from '../config/env.validation';
import { SupportCipher } from '../src/transfer-requests/support-cipher';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const cipher = new SupportCipher(env.SUPPORT_KEYS);
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  let done = 0;
  try {
    const activeId = cipher.activeId;
    for (;;) {
      await client.query('begin');
      // Plain FOR UPDATE waits for a row the app holds; SKIP LOCKED would end the loop on a short
      // batch and leave that row under the old key.
      const { rows } = await client.query<{ id: string; support_needs_enc: string }>(
        `select id, support_needs_enc from transfer_requests
          where support_needs_enc is not null and split_part(support_needs_enc, '.', 1) <> $1
          limit 500 for update`,
        [activeId],
      );
      // One statement per batch: the row locks are held for as short as can be.
      await client.query(
        `update transfer_requests t set support_needs_enc = v.enc
           from unnest($1::uuid[], $2::text[]) as v(id, enc) where t.id = v.id`,
        [
          rows.map((r) => r.id),
          rows.map((r) => cipher.encrypt(cipher.decrypt(r.support_needs_enc))),
        ],
      );
      await client.query('commit');
      done += rows.length;
      if (rows.length < 500) break;
    }
    console.log(`re-encrypted ${done} support-needs texts with key ${activeId}`);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

main().catch((err: Error) => {
  console.error(`keys:rotate failed: ${err.message}`);
  process.exit(1);
});
