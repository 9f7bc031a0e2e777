import { Injectable, Logger } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { MailService } from '../mail/mail.service';
import { emailText } from './email-text';

/** Sends the e-mail of one notice, once: skipped when already e-mailed. Errors throw (retry). */
@Injectable()
export class NotificationEmailer {
  private readonly logger = new Logger(NotificationEmailer.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly mail: MailService,
  ) {}

  /**
   * Returns whether an e-mail was sent. The row lock keeps two workers from sending the same
   * notice; a crash after sending and before commit sends it again on retry (at least once,
   * never silently lost).
   */
  @Transactional()
  async send(notificationId: string): Promise<boolean> {
    const m = this.txHost.tx;
    const rows: {
      id: string;
      kind: string;
      subject: string;
      link: string | null;
      emailed_at: Date | null;
      email: string;
      disabled: boolean;
    }[] = await m.query(
      `select n.id, n.kind, n.subject, n.link, n.emailed_at, u.email, u.disabled
         from notifications n join users u on u.id = n.user_id
        where n.id = $1 for update of n`,
      [notificationId],
    );
    const n = rows[0];
    if (!n) {
      this.logger.warn(`notification ${notificationId} not found; nothing sent`);
      return false;
    }
    if (n.emailed_at || n.disabled) return false;
    await this.mail.send({
      to: n.email,
      subject: `Overstap: ${n.subject}`,
      text: emailText(n.kind, n.link),
      ref: n.id,
    });
    await m.query(`update notifications set emailed_at = now() where id = $1`, [n.id]);
    return true;
  }
}
