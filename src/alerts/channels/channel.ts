/**
 * Delivery channels behind one interface. A channel sends one outbox row and says what happened;
 * the deliverer (../deliver.ts) records it and schedules retries. Credentials come from the
 * environment only and never appear in results or logs.
 */
import type { OutboxRow } from '../../store/state/state-store.ts';

export interface SendResult {
  /** sent; retry (transient: 5xx, 429, timeout, network); dead (permanent); suppressed (never sent). */
  status: 'sent' | 'retry' | 'dead' | 'suppressed';
  detail: string;
  providerId?: string;
  /** A provider's Retry-After, when it gave one. */
  retryAfterMs?: number;
}

export interface ChannelSender {
  readonly name: string;
  send(row: OutboxRow): Promise<SendResult>;
  close?(): Promise<void>;
}

/** Message content stored in an outbox row's payload (rendered when the row is written). */
export interface MessagePayload {
  subject: string;
  text: string;
  html?: string;
  /** Webhook body (JSON). */
  body?: unknown;
  /** Public unsubscribe URL (email/SMS footers, List-Unsubscribe). */
  unsubscribeUrl?: string;
}

export function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  const n = v === undefined || v === '' ? Number.NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : dflt;
}
