/**
 * Codes of an authenticator app, made with the same library as the API (otpauth), for tests that
 * log in admins and advisors, who must have a second factor. The API accepts each time step's
 * code once per user, so codes made here for one user never repeat a step.
 */
import { Secret, TOTP } from 'otpauth';
import type { Test } from 'supertest';

const PERIOD = 30;
// Per user, as the API keeps the last step it accepted per user (whatever the secret).
const lastStep = new Map<string, number>();

/**
 * A fresh code for `secret`, of a time step after any used before for `who` (an e-mail address).
 * The API takes the previous, the current and the next step: three codes a user without waiting
 * (the previous one only while the current step has a few seconds left), then it waits.
 */
export async function totpCode(secret: string, who: string): Promise<string> {
  const key = who.toLowerCase();
  const seconds = Date.now() / 1000;
  const now = Math.floor(seconds / PERIOD);
  const earliest = seconds - now * PERIOD < PERIOD - 4 ? now - 1 : now;
  const step = Math.max(earliest, (lastStep.get(key) ?? -Infinity) + 1);
  if (step > now + 1) {
    await new Promise((r) => setTimeout(r, (step - 1) * PERIOD * 1000 - Date.now() + 200));
  }
  lastStep.set(key, step);
  return codeAt(secret, step * PERIOD * 1000);
}

/** The code of `secret` at a moment (now by default), as the app shows it. */
export function codeAt(secret: string, timestamp = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD }).generate({ timestamp });
}

type Http = () => { post(url: string): Test; get(url: string): Test };

/** Log-in with password and code: the body of the code step (tokens as POST /auth/login gives). */
export async function logInWithCode(
  http: Http,
  email: string,
  password: string,
  secret: string,
  useCookie = false,
) {
  const first = await http().post('/api/auth/login').send({ email, password }).expect(200);
  if (!first.body.challenge) throw new Error(`${email}: no second factor asked`);
  return http()
    .post('/api/auth/login/two-factor')
    .send({ challenge: first.body.challenge, code: await totpCode(secret, email), useCookie })
    .expect(200);
}

/**
 * An admin's or advisor's first log-in: password, then enrolment of a second factor (as the web
 * app makes them do). Returns the now complete session's access token, the secret and the
 * recovery codes.
 */
export async function logInEnrolling(http: Http, email: string, password: string) {
  const login = await http().post('/api/auth/login').send({ email, password }).expect(200);
  const auth = { authorization: `Bearer ${login.body.accessToken}` };
  const started = await http().post('/api/auth/two-factor/enrolment').set(auth).expect(201);
  const secret: string = started.body.secret;
  const confirmed = await http()
    .post('/api/auth/two-factor/enrolment/confirm')
    .set(auth)
    .send({ code: await totpCode(secret, email) })
    .expect(200);
  return {
    accessToken: login.body.accessToken as string,
    refreshToken: login.body.refreshToken as string,
    secret,
    recoveryCodes: confirmed.body.recoveryCodes as string[],
  };
}
