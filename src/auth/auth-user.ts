import { Role } from '../users/user.entity';

/** The caller, as loaded fresh from the database on every request (not trusted from the token). */
export interface AuthUser {
  id: string;
  regionId: string;
  role: Role;
  schoolIds: string[];
  sessionId: string;
}

/** What an access token carries: ids only, no personal data. */
export interface AccessTokenPayload {
  sub: string;
  sid: string;
}
