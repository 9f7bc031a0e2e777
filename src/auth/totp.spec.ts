import {
  checkTotp,
  looksLikeTotp,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
} from './totp';
import { twoFactorRequired } from './two-factor-policy';

// RFC 6238 appendix B: the SHA-1 key is the ASCII "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('gives the codes of RFC 6238 (their last six digits) with their time step', () => {
    expect(checkTotp(RFC_SECRET, '287082', null, 59_000)).toBe(1);
    expect(checkTotp(RFC_SECRET, '081804', null, 1_111_111_109_000)).toBe(37_037_036);
    expect(checkTotp(RFC_SECRET, '050471', null, 1_111_111_111_000)).toBe(37_037_037);
    expect(checkTotp(RFC_SECRET, '005924', null, 1_234_567_890_000)).toBe(41_152_263);
  });

  it('takes one step either side, no further, and a step only after the last one used', () => {
    const at = 1_234_567_890_000; // step 41152263, code 005924
    expect(checkTotp(RFC_SECRET, '005924', null, at + 30_000)).toBe(41_152_263);
    expect(checkTotp(RFC_SECRET, '005924', null, at - 30_000)).toBe(41_152_263);
    expect(checkTotp(RFC_SECRET, '005924', null, at + 60_000)).toBeNull();
    expect(checkTotp(RFC_SECRET, '005924', 41_152_262, at)).toBe(41_152_263);
    expect(checkTotp(RFC_SECRET, '005924', 41_152_263, at)).toBeNull();
    expect(checkTotp(RFC_SECRET, '005925', null, at)).toBeNull();
    expect(checkTotp(RFC_SECRET, '005 924', null, at)).toBe(41_152_263);
    expect(checkTotp(RFC_SECRET, 'abcdef', null, at)).toBeNull();
  });

  it('makes 160-bit base32 secrets and an otpauth URI apps read', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(s);
    const uri = new URL(otpauthUri(s, 'naam@school.nl'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Overstap:naam@school.nl');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Overstap',
      secret: s,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  it('tells a code of the app from a recovery code', () => {
    expect(looksLikeTotp('123456')).toBe(true);
    expect(looksLikeTotp('123 456')).toBe(true);
    expect(looksLikeTotp('12345')).toBe(false);
    expect(looksLikeTotp('abcde-fghjk')).toBe(false);
  });
});

describe('recovery codes', () => {
  it('are two groups of five readable characters, and typed any way they are the same code', () => {
    const codes = new Set(Array.from({ length: 200 }, newRecoveryCode));
    expect(codes.size).toBe(200);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(c).not.toMatch(/[01ilo]/);
      const plain = c.replace('-', '');
      expect(normaliseRecoveryCode(c)).toBe(plain);
      expect(normaliseRecoveryCode(` ${c.toUpperCase().replace('-', ' ')} `)).toBe(plain);
    }
    expect(normaliseRecoveryCode('abcde-fghj')).toBe('');
    expect(normaliseRecoveryCode('abcde-fghj0')).toBe('');
  });
});

describe('who must have a second factor', () => {
  it('admins and advisors always; coordinators when the region requires it', () => {
    expect(twoFactorRequired('admin', false)).toBe(true);
    expect(twoFactorRequired('advisor', false)).toBe(true);
    expect(twoFactorRequired('coordinator', false)).toBe(false);
    expect(twoFactorRequired('coordinator', true)).toBe(true);
  });
});
