import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { EnvironmentVariables } from '../../config/env.validation';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Our own reference (e.g. the notification id): names the JSON file and a header. */
  ref: string;
}

/**
 * Sends e-mail over SMTP_URL; without it, nodemailer's JSON transport writes each message as a
 * JSON file under MAIL_DIR (development and tests). Failures throw, so the job is retried.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly dir: string | null;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    const smtp = config.get('SMTP_URL', { infer: true });
    this.from = config.get('MAIL_FROM', { infer: true });
    this.dir = smtp ? null : path.resolve(config.get('MAIL_DIR', { infer: true }));
    this.transport = smtp ? createTransport(smtp) : createTransport({ jsonTransport: true });
  }

  async send(msg: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: msg.to,
      subject: msg.subject,
      text: msg.text,
      headers: { 'X-Overstap-Ref': msg.ref },
    });
    if (this.dir) {
      await mkdir(this.dir, { recursive: true });
      const file = path.join(this.dir, `${Date.now()}-${msg.ref.replace(/[^\w-]/g, '_')}.json`);
      // Written under a temporary name and renamed, so a reader never sees half a message.
      await writeFile(`${file}.tmp`, String((info as { message?: unknown }).message ?? ''), 'utf8');
      await rename(`${file}.tmp`, file);
      this.logger.debug(`e-mail written to ${file}`);
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
