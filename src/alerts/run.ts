/**
 * The live driver: evaluate every active rule as of session D (every series cut at D), and write
 * each fire (event + one outbox row per recipient and channel + the rule's new state) in one
 * transaction. Re-running for the same session writes nothing more (one event per rule and session).
 */
import { indexOfDate, lastIndexOnOrBefore } from '../facts/pure.ts';
import { UserError } from '../model/errors.ts';
import type { NewOutbox, Rule, StateStore, Subscriber } from '../store/state/state-store.ts';
import { symbolsOf } from './ast.ts';
import { compile } from './compile.ts';
import type { AlertData } from './data.ts';
import { fires } from './evaluate.ts';
import { alertEmail, alertSms, alertWebhookBody } from './messages.ts';
import { parseCondition } from './parser.ts';
import { heldByLimits } from './limits.ts';

export interface RunOutcome {
  asOf: string;
  rules: { id: number; condition: string; result: 'fired' | 'not-fired' | 'no-session' | 'expired' | 'skipped' | 'already-fired'; message?: string; outbox?: number }[];
}

interface Recipient {
  subscriber: Subscriber | null;
  channel: 'email' | 'sms' | 'webhook';
  address: string;
}

/** Rule channels, plus confirmed subscribers whose active subscriptions cover the rule. */
async function recipients(state: StateStore, rule: Rule): Promise<Recipient[]> {
  const out: Recipient[] = [];
  if (rule.channels.webhook) out.push({ subscriber: null, channel: 'webhook', address: rule.channels.webhook });
  if (rule.channels.email) out.push({ subscriber: null, channel: 'email', address: rule.channels.email });
  if (rule.channels.sms) out.push({ subscriber: null, channel: 'sms', address: rule.channels.sms });
  const syms = new Set(symbolsOf(parseCondition(rule.condition)));
  const seen = new Set<string>();
  for (const s of await state.listSubscriptions({ status: 'active' })) {
    if (!s.alerts) continue;
    const match =
      (s.kind === 'rule' && s.target === String(rule.id)) ||
      (s.kind === 'symbol' && syms.has(s.target)) ||
      (s.kind === 'pair' && s.target.split(':').every((x) => syms.has(x))) ||
      (s.kind === 'watchlist' && rule.scope === `watchlist:${s.target}`);
    if (!match) continue;
    const sub = await state.getSubscriber(s.subscriberId);
    if (!sub) continue;
    for (const ch of s.channels) {
      const address = ch === 'email' ? sub.email : sub.phone;
      const ok = ch === 'email' ? sub.emailConfirmed : sub.phoneConfirmed;
      if (!address || !ok || seen.has(`${sub.id}:${ch}`)) continue;
      seen.add(`${sub.id}:${ch}`);
      out.push({ subscriber: sub, channel: ch, address });
    }
  }
  return out;
}

export async function runAlerts(state: StateStore, data: AlertData, asOf: string, opts: { ruleId?: number; now?: Date } = {}): Promise<RunOutcome> {
  const out: RunOutcome = { asOf, rules: [] };
  for (const rule of await state.listRules()) {
    if (opts.ruleId !== undefined && rule.id !== opts.ruleId) continue;
    const base = { id: rule.id, condition: rule.condition };
    if (rule.state !== 'active') {
      out.rules.push({ ...base, result: 'skipped', message: `${rule.state}: ${rule.stateReason}` });
      continue;
    }
    if (rule.expires && asOf > rule.expires) {
      await state.setRuleState(rule.id, 'expired', `expired on ${rule.expires}`);
      out.rules.push({ ...base, result: 'expired' });
      continue;
    }
    const c = await compile(parseCondition(rule.condition), data);
    const i = indexOfDate(c.dates, asOf);
    if (i < 0) {
      out.rules.push({ ...base, result: 'no-session', message: `no data for this condition on ${asOf}` });
      continue;
    }
    if (rule.lastFiredSession === asOf) {
      out.rules.push({ ...base, result: 'already-fired' });
      continue;
    }
    const lastFired = rule.lastFiredSession ? lastIndexOnOrBefore(c.dates, rule.lastFiredSession) : -1;
    if (!fires(c, i, rule.frequency, { lastFired, disarmed: false, cooldown: rule.cooldown })) {
      await state.markEvaluated(rule.id, asOf);
      out.rules.push({ ...base, result: 'not-fired' });
      continue;
    }
    const d = c.detail(i);
    const rcpt = await recipients(state, rule);
    const held = await heldByLimits(state, rcpt, opts.now ?? new Date());
    const r = await state.recordFire({
      ruleId: rule.id,
      session: asOf,
      value: d.value,
      message: d.message,
      facts: d.facts,
      ruleState: rule.frequency === 'once' ? 'fired' : 'active',
      ruleReason: rule.frequency === 'once' ? `fired once on ${asOf}; resume to re-arm` : `last fired ${asOf}`,
      outbox: (ev) => {
        const e = { ...ev, ruleId: rule.id, session: asOf, value: d.value, message: d.message, facts: d.facts, createdAt: '' };
        return rcpt.map((x, k): NewOutbox => ({
          kind: 'alert',
          subscriberId: x.subscriber?.id ?? null,
          channel: x.channel,
          address: x.address,
          idempotencyKey: `msg_evt${ev.id}_${x.subscriber ? `sub${x.subscriber.id}` : 'rule'}_${x.channel}`,
          payload: (x.channel === 'webhook' ? { subject: d.message, text: d.message, body: alertWebhookBody(rule, e) } : x.channel === 'email' ? alertEmail(rule, e, x.subscriber?.unsubscribeToken ?? null) : alertSms(e)) as unknown as Record<string, unknown>,
          status: held[k] ? 'held' : 'pending',
        }));
      },
    });
    out.rules.push(r ? { ...base, result: 'fired', message: d.message, outbox: r.outbox } : { ...base, result: 'already-fired' });
  }
  return out;
}

export function checkAsOf(asOf: unknown): string {
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UserError(`--as-of must be a date YYYY-MM-DD, got '${String(asOf)}'`);
  return asOf;
}
