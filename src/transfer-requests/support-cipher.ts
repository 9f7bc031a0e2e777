import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for support needs (special-category data). Stored as `keyId.iv.tag.ciphertext`
 * (base64url), so old rows stay readable after a new key is put first.
 */
export class SupportCipher {
  private readonly keys = new Map<string, Buffer>();
  /** The key new texts are encrypted with: the first in the spec. */
  readonly activeId: string;

  constructor(spec: string) {
    for (const part of spec.split(',')) {
      const [id, b64] = part.split(':');
      const key = Buffer.from(b64, 'base64');
      if (key.length !== 32) throw new Error(`support key ${id} is not 32 bytes`);
      this.keys.set(id, key);
    }
    this.activeId = spec.split(':')[0];
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeId) as Buffer, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [this.activeId, iv, cipher.getAuthTag(), ct]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(stored: string): string {
    const [id, iv, tag, ct] = stored.split('.');
    const key = this.keys.get(id);
    if (!key) throw new Error(`support key ${id} is no longer configured`);
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
  }

  /** True when the value was encrypted with an older key and should be re-encrypted. */
  isStale(stored: string): boolean {
    return stored.split('.')[0] !== this.activeId;
  }
}
