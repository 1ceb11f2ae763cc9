/**
 * SMS in Twilio's Messages API format: POST {base}/2010-04-01/Accounts/{sid}/Messages.json,
 * form-encoded To/From/Body (+ StatusCallback), HTTP Basic auth sid:token. Environment:
 * MARKETDASH_SMS_ACCOUNT_SID, MARKETDASH_SMS_AUTH_TOKEN, MARKETDASH_SMS_FROM (E.164),
 * MARKETDASH_SMS_API_BASE (default https://api.twilio.com), MARKETDASH_SMS_STATUS_CALLBACK (optional).
 * 2xx = sent (the provider's sid kept); 429/5xx = retry (Retry-After honoured); other 4xx = dead.
 */
import type { OutboxRow } from '../../store/state/state-store.ts';
import { type ChannelSender, envInt, type MessagePayload, type SendResult } from './channel.ts';

export const E164 = /^\+[1-9]\d{6,14}$/;

export class SmsChannel implements ChannelSender {
  readonly name = 'sms';

  async send(row: OutboxRow): Promise<SendResult> {
    const sid = process.env.MARKETDASH_SMS_ACCOUNT_SID;
    const token = process.env.MARKETDASH_SMS_AUTH_TOKEN;
    const from = process.env.MARKETDASH_SMS_FROM;
    if (!sid || !token || !from) return { status: 'retry', detail: 'SMS needs MARKETDASH_SMS_ACCOUNT_SID, MARKETDASH_SMS_AUTH_TOKEN and MARKETDASH_SMS_FROM' };
    const base = (process.env.MARKETDASH_SMS_API_BASE ?? 'https://api.twilio.com').replace(/\/$/, '');
    const p = row.payload as unknown as MessagePayload;
    const form = new URLSearchParams({ To: row.address, From: from, Body: p.text });
    if (process.env.MARKETDASH_SMS_STATUS_CALLBACK) form.set('StatusCallback', process.env.MARKETDASH_SMS_STATUS_CALLBACK);
    let res: Response;
    try {
      res = await fetch(`${base}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          'i-twilio-idempotency-token': row.idempotencyKey,
        },
        body: form.toString(),
        signal: AbortSignal.timeout(envInt('MARKETDASH_SMS_TIMEOUT_MS', 10_000)),
      });
    } catch (e) {
      return { status: 'retry', detail: `network error: ${(e as Error).message}` };
    }
    const text = await res.text();
    let j: { sid?: string; message?: string } = {};
    try {
      j = JSON.parse(text);
    } catch {}
    if (res.status >= 200 && res.status < 300) return { status: 'sent', detail: `HTTP ${res.status}`, providerId: j.sid };
    const ra = Number(res.headers.get('retry-after'));
    if (res.status === 429 || res.status >= 500) return { status: 'retry', detail: `HTTP ${res.status}`, retryAfterMs: Number.isFinite(ra) && ra > 0 ? ra * 1000 : undefined };
    return { status: 'dead', detail: `HTTP ${res.status}: ${j.message ?? text.slice(0, 200)}` };
  }
}
