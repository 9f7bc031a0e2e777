import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { AccessTokenPayload, AuthUser, TwoFactorChallengePayload } from './auth-user';
import { LoginLimiter } from './login-limiter';
import { dummyHash, verifyPassword } from './passwords';
import { REFRESH_TTL_MS } from './refresh-cookie';
import { Session } from './session.entity';
import { twoFactorRequiredSql } from './two-factor-policy';

export const ACCESS_TTL_SECONDS = 15 * 60;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const INVALID = 'E-mailadres of wachtwoord onjuist / invalid e-mail or password';
export const SESSION_EXPIRED = 'Sessie verlopen: log opnieuw in';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** How long the answer to a correct password may be exchanged for a session with a code. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;
/** Only a challenge carries this audience, so neither kind of token passes for the other. */
export const CHALLENGE_AUDIENCE = 'overstap:two-factor-challenge';

/** A password log-in: a session, or (a second factor enabled) a challenge for the code step. */
export type LoginOutcome =
  | { kind: 'session'; tokens: IssuedTokens }
  | { kind: 'challenge'; challenge: string; expiresIn: number };

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly limiter: LoginLimiter,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * Checks e-mail and password from address `ip`. Only failures are limited (LoginLimiter): an
   * account with too many gets the same 401 as a wrong password, whatever the password; an
   * address with too many gets 429.
   *
   * With a second factor enabled the answer is a challenge, not a session, and the account's
   * failures are not forgotten yet: the try stays counted until the code step succeeds, so
   * password and code tries share one limit.
   */
  async login(email: string, password: string, ip: string): Promise<LoginOutcome> {
    const verdict = await this.limiter.reserve(email, ip);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    // Verified also while the account waits, so that answer takes as long as any other.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (verdict === 'locked' || !user || !ok || user.disabled) {
      if (verdict !== 'locked') await this.limiter.failed(ip);
      await this.audit.recordAnonymous({
        regionId: user?.regionId ?? null,
        userId: user?.id ?? null,
        role: user?.role ?? null,
        entity: 'session',
        action: verdict === 'locked' ? 'login.locked' : 'login.failed',
      });
      throw new UnauthorizedException(INVALID);
    }
    if (user.totpEnabledAt) {
      const payload: TwoFactorChallengePayload = { sub: user.id, typ: 'two-factor' };
      const challenge = await this.jwt.signAsync(payload, {
        expiresIn: CHALLENGE_TTL_SECONDS,
        audience: CHALLENGE_AUDIENCE,
      });
      return { kind: 'challenge', challenge, expiresIn: CHALLENGE_TTL_SECONDS };
    }
    await this.limiter.succeeded(email);
    // Without a second factor: an admin's or advisor's session may only enrol one (authenticate).
    const tokens = await this.openSession(user.id, false);
    await this.audit.recordAnonymous({
      regionId: user.regionId,
      userId: user.id,
      role: user.role,
      entity: 'session',
      entityId: tokens.sessionId,
      action: 'login.succeeded',
    });
    return { kind: 'session', tokens: tokens.out };
  }

  /** The user id of a challenge still valid, or null. */
  async challengeUser(challenge: string): Promise<string | null> {
    try {
      const p = await this.jwt.verifyAsync<TwoFactorChallengePayload>(challenge, {
        audience: CHALLENGE_AUDIENCE,
      });
      return p.typ === 'two-factor' && typeof p.sub === 'string' ? p.sub : null;
    } catch {
      return null;
    }
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working (rotation). */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const token = randomBytes(32).toString('base64url');
    // One statement: of two refreshes with the same token only one wins (the other finds no row).
    const [rows]: [{ id: string; user_id: string }[], number] = await this.db.query(
      `update sessions s set refresh_hash = $2, expires_at = $3
         from users u
        where s.refresh_hash = $1 and s.revoked_at is null and s.expires_at > now()
          and u.id = s.user_id and not u.disabled
       returning s.id, s.user_id`,
      [sha256(refreshToken), sha256(token), new Date(Date.now() + REFRESH_TTL_MS)],
    );
    if (!rows.length) throw new UnauthorizedException(SESSION_EXPIRED);
    return this.tokens(rows[0].user_id, rows[0].id, token);
  }

  async logout(user: AuthUser): Promise<void> {
    await this.db
      .getRepository(Session)
      .update({ id: user.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * Log-out by whatever the caller holds: the access token's session and/or the refresh token's
   * (the web app's cookie, when the access token has expired). False when neither was live.
   */
  async logoutWith(accessToken?: string, refreshToken?: string): Promise<boolean> {
    const user = accessToken ? await this.authenticate(accessToken) : null;
    if (user) await this.logout(user);
    const byCookie = refreshToken ? await this.logoutByRefreshToken(refreshToken) : false;
    return !!user || byCookie;
  }

  /** Ends the session of a refresh token (log-out from the cookie alone); false when none is open. */
  async logoutByRefreshToken(refreshToken: string): Promise<boolean> {
    const result = await this.db
      .getRepository(Session)
      .update(
        { refreshHash: sha256(refreshToken), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
    return !!result.affected;
  }

  /**
   * Ends every session of a user but one (a password change keeps the caller signed in); in the
   * current transaction, if any.
   */
  async revokeOthers(userId: string, keepSessionId: string): Promise<void> {
    await this.txHost.tx
      .getRepository(Session)
      .update({ userId, id: Not(keepSessionId), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every session of a user (disabled, role changed, password reset); as revokeOthers. */
  async revokeAll(userId: string): Promise<void> {
    await this.txHost.tx
      .getRepository(Session)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * The caller behind an access token, or null: checks signature, session and account each time
   * (a revoked session's access token stops working at once). Whether the session must first
   * enrol a second factor is decided here too, from the role and the region's setting now, so a
   * region that starts requiring it takes effect on the next request.
   */
  async authenticate(accessToken: string): Promise<AuthUser | null> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(accessToken);
    } catch {
      return null;
    }
    // A two-factor challenge is signed with the same key: it has no session and is no access token.
    if (typeof payload.sid !== 'string' || 'typ' in payload || 'aud' in payload) return null;
    const rows: {
      region_id: string;
      role: AuthUser['role'];
      school_ids: string[] | null;
      required: boolean;
      verified: boolean;
    }[] = await this.db.query(
      `select u.region_id, u.role,
              array(select us.school_id from user_schools us where us.user_id = u.id) as school_ids,
              ${twoFactorRequiredSql('u', 'r')} as required, s.two_factor_verified as verified
         from sessions s join users u on u.id = s.user_id join regions r on r.id = u.region_id
        where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > now()
          and not u.disabled`,
      [payload.sid, payload.sub],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return {
      id: payload.sub,
      regionId: r.region_id,
      role: r.role,
      schoolIds: r.school_ids ?? [],
      sessionId: payload.sid,
      twoFactorEnrolmentRequired: r.required && !r.verified,
      twoFactorVerified: r.verified,
    };
  }

  /**
   * Opens a session without a password check: used by log-in (twoFactorVerified when a code was
   * given) and by tests' factories (a session as after a complete log-in).
   */
  async openSession(userId: string, twoFactorVerified: boolean) {
    const token = randomBytes(32).toString('base64url');
    const session = await this.db.getRepository(Session).save({
      userId,
      refreshHash: sha256(token),
      expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
      revokedAt: null,
      twoFactorVerified,
    });
    return { sessionId: session.id, out: await this.tokens(userId, session.id, token) };
  }

  private async tokens(
    userId: string,
    sessionId: string,
    refreshToken: string,
  ): Promise<IssuedTokens> {
    const payload: AccessTokenPayload = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: ACCESS_TTL_SECONDS });
    return { accessToken, refreshToken, expiresIn: ACCESS_TTL_SECONDS };
  }
}
