/**
 * `npm run keys:rotate`: re-encrypts every support-needs text, and every user's two-factor (TOTP)
 * secret, that was encrypted with an older key than the first one in SUPPORT_KEYS. Run it after
 * putting a new key first; afterwards the old key can be removed from SUPPORT_KEYS.
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
    console.log(`re-encrypted ${await rotateTotpSecrets(client, cipher)} two-factor secrets`);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/** The TOTP secrets (and secrets being enrolled) of users, in one transaction: there are few. */
async function rotateTotpSecrets(client: Client, cipher: SupportCipher): Promise<number> {
  await client.query('begin');
  try {
    const { rows } = await client.query<{
      id: string;
      s: string | null;
      p: string | null;
    }>(
      `select id, totp_secret_enc as s, totp_pending_secret_enc as p from users
        where split_part(coalesce(totp_secret_enc, ''), '.', 1) not in ('', $1)
           or split_part(coalesce(totp_pending_secret_enc, ''), '.', 1) not in ('', $1)
        for update`,
      [cipher.activeId],
    );
    const again = (v: string | null) => (v === null ? null : cipher.encrypt(cipher.decrypt(v)));
    for (const r of rows) {
      await client.query(
        `update users set totp_secret_enc = $2, totp_pending_secret_enc = $3 where id = $1`,
        [r.id, again(r.s), again(r.p)],
      );
    }
    await client.query('commit');
    return rows.length;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

main().catch((err: Error) => {
  console.error(`keys:rotate failed: ${err.message}`);
  process.exit(1);
});
