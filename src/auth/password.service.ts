import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { AuditService } from '../audit/audit.service';
import { fieldError } from '../common/validation';
import { MailService } from '../mail/mail.service';
import { User } from '../users/user.entity';
import { AuthUser } from './auth-user';
import { AuthService, sha256 } from './auth.service';
import { passwordResetEmail } from './password-reset-email';
import { hashPassword, verifyPassword } from './passwords';

export const RESET_TTL_MS = 60 * 60 * 1000;
/** The one answer to "wachtwoord vergeten", whether or not the address is known. */
export const FORGOT_ANSWER =
  'Als dit e-mailadres bij Overstap bekend is, ontvangt u binnen enkele minuten een e-mail met ' +
  'een link om een nieuw wachtwoord in te stellen. De link is 1 uur geldig.';
export const LINK_USED =
  'Deze link is al gebruikt of verlopen. Vraag via "Wachtwoord vergeten" een nieuwe link aan.';
const WRONG_CURRENT = 'Het huidige wachtwoord klopt niet';

/** Forgotten, reset and changed passwords. Hashing and the length rule are those of passwords.ts. */
@Injectable()
export class PasswordService {
  private readonly logger = new Logger(PasswordService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * E-mails a reset link to an enabled account. The caller gets the same answer in about the
   * same time either way: the request itself only looks the address up; the link is made (its
   * sha256 stored, older unused links dropped) and e-mailed after the answer. The token exists
   * only in the e-mail: it is never stored, put in a job or logged.
   */
  async forgot(email: string): Promise<void> {
    const [user]: { id: string; email: string }[] = await this.db.query(
      `select id, email from users where lower(email) = lower($1) and not disabled`,
      [email],
    );
    if (!user) return;
    // Not through the notifications queue: its jobs carry ids only, and this e-mail's content is
    // a secret that cannot be rebuilt from the database, which keeps only its hash.
    this.mail.sendInBackground('password-reset', async () => {
      const token = randomBytes(32).toString('base64url');
      const id = await this.issueLink(user.id, sha256(token));
      if (!id) return null;
      const base = this.config.get('PUBLIC_URL', { infer: true }).replace(/\/+$/, '');
      const link = `${base}/wachtwoord-herstellen?token=${token}`;
      return { to: user.email, ...passwordResetEmail(link), ref: `password-reset-${id}` };
    });
  }

  /** Stores a new link's hash, dropping the user's older unused ones; null if now disabled. */
  private async issueLink(userId: string, tokenHash: string): Promise<string | null> {
    return this.txHost.withTransaction(async () => {
      const m = this.txHost.tx;
      // The row lock keeps two requests at once from leaving two live links.
      const found: unknown[] = await m.query(
        `select 1 from users where id = $1 and not disabled for update`,
        [userId],
      );
      if (!found.length) return null;
      await this.dropUnusedLinks(userId);
      const [row]: { id: string }[] = await m.query(
        `insert into password_reset_tokens (user_id, token_hash, expires_at)
         values ($1, $2, $3) returning id`,
        [userId, tokenHash, new Date(Date.now() + RESET_TTL_MS)],
      );
      this.logger.log(`password reset link ${row.id} issued`);
      return row.id;
    });
  }

  /** Sets a new password with a link's token: once, within the hour; ends every session. */
  async reset(token: string, password: string): Promise<void> {
    // Hashed before the transaction: no lock is held meanwhile, and a bad link costs as much.
    const passwordHash = await hashPassword(password);
    await this.txHost.withTransaction(async () => {
      const m = this.txHost.tx;
      // Claims the token in one statement: of two uses at once, only one finds it unused.
      const [rows]: [
        { id: string; region_id: string; role: User['role']; school_ids: string[] }[],
        number,
      ] = await m.query(
        `update password_reset_tokens t set used_at = now()
             from users u
            where t.token_hash = $1 and t.used_at is null and t.expires_at > now()
              and u.id = t.user_id and not u.disabled
          returning u.id, u.region_id, u.role,
                    array(select us.school_id from user_schools us where us.user_id = u.id) as school_ids`,
        [sha256(token)],
      );
      const u = rows[0];
      if (!u) throw fieldError('token', LINK_USED);
      const actor: AuthUser = {
        id: u.id,
        regionId: u.region_id,
        role: u.role,
        schoolIds: u.school_ids ?? [],
        sessionId: '',
      };
      await this.setPassword(actor, passwordHash);
      await this.auth.revokeAll(u.id);
    });
  }

  /** The signed-in user's own change: the current password first; other sessions end. */
  async change(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const found = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: user.id })
      .getOne();
    if (!found || !(await verifyPassword(found.passwordHash, currentPassword))) {
      throw fieldError('currentPassword', WRONG_CURRENT);
    }
    const passwordHash = await hashPassword(newPassword);
    await this.txHost.withTransaction(async () => {
      await this.setPassword(user, passwordHash);
      await this.auth.revokeOthers(user.id, user.sessionId);
    });
  }

  /** In the caller's transaction (with the sessions it ends). */
  private async setPassword(user: AuthUser, passwordHash: string) {
    await this.txHost.tx.getRepository(User).update(user.id, { passwordHash });
    // A link asked for before the change must not open the account afterwards.
    await this.dropUnusedLinks(user.id);
    await this.audit.record(user, { entity: 'user', entityId: user.id, action: 'update.password' });
  }

  private async dropUnusedLinks(userId: string): Promise<void> {
    await this.txHost.tx.query(
      `delete from password_reset_tokens where user_id = $1 and used_at is null`,
      [userId],
    );
  }
}
