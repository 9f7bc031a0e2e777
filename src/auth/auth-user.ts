import { Role } from '../users/user.entity';

/** The caller, as loaded fresh from the database on every request (not trusted from the token). */
export interface AuthUser {
  id: string;
  regionId: string;
  role: Role;
  schoolIds: string[];
  sessionId: string;
  /**
   * The session may only enrol a second factor: the user must have one (role or region) and this
   * session did not pass one. Absent on callers made outside a request (seed, scripts).
   */
  twoFactorEnrolmentRequired?: boolean;
  /** This session was opened with a second factor, or enrolled one. */
  twoFactorVerified?: boolean;
}

/** What an access token carries: ids only, no personal data. */
export interface AccessTokenPayload {
  sub: string;
  sid: string;
}

/** The short-lived answer to a correct password when a second factor follows: the user id only. */
export interface TwoFactorChallengePayload {
  sub: string;
  typ: 'two-factor';
}
