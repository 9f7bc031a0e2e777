import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTransport, Transporter } from 'nodemailer';
import { EnvironmentVariables } from '../../config/env.validation';
import { Metrics } from '../metrics/metrics';

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
  private readonly pending = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    config: ConfigService<EnvironmentVariables, true>,
    // Absent where a module is built without MetricsModule (scripts); counting is then skipped.
    @Optional() private readonly metrics?: Metrics,
  ) {
    const smtp = config.get('SMTP_URL', { infer: true });
    this.from = config.get('MAIL_FROM', { infer: true });
    this.dir = smtp ? null : path.resolve(config.get('MAIL_DIR', { infer: true }));
    this.transport = smtp ? createTransport(smtp) : createTransport({ jsonTransport: true });
  }

  async send(msg: MailMessage): Promise<void> {
    let info: unknown;
    try {
      info = await this.transport.sendMail({
        from: this.from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        headers: { 'X-Overstap-Ref': msg.ref },
      });
    } catch (err) {
      this.metrics?.emailsFailed.inc();
      throw err;
    }
    this.metrics?.emailsSent.inc();
    if (this.dir) {
      await mkdir(this.dir, { recursive: true });
      const file = path.join(this.dir, `${Date.now()}-${msg.ref.replace(/[^\w-]/g, '_')}.json`);
      // Written under a temporary name and renamed, so a reader never sees half a message.
      await writeFile(`${file}.tmp`, String((info as { message?: unknown }).message ?? ''), 'utf8');
      await rename(`${file}.tmp`, file);
      this.logger.debug(`e-mail written to ${file}`);
    }
  }

  /**
   * Sends outside the caller's request, with a few retries, for a message that must not be put in
   * a job (it holds a secret, e.g. a password-reset link). `prepare` also runs after the caller has
   * answered (it may write the secret's hash first; null: nothing to send), so the answer takes as
   * long whether or not an e-mail goes out. Not durable: a message still pending when the process
   * dies is lost (the user asks again). Failures are logged by kind, ref and error code only,
   * never the address or the text. Shutting down waits for these messages.
   */
  sendInBackground(
    kind: string,
    prepare: () => Promise<MailMessage | null>,
    retryDelaysMs: number[] = [2_000, 10_000],
  ): void {
    const run = async () => {
      let msg: MailMessage | null;
      try {
        msg = await prepare();
      } catch (err) {
        this.logger.error(`${kind} e-mail not prepared: ${errorCode(err) || 'error'}`);
        return;
      }
      if (!msg) return;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.send(msg);
          return;
        } catch (err) {
          const last = attempt >= retryDelaysMs.length || this.stopping.signal.aborted;
          const code = errorCode(err);
          this.logger.error(
            `${kind} e-mail ${msg.ref} not sent (attempt ${attempt + 1}${last ? ', giving up' : ''})` +
              (code ? `: ${code}` : ''),
          );
          if (last) return;
          // Shutting down ends the wait at once (and with it the retries).
          const waited = await sleep(retryDelaysMs[attempt], true, {
            signal: this.stopping.signal,
            ref: false,
          }).catch(() => false);
          if (!waited) return;
        }
      }
    };
    // Started on the next turn of the event loop: nothing of it runs inside the caller's request.
    const pending = sleep(0)
      .then(run)
      .finally(() => this.pending.delete(pending));
    this.pending.add(pending);
  }

  /** Waits for background messages (no new retries once stopping), then closes the transport. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.pending]);
    this.transport.close();
  }
}

/** An error's code (nodemailer's `code`, SMTP `responseCode`, PostgreSQL's SQLSTATE): no text. */
function errorCode(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  return [e.code, e.responseCode]
    .filter((c) => typeof c === 'string' || typeof c === 'number')
    .join(' ');
}
