/**
 * The deliverer: claims due outbox rows (a lease makes a crashed claimer's rows due again), checks
 * the suppression list, sends through the row's channel and records the outcome with its attempt.
 * Retries use exponential backoff with jitter; after the last attempt the row is dead (logged).
 * A crash between send and record resends with the same idempotency key (webhook-id, Message-ID,
 * I-Twilio-Idempotency-Token), so the receiver can drop the copy.
 */
import { randomUUID } from 'node:crypto';
import { crashPoint } from '../model/test-crash.ts';
import type { Channel, OutboxRow, StateStore } from '../store/state/state-store.ts';
import { type ChannelSender, envInt } from './channels/channel.ts';
import { EmailChannel } from './channels/email.ts';
import { SmsChannel } from './channels/sms.ts';
import { WebhookChannel } from './channels/webhook.ts';

export type Senders = Partial<Record<Channel, ChannelSender>>;

export function defaultSenders(state: StateStore): Senders {
  return { webhook: new WebhookChannel(state), email: new EmailChannel(), sms: new SmsChannel() };
}

export interface DeliverOptions {
  worker?: string;
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  backoffMs?: number;
  /** Keep going (sleeping) until no row is pending or claimed; default: one pass over what is due. */
  untilIdle?: boolean;
  log?: (line: string) => void;
}

export interface DeliverSummary {
  sent: number;
  retried: number;
  dead: number;
  suppressed: number;
}

/** Delay before attempt n+1 after n failed attempts: base·2^(n−1), capped at 1 h, with jitter in [½, 1]. */
export function backoffDelay(attempts: number, baseMs: number): number {
  const d = Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(d * (0.5 + Math.random() * 0.5));
}

async function deliverOne(state: StateStore, senders: Senders, row: OutboxRow, o: Required<Omit<DeliverOptions, 'log' | 'untilIdle' | 'worker'>>, s: DeliverSummary, log: (l: string) => void) {
  if (await state.isSuppressed(row.channel, row.address)) {
    await state.recordDelivery(row.id, { status: 'suppressed', detail: `${row.channel} ${row.address} is on the suppression list` });
    s.suppressed++;
    return;
  }
  const sender = senders[row.channel];
  crashPoint('after-claim');
  const r = sender ? await sender.send(row) : { status: 'dead' as const, detail: `no sender for channel ${row.channel}` };
  crashPoint('after-send');
  if (r.status === 'retry' && row.attempts >= o.maxAttempts) {
    await state.recordDelivery(row.id, { status: 'dead', detail: `gave up after ${row.attempts} attempts: ${r.detail}` });
    log(`outbox ${row.id} (${row.channel} ${row.address}): gave up after ${row.attempts} attempts: ${r.detail}`);
    s.dead++;
    return;
  }
  if (r.status === 'retry') {
    const delay = Math.max(r.retryAfterMs ?? 0, backoffDelay(row.attempts, o.backoffMs));
    await state.recordDelivery(row.id, { status: 'retry', detail: r.detail, nextAttemptAt: new Date(Date.now() + delay).toISOString() });
    s.retried++;
    return;
  }
  await state.recordDelivery(row.id, { status: r.status, detail: r.detail, providerId: r.providerId });
  if (r.status === 'dead') log(`outbox ${row.id} (${row.channel} ${row.address}): not delivered: ${r.detail}`);
  s[r.status === 'sent' ? 'sent' : r.status === 'dead' ? 'dead' : 'suppressed']++;
}

/** Batch, lease, attempts and backoff: the options given, else the environment's, else the defaults. */
export function deliverySettings(opts: DeliverOptions = {}): Required<Omit<DeliverOptions, 'log' | 'untilIdle' | 'worker'>> {
  return {
    batch: opts.batch ?? 50,
    leaseMs: opts.leaseMs ?? envInt('MARKETDASH_OUTBOX_LEASE_MS', 120_000),
    maxAttempts: opts.maxAttempts ?? envInt('MARKETDASH_DELIVERY_MAX_ATTEMPTS', 8),
    backoffMs: opts.backoffMs ?? envInt('MARKETDASH_DELIVERY_BACKOFF_MS', 30_000),
  };
}

/** Send one row its caller has claimed (a delivery job: `StateStore.claimOutboxRow`) and record the outcome. */
export async function deliverClaimed(state: StateStore, senders: Senders, row: OutboxRow, opts: DeliverOptions = {}): Promise<DeliverSummary> {
  const s: DeliverSummary = { sent: 0, retried: 0, dead: 0, suppressed: 0 };
  await deliverOne(state, senders, row, deliverySettings(opts), s, opts.log ?? ((l: string) => process.stderr.write(`${l}\n`)));
  return s;
}

export async function deliver(state: StateStore, senders: Senders, opts: DeliverOptions = {}): Promise<DeliverSummary> {
  const o = deliverySettings(opts);
  const worker = opts.worker ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const s: DeliverSummary = { sent: 0, retried: 0, dead: 0, suppressed: 0 };
  try {
    await deliverLoop(state, senders, o, worker, s, log, Boolean(opts.untilIdle));
  } finally {
    for (const sender of Object.values(senders)) await sender?.close?.();
  }
  return s;
}

async function deliverLoop(state: StateStore, senders: Senders, o: Required<Omit<DeliverOptions, 'log' | 'untilIdle' | 'worker'>>, worker: string, s: DeliverSummary, log: (l: string) => void, untilIdle: boolean): Promise<void> {
  for (;;) {
    const rows = await state.claimOutbox(worker, o.batch, o.leaseMs);
    for (const row of rows) await deliverOne(state, senders, row, o, s, log);
    if (rows.length > 0) continue;
    if (!untilIdle) break;
    const waiting = [...(await state.listOutbox({ status: 'pending' })), ...(await state.listOutbox({ status: 'claimed' }))];
    if (waiting.length === 0) break;
    const next = Math.min(...waiting.map((w) => Date.parse(w.nextAttemptAt)));
    await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(10, next - Date.now()))));
  }
}
