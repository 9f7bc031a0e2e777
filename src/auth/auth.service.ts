import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { AccessTokenPayload, AuthUser } from './auth-user';
import { dummyHash, verifyPassword } from './passwords';
import { Session } from './session.entity';

export const ACCESS_TTL_SECONDS = 15 * 60;
const REFRESH_TTL_MS = 14 * 24 * 3600 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const INVALID = 'E-mailadres of wachtwoord onjuist / invalid e-mail or password';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  async login(email: string, password: string) {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || user.disabled) {
      await this.audit.recordAnonymous({
        regionId: user?.regionId ?? null,
        userId: user?.id ?? null,
        role: user?.role ?? null,
        entity: 'session',
        action: 'login.failed',
      });
      throw new UnauthorizedException(INVALID);
    }
    const tokens = await this.openSession(user.id);
    await this.audit.recordAnonymous({
      regionId: user.regionId,
      userId: user.id,
      role: user.role,
      entity: 'session',
      entityId: tokens.sessionId,
      action: 'login.succeeded',
    });
    return tokens.out;
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working (rotation). */
  async refresh(refreshToken: string) {
    const sessions = this.db.getRepository(Session);
    const session = await sessions.findOneBy({
      refreshHash: sha256(refreshToken),
      revokedAt: IsNull(),
    });
    if (!session || session.expiresAt < new Date())
      throw new UnauthorizedException('Sessie verlopen');
    const user = await this.db.getRepository(User).findOneBy({ id: session.userId });
    if (!user || user.disabled) throw new UnauthorizedException('Sessie verlopen');
    const token = randomBytes(32).toString('base64url');
    await sessions.update(session.id, {
      refreshHash: sha256(token),
      expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
    });
    return this.tokens(user.id, session.id, token);
  }

  async logout(user: AuthUser): Promise<void> {
    await this.db.getRepository(Session).update(user.sessionId, { revokedAt: new Date() });
  }

  /** Ends every session of a user (disabled, role changed, password reset). */
  async revokeAll(userId: string): Promise<void> {
    await this.db
      .getRepository(Session)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** The caller behind an access token, or null: checks signature, session and account each time. */
  async authenticate(accessToken: string): Promise<AuthUser | null> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(accessToken);
    } catch {
      return null;
    }
    const rows: { region_id: string; role: AuthUser['role']; school_ids: string[] | null }[] =
      await this.db.query(
        `select u.region_id, u.role,
                array(select us.school_id from user_schools us where us.user_id = u.id) as school_ids
           from sessions s join users u on u.id = s.user_id
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
    };
  }

  /** Opens a session without a password check: used by log-in and by tests' factories. */
  async openSession(userId: string) {
    const token = randomBytes(32).toString('base64url');
    const session = await this.db.getRepository(Session).save({
      userId,
      refreshHash: sha256(token),
      expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
      revokedAt: null,
    });
    return { sessionId: session.id, out: await this.tokens(userId, session.id, token) };
  }

  private async tokens(userId: string, sessionId: string, refreshToken: string) {
    const payload: AccessTokenPayload = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: ACCESS_TTL_SECONDS });
    return { accessToken, refreshToken, expiresIn: ACCESS_TTL_SECONDS };
  }
}
