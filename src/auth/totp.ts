/**
 * TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps, through the
 * `otpauth` library (its Node build uses node:crypto); and the recovery codes that stand in for
 * the app once each. Plain functions, no Nest.
 */
import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const TOTP_ISSUER = 'Overstap';
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side: a phone's clock a little off, or a code typed as it turned over. */
const WINDOW_STEPS = 1;

const totp = (secret: string, label = '') =>
  new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** What an authenticator app scans: otpauth://totp/Overstap:<label>?issuer=Overstap&secret=…. */
export function otpauthUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/** Six digits, spaces allowed ("123 456"). */
export function looksLikeTotp(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ''));
}

/**
 * The time step the code belongs to, or null when it is wrong, too old or too new, or not after
 * `afterStep` (the last step accepted for this secret: a code works once).
 */
export function checkTotp(
  secret: string,
  code: string,
  afterStep?: number | null,
  now = Date.now(),
): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const t = totp(secret);
  const delta = t.validate({ token, timestamp: now, window: WINDOW_STEPS });
  if (delta === null) return null;
  const step = t.counter({ timestamp: now }) + delta;
  return afterStep != null && step <= afterStep ? null : step;
}

// No 0/o, 1/l/i: a code is read off paper and typed.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_CODE_LENGTH = 10;

/** A recovery code as shown: two groups of five ("k7mqa-29xpe"), about 50 random bits. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** A typed recovery code as it is hashed: lower case, without dashes or spaces; '' if impossible. */
export function normaliseRecoveryCode(code: string): string {
  const s = code.toLowerCase().replace(/[\s-]+/g, '');
  return s.length === RECOVERY_CODE_LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : '';
}
