import {
  ConflictException,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { fieldError } from '../common/validation';
import { SupportCipher } from '../transfer-requests/support-cipher';
import { User } from '../users/user.entity';
import { AuthUser } from './auth-user';
import { RecoveryCodesView, TwoFactorEnrolmentView, TwoFactorStatusView } from './auth.dto';
import { AuthService, IssuedTokens } from './auth.service';
import { LoginLimiter } from './login-limiter';
import { hashPassword, verifyPassword } from './passwords';
import {
  checkTotp,
  looksLikeTotp,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  RECOVERY_CODE_COUNT,
} from './totp';
import { twoFactorRequiredSql } from './two-factor-policy';

/** How long a secret shown for enrolment may be confirmed. */
export const ENROLMENT_TTL_MS = 15 * 60_000;
export const WRONG_CODE = 'Code onjuist of verlopen / wrong or expired code';
export const CHALLENGE_EXPIRED =
  'Deze inlogpoging is verlopen: log opnieuw in met e-mailadres en wachtwoord';
const ENROL_WRONG_CODE =
  'Deze code klopt niet. Kijk of de klok van uw telefoon goed staat en probeer de nieuwste code.';
const NO_ENROLMENT = 'Begin opnieuw met instellen: de sleutel is verlopen of vervangen';

type Method = 'totp' | 'recovery';

/**
 * Two-factor log-in with TOTP (RFC 6238): enrolment (a secret shown once, confirmed with a code,
 * then recovery codes shown once), the code step of a log-in, disabling and the office's reset.
 * The secret is stored encrypted with the support-needs keys (SUPPORT_KEYS; `npm run keys:rotate`
 * re-encrypts it too); recovery codes as argon2 hashes. Every change to a user's second factor
 * ends their other sessions.
 */
@Injectable()
export class TwoFactorService {
  private readonly cipher: SupportCipher;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly limiter: LoginLimiter,
    private readonly access: AccessService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.cipher = new SupportCipher(config.get('SUPPORT_KEYS', { infer: true }));
  }

  async status(user: AuthUser): Promise<TwoFactorStatusView> {
    const [row]: {
      enabled_at: Date | null;
      required: boolean;
      left: number;
    }[] = await this.db.query(
      `select u.totp_enabled_at as enabled_at, ${twoFactorRequiredSql('u', 'r')} as required,
              (select count(*)::int from recovery_codes c where c.user_id = u.id and c.used_at is null) as left
         from users u join regions r on r.id = u.region_id where u.id = $1`,
      [user.id],
    );
    return {
      enabled: !!row.enabled_at,
      enabledAt: row.enabled_at?.toISOString() ?? null,
      required: row.required,
      enrolmentRequired: !!user.twoFactorEnrolmentRequired,
      recoveryCodesLeft: row.enabled_at ? row.left : 0,
    };
  }

  /**
   * A new secret to enrol (or to replace the current one: nothing changes until it is confirmed).
   * Replaces a secret shown before and not confirmed.
   */
  async startEnrolment(user: AuthUser): Promise<TwoFactorEnrolmentView> {
    const u = await this.db.getRepository(User).findOneOrFail({
      where: { id: user.id },
      select: { id: true, email: true, totpEnabledAt: true },
    });
    // Renewing needs a session that passed the current second factor.
    if (u.totpEnabledAt && !user.twoFactorVerified) {
      throw new ForbiddenException(
        'Log opnieuw in met uw code om tweestapsverificatie te vernieuwen',
      );
    }
    const secret = newTotpSecret();
    const at = new Date();
    await this.db
      .getRepository(User)
      .update(user.id, { totpPendingSecretEnc: this.cipher.encrypt(secret), totpPendingAt: at });
    return {
      secret,
      otpauthUri: otpauthUri(secret, u.email),
      expiresAt: new Date(at.getTime() + ENROLMENT_TTL_MS).toISOString(),
    };
  }

  /**
   * Confirms the secret being enrolled with a code from the app: it becomes the user's second
   * factor, with ten new recovery codes (returned this once), this session counts as having
   * passed it, and every other session of the user ends.
   */
  async confirmEnrolment(user: AuthUser, code: string): Promise<RecoveryCodesView> {
    const [pending]: { enc: string | null; at: Date | null }[] = await this.db.query(
      `select totp_pending_secret_enc as enc, totp_pending_at as at from users where id = $1`,
      [user.id],
    );
    if (!pending?.enc || !pending.at || pending.at.getTime() < Date.now() - ENROLMENT_TTL_MS) {
      throw fieldError('code', NO_ENROLMENT, 'expired');
    }
    const step = checkTotp(this.cipher.decrypt(pending.enc), code);
    if (step === null) throw fieldError('code', ENROL_WRONG_CODE, 'wrong');
    // Hashed before the transaction: no row lock is held for argon2's time.
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c))));
    await this.txHost.withTransaction(async () => {
      const m = this.txHost.tx;
      const [row]: { enc: string | null; enabled: Date | null }[] = await m.query(
        `select totp_pending_secret_enc as enc, totp_enabled_at as enabled
           from users where id = $1 for update`,
        [user.id],
      );
      // Another start replaced the secret meanwhile: this code was for the old one.
      if (row?.enc !== pending.enc) throw fieldError('code', NO_ENROLMENT, 'expired');
      await m.query(
        `update users set totp_secret_enc = totp_pending_secret_enc, totp_enabled_at = now(),
                totp_last_step = $2, totp_pending_secret_enc = null, totp_pending_at = null
          where id = $1`,
        [user.id, step],
      );
      await this.replaceRecoveryCodes(user.id, hashes);
      await m.query(`update sessions set two_factor_verified = true where id = $1`, [
        user.sessionId,
      ]);
      await this.auth.revokeOthers(user.id, user.sessionId);
      await this.audit.record(user, {
        entity: 'user',
        entityId: user.id,
        action: row.enabled ? 'two-factor.renew' : 'two-factor.enable',
      });
    });
    return { recoveryCodes: codes };
  }

  /**
   * Turns the second factor off, with a current code or a recovery code; refused where it is
   * required. Other sessions end; this one stays.
   */
  async disable(user: AuthUser, code: string, ip: string): Promise<void> {
    const [row]: { email: string; enabled: Date | null; required: boolean }[] = await this.db.query(
      `select u.email, u.totp_enabled_at as enabled, ${twoFactorRequiredSql('u', 'r')} as required
           from users u join regions r on r.id = u.region_id where u.id = $1`,
      [user.id],
    );
    if (!row.enabled) {
      throw new ConflictException('Tweestapsverificatie staat niet aan');
    }
    if (row.required) {
      throw new ConflictException({
        statusCode: 409,
        code: 'two_factor_required',
        message:
          'Voor uw rol (of in uw samenwerkingsverband) is tweestapsverificatie verplicht; u kunt hem wel vernieuwen',
      });
    }
    const method = await this.limitedCheck(user.id, row.email, code, ip);
    if (!method) throw fieldError('code', WRONG_CODE, 'wrong');
    await this.txHost.withTransaction(async () => {
      await this.clear(user.id);
      // Off means no session counts as verified: should it become required, each must enrol.
      await this.txHost.tx.query(
        `update sessions set two_factor_verified = false where user_id = $1`,
        [user.id],
      );
      await this.auth.revokeOthers(user.id, user.sessionId);
      const events = [{ entity: 'user', entityId: user.id, action: 'two-factor.disable' }];
      if (method === 'recovery') {
        events.unshift({ entity: 'user', entityId: user.id, action: 'two-factor.recovery-code' });
      }
      await this.audit.recordMany(user, events);
    });
  }

  /**
   * The office resets another user's second factor (a lost phone): it is removed with its
   * recovery codes, and every session of that user ends; at the next log-in they enrol anew
   * (admins and advisors must). Same region only; one's own is renewed on "Mijn account".
   */
  async reset(admin: AuthUser, targetId: string): Promise<void> {
    await this.access.requireAccess(admin, 'user.update', [targetId]);
    const target = await this.db.getRepository(User).findOneByOrFail({ id: targetId });
    if (target.id === admin.id) {
      throw new ConflictException(
        'Uw eigen tweestapsverificatie vernieuwt u op Mijn account; een andere beheerder kan hem herstellen',
      );
    }
    await this.txHost.withTransaction(async () => {
      await this.clear(target.id);
      await this.auth.revokeAll(target.id);
      await this.audit.record(admin, {
        entity: 'user',
        entityId: target.id,
        action: 'two-factor.reset',
      });
    });
  }

  /**
   * The code step of a log-in: the challenge from the password step and a code from the app (or
   * a recovery code) give the session. Failed codes count in the log-in limiter like failed
   * passwords (per account and per address); a code works once.
   */
  async completeLogin(challenge: string, code: string, ip: string): Promise<IssuedTokens> {
    const userId = await this.auth.challengeUser(challenge);
    const [user]: {
      id: string;
      email: string;
      region_id: string;
      role: User['role'];
    }[] = userId
      ? await this.db.query(
          `select id, email, region_id, role from users
            where id = $1 and not disabled and totp_enabled_at is not null`,
          [userId],
        )
      : [];
    if (!user) throw new UnauthorizedException(CHALLENGE_EXPIRED);
    const verdict = await this.limiter.reserve(user.email, ip);
    const method = verdict === 'locked' ? null : await this.check(user.id, code);
    const who = { regionId: user.region_id, userId: user.id, role: user.role, entity: 'session' };
    if (!method) {
      if (verdict !== 'locked') await this.limiter.failed(ip);
      await this.audit.recordAnonymous({
        ...who,
        action: verdict === 'locked' ? 'login.locked' : 'login.two-factor-failed',
      });
      throw new UnauthorizedException(WRONG_CODE);
    }
    await this.limiter.succeeded(user.email);
    const { sessionId, out } = await this.auth.openSession(user.id, true);
    if (method === 'recovery') {
      await this.audit.recordAnonymous({
        ...who,
        entity: 'user',
        entityId: user.id,
        action: 'two-factor.recovery-code',
      });
    }
    await this.audit.recordAnonymous({ ...who, entityId: sessionId, action: 'login.succeeded' });
    return out;
  }

  /** As check, counted by the log-in limiter (a signed-in caller proving the factor again). */
  private async limitedCheck(
    userId: string,
    email: string,
    code: string,
    ip: string,
  ): Promise<Method | null> {
    const verdict = await this.limiter.reserve(email, ip);
    const method = verdict === 'locked' ? null : await this.check(userId, code);
    if (method) await this.limiter.succeeded(email);
    else if (verdict !== 'locked') await this.limiter.failed(ip);
    return method;
  }

  /**
   * A current code of the user's app (each time step accepted once: the step is claimed in one
   * statement, so the same code sent twice at once works once) or an unused recovery code (used
   * up in one statement likewise). Null when neither.
   */
  private async check(userId: string, code: string): Promise<Method | null> {
    if (looksLikeTotp(code)) {
      const [row]: { enc: string | null; last: string | null }[] = await this.db.query(
        `select totp_secret_enc as enc, totp_last_step as last from users
          where id = $1 and totp_enabled_at is not null`,
        [userId],
      );
      if (!row?.enc) return null;
      const step = checkTotp(
        this.cipher.decrypt(row.enc),
        code,
        row.last === null ? null : Number(row.last),
      );
      if (step === null) return null;
      const [claimed]: [unknown[], number] = await this.db.query(
        `update users set totp_last_step = $2
          where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id`,
        [userId, step],
      );
      return claimed.length ? 'totp' : null;
    }
    const typed = normaliseRecoveryCode(code);
    if (!typed) return null;
    const codes: { id: string; code_hash: string }[] = await this.db.query(
      `select id, code_hash from recovery_codes where user_id = $1 and used_at is null`,
      [userId],
    );
    for (const c of codes) {
      if (!(await verifyPassword(c.code_hash, typed))) continue;
      const [used]: [unknown[], number] = await this.db.query(
        `update recovery_codes set used_at = now() where id = $1 and used_at is null returning id`,
        [c.id],
      );
      return used.length ? 'recovery' : null;
    }
    return null;
  }

  /** In the caller's transaction (TransactionHost), as clear. */
  private async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
    const m = this.txHost.tx;
    await m.query(`delete from recovery_codes where user_id = $1`, [userId]);
    await m.query(
      `insert into recovery_codes (user_id, code_hash) select $1, unnest($2::varchar[])`,
      [userId, hashes],
    );
  }

  private async clear(userId: string): Promise<void> {
    const m = this.txHost.tx;
    await m.query(
      `update users set totp_secret_enc = null, totp_enabled_at = null, totp_last_step = null,
              totp_pending_secret_enc = null, totp_pending_at = null
        where id = $1`,
      [userId],
    );
    await m.query(`delete from recovery_codes where user_id = $1`, [userId]);
  }
}
