/**
 * Email over SMTP (nodemailer) from MARKETDASH_SMTP_URL (smtp://user:pass@host:port or smtps://…),
 * sender MARKETDASH_MAIL_FROM. Message-ID derives from the idempotency key, so a resend after a
 * crash carries the same id. Every message carries List-Unsubscribe (+ one-click POST).
 * 5xx recipient rejections are permanent; connection failures, timeouts and 4xx are retried.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { UserError } from '../../model/errors.ts';
import type { OutboxRow } from '../../store/state/state-store.ts';
import { type ChannelSender, envInt, type MessagePayload, type SendResult } from './channel.ts';

export class EmailChannel implements ChannelSender {
  readonly name = 'email';
  private transport: Transporter | null = null;

  private get t(): Transporter {
    if (!this.transport) {
      const url = process.env.MARKETDASH_SMTP_URL;
      if (!url) throw new UserError('email needs MARKETDASH_SMTP_URL (smtp://user:pass@host:port) in the environment');
      const timeout = envInt('MARKETDASH_SMTP_TIMEOUT_MS', 15_000);
      this.transport = nodemailer.createTransport(url, { pool: true, maxConnections: 3, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as never);
    }
    return this.transport;
  }

  async send(row: OutboxRow): Promise<SendResult> {
    const p = row.payload as unknown as MessagePayload;
    let transport: Transporter;
    try {
      transport = this.t;
    } catch (e) {
      return { status: 'retry', detail: (e as Error).message };
    }
    const headers: Record<string, string> = {};
    if (p.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${p.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    headers['X-MarketDash-Idempotency-Key'] = row.idempotencyKey;
    try {
      const info = await transport.sendMail({
        from: process.env.MARKETDASH_MAIL_FROM ?? 'MarketDash <alerts@marketdash.invalid>',
        to: row.address,
        subject: p.subject,
        text: p.text,
        html: p.html,
        messageId: `<${row.idempotencyKey}@marketdash>`,
        headers,
      });
      return { status: 'sent', detail: String(info.response ?? 'accepted'), providerId: info.messageId };
    } catch (e) {
      const err = e as { responseCode?: number; code?: string; message: string };
      const permanent = err.responseCode !== undefined && err.responseCode >= 550 && err.responseCode < 560;
      return { status: permanent ? 'dead' : 'retry', detail: `SMTP ${err.responseCode ?? err.code ?? ''}: ${err.message}`.slice(0, 300) };
    }
  }

  /** Close the pooled SMTP connections (a later send opens new ones). */
  async close(): Promise<void> {
    this.transport?.close();
    this.transport = null;
  }
}
