/**
 * Rows of the state tables → the `StateStore` types, shared by the SQLite and PostgreSQL
 * implementations (both store JSON as text, flags as 0/1 and times as ISO-8601 text).
 */
import { randomBytes } from 'node:crypto';
import type { Channel, NewRule, OutboxRow, Rule, RuleState, StoredEvent, Subscriber, Subscription } from './state-store.ts';

export type Row = Record<string, unknown>;
export const now = () => new Date().toISOString();
export const newToken = () => randomBytes(24).toString('base64url');

export function channelsKey(c: NewRule['channels']): string {
  return JSON.stringify({ email: c.email ?? null, sms: c.sms ?? null, webhook: c.webhook ?? null });
}

export function toRule(r: Row): Rule {
  return {
    id: r.id as number,
    name: (r.name as string) ?? null,
    condition: r.condition as string,
    canonical: r.canonical as string,
    scope: r.scope as string,
    frequency: r.frequency as Rule['frequency'],
    cooldown: r.cooldown as number,
    expires: (r.expires as string) ?? null,
    channels: JSON.parse(r.channels as string),
    state: r.state as RuleState,
    stateReason: r.state_reason as string,
    lastFiredSession: (r.last_fired_session as string) ?? null,
    lastEvaluatedSession: (r.last_evaluated_session as string) ?? null,
    createdAt: r.created_at as string,
  };
}

export function toEvent(r: Row): StoredEvent {
  return { id: r.id as number, ruleId: r.rule_id as number, session: r.session as string, subject: (r.subject as string) || null, value: (r.value as number) ?? null, message: r.message as string, facts: JSON.parse(r.facts as string), createdAt: r.created_at as string };
}

export function toOutbox(r: Row): OutboxRow {
  return {
    id: r.id as number,
    eventId: (r.event_id as number) ?? null,
    kind: r.kind as OutboxRow['kind'],
    subscriberId: (r.subscriber_id as number) ?? null,
    channel: r.channel as Channel,
    address: r.address as string,
    payload: JSON.parse(r.payload as string),
    idempotencyKey: r.idempotency_key as string,
    status: r.status as OutboxRow['status'],
    attempts: r.attempts as number,
    nextAttemptAt: r.next_attempt_at as string,
    lastError: (r.last_error as string) ?? null,
    createdAt: r.created_at as string,
  };
}

export function toDelivery(r: Row) {
  return { id: r.id as number, outboxId: r.outbox_id as number, attempt: r.attempt as number, status: r.status as string, detail: r.detail as string, providerId: (r.provider_id as string) ?? null, at: r.at as string };
}

export function toSubscriber(r: Row): Subscriber {
  return {
    id: r.id as number,
    email: (r.email as string) ?? null,
    phone: (r.phone as string) ?? null,
    emailConfirmed: r.email_confirmed === 1,
    phoneConfirmed: r.phone_confirmed === 1,
    quietStart: (r.quiet_start as number) ?? null,
    quietEnd: (r.quiet_end as number) ?? null,
    dailyCap: r.daily_cap as number,
    weeklyMode: r.weekly_mode as Subscriber['weeklyMode'],
    unsubscribeToken: r.unsubscribe_token as string,
  };
}

export function toSubscription(r: Row): Subscription {
  return {
    id: r.id as number,
    subscriberId: r.subscriber_id as number,
    kind: r.kind as Subscription['kind'],
    target: r.target as string,
    weekly: r.weekly === 1,
    alerts: r.alerts === 1,
    channels: JSON.parse(r.channels as string),
    status: r.status as Subscription['status'],
    createdAt: r.created_at as string,
  };
}

/** The subscriber columns `updateSubscriber` may set, as (column, value) pairs. */
export function subscriberPatch(p: Partial<Pick<Subscriber, 'emailConfirmed' | 'phoneConfirmed' | 'quietStart' | 'quietEnd' | 'dailyCap' | 'weeklyMode'>>): [string, unknown][] {
  const cols: [string, unknown][] = [];
  if (p.emailConfirmed !== undefined) cols.push(['email_confirmed', p.emailConfirmed ? 1 : 0]);
  if (p.phoneConfirmed !== undefined) cols.push(['phone_confirmed', p.phoneConfirmed ? 1 : 0]);
  if (p.quietStart !== undefined) cols.push(['quiet_start', p.quietStart]);
  if (p.quietEnd !== undefined) cols.push(['quiet_end', p.quietEnd]);
  if (p.dailyCap !== undefined) cols.push(['daily_cap', p.dailyCap]);
  if (p.weeklyMode !== undefined) cols.push(['weekly_mode', p.weeklyMode]);
  return cols;
}
