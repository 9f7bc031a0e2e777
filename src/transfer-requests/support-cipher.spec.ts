import { randomBytes } from 'node:crypto';
import { SupportCipher } from './support-cipher';

const key = () => randomBytes(32).toString('base64');

describe('SupportCipher', () => {
  it('round-trips and never stores the plain text', () => {
    const c = new SupportCipher(`k1:${key()}`);
    const stored = c.encrypt('dyslexie; begeleiding bij faalangst');
    expect(stored).not.toContain('dyslexie');
    expect(c.decrypt(stored)).toBe('dyslexie; begeleiding bij faalangst');
    expect(c.encrypt('x')).not.toBe(c.encrypt('x'));
  });

  it('reads values of an older key after rotation and marks them stale', () => {
    const k1 = key();
    const old = new SupportCipher(`k1:${k1}`).encrypt('oud');
    const rotated = new SupportCipher(`k2:${key()},k1:${k1}`);
    expect(rotated.decrypt(old)).toBe('oud');
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.isStale(rotated.encrypt('nieuw'))).toBe(false);
  });

  it('refuses a tampered value', () => {
    const c = new SupportCipher(`k1:${key()}`);
    const [id, iv, tag, ct] = c.encrypt('geheim').split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    expect(() => c.decrypt([id, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });
});
