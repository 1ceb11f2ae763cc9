/**
 * Webhooks signed per the Standard Webhooks spec (`standardwebhooks`): webhook-id = the outbox
 * row's idempotency key (the same on every retry), webhook-timestamp = seconds of this attempt,
 * webhook-signature = v1,base64(HMAC-SHA256(id.timestamp.body)) with MARKETDASH_WEBHOOK_SECRET
 * (`whsec_<base64>`). 2xx = sent; 410 = the endpoint is disabled; 429/5xx/timeout = retry; other 4xx = dead.
 * The request connects only to the addresses the SSRF guard checked (no second DNS lookup); no redirects are followed.
 */
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { UserError } from '../../model/errors.ts';
import type { OutboxRow, StateStore } from '../../store/state/state-store.ts';
import { type ChannelSender, envInt, type SendResult } from './channel.ts';
import { pinnedLookup, type Resolved, type Resolver, vetWebhookUrl } from './ssrf.ts';

export function webhookSecret(): string {
  const s = process.env.MARKETDASH_WEBHOOK_SECRET;
  if (!s) throw new UserError('webhooks need MARKETDASH_WEBHOOK_SECRET (whsec_<base64 key>) in the environment');
  if (!/^whsec_[A-Za-z0-9+/=]{16,}$/.test(s)) throw new UserError('MARKETDASH_WEBHOOK_SECRET must look like whsec_<base64 key>');
  return s;
}

/** POST with node:http(s), connecting only to the vetted addresses when the guard is on. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, addresses: Resolved[] | null): Promise<{ status: number; retryAfter: string | null }> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal: AbortSignal.timeout(timeoutMs), ...(addresses ? { lookup: pinnedLookup(addresses) as never } : {}) },
      (res) => {
        res.on('error', reject);
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export class WebhookChannel implements ChannelSender {
  readonly name = 'webhook';
  constructor(
    private readonly state: StateStore,
    private readonly resolver?: Resolver,
  ) {}

  async send(row: OutboxRow): Promise<SendResult> {
    const disabled = await this.state.webhookDisabled(row.address);
    if (disabled) return { status: 'dead', detail: `endpoint disabled: ${disabled}` };
    let vetted: Awaited<ReturnType<typeof vetWebhookUrl>>;
    try {
      vetted = await vetWebhookUrl(row.address, '--webhook', this.resolver);
    } catch (e) {
      return { status: 'dead', detail: (e as Error).message };
    }
    let wh: Webhook;
    try {
      wh = new Webhook(webhookSecret());
    } catch (e) {
      return { status: 'dead', detail: (e as Error).message };
    }
    const body = JSON.stringify(row.payload.body ?? row.payload);
    const at = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'MarketDash-Webhooks/1',
      'webhook-id': row.idempotencyKey,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': wh.sign(row.idempotencyKey, at, body),
    };
    const timeout = envInt('MARKETDASH_WEBHOOK_TIMEOUT_MS', 10_000);
    let res: { status: number; retryAfter: string | null };
    try {
      res = await post(vetted.url, headers, body, timeout, vetted.addresses);
    } catch (e) {
      const name = (e as Error).name;
      return { status: 'retry', detail: name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${timeout} ms` : `network error: ${(e as Error).message}` };
    }
    if (res.status >= 200 && res.status < 300) return { status: 'sent', detail: `HTTP ${res.status}` };
    if (res.status === 410) {
      await this.state.disableWebhook(row.address, 'the receiver answered 410 Gone');
      return { status: 'dead', detail: 'HTTP 410: endpoint disabled' };
    }
    const ra = Number(res.retryAfter);
    if (res.status === 429 || res.status >= 500) return { status: 'retry', detail: `HTTP ${res.status}`, retryAfterMs: Number.isFinite(ra) && ra > 0 ? ra * 1000 : undefined };
    return { status: 'dead', detail: `HTTP ${res.status}` };
  }
}
