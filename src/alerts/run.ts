/**
 * The live driver: evaluate every active rule as of session D (every series cut at D), and write
 * each fire (event + one outbox row per recipient and channel + the rule's new state) in one
 * transaction. Re-running for the same session writes nothing more (one event per rule and session).
 * A watchlist rule gives one event per member that fires (its subject), each member with its own
 * memory (on-change, cooldown), all in the one transaction.
 */
import { indexOfDate, lastIndexOnOrBefore } from '../facts/pure.ts';
import { UserError } from '../model/errors.ts';
import type { Fire, FireEvent, NewOutbox, Rule, StateStore, Subscriber } from '../store/state/state-store.ts';
import { symbolsOf } from './ast.ts';
import { type Compiled, compileBySubject } from './compile.ts';
import type { AlertData } from './data.ts';
import { fires } from './evaluate.ts';
import { alertEmail, alertSms, alertWebhookBody } from './messages.ts';
import { parseCondition } from './parser.ts';
import { heldByLimits } from './limits.ts';

export interface RunOutcome {
  asOf: string;
  rules: {
    id: number;
    condition: string;
    result: 'fired' | 'not-fired' | 'no-session' | 'expired' | 'skipped' | 'already-fired';
    message?: string;
    outbox?: number;
    /** A watchlist rule: the members that fired (one event each). */
    subjects?: string[];
  }[];
}

interface Recipient {
  subscriber: Subscriber | null;
  channel: 'email' | 'sms' | 'webhook';
  address: string;
}

/** Rule channels, plus confirmed subscribers whose active subscriptions cover the rule (or the member an event is about). */
async function recipients(state: StateStore, rule: Rule, subject: string | null): Promise<Recipient[]> {
  const out: Recipient[] = [];
  if (rule.channels.webhook) out.push({ subscriber: null, channel: 'webhook', address: rule.channels.webhook });
  if (rule.channels.email) out.push({ subscriber: null, channel: 'email', address: rule.channels.email });
  if (rule.channels.sms) out.push({ subscriber: null, channel: 'sms', address: rule.channels.sms });
  const syms = new Set(symbolsOf(parseCondition(rule.condition)));
  if (subject) syms.add(subject);
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

type Detail = ReturnType<Compiled['detail']>;

/**
 * Which subjects fire on `asOf`: the rule's condition (subject null) or, for a watchlist rule, each
 * member with its own memory (the last session that member fired, from the events).
 */
async function firingSubjects(state: StateStore, rule: Rule, data: AlertData, asOf: string) {
  const subjects = await compileBySubject(parseCondition(rule.condition), data);
  const last = subjects.some((x) => x.subject !== null) ? await state.lastFiredBySubject(rule.id) : new Map<string, string>();
  const fired: { subject: string | null; d: Detail }[] = [];
  let onSession = false;
  let already = false;
  for (const { subject, compiled: c } of subjects) {
    const i = indexOfDate(c.dates, asOf);
    if (i < 0) continue;
    onSession = true;
    const lastSession = subject === null ? rule.lastFiredSession : (last.get(subject) ?? null);
    if (lastSession === asOf) {
      already = true;
      continue;
    }
    const lastFired = lastSession ? lastIndexOnOrBefore(c.dates, lastSession) : -1;
    if (fires(c, i, rule.frequency, { lastFired, disarmed: false, cooldown: rule.cooldown })) fired.push({ subject, d: c.detail(i) });
  }
  return { fired, onSession, already };
}

/** The fire of a rule on `asOf`: one event per subject, each with its recipients' outbox rows. */
async function fireOf(state: StateStore, rule: Rule, asOf: string, fired: { subject: string | null; d: Detail }[], now: Date): Promise<Fire> {
  const rcpts: Recipient[][] = [];
  for (const f of fired) rcpts.push(await recipients(state, rule, f.subject));
  const heldAll = await heldByLimits(state, rcpts.flat(), now); // caps count every event of this fire
  let k0 = 0;
  const events = fired.map(({ subject, d }, n): FireEvent => {
    const rcpt = rcpts[n];
    const held = heldAll.slice(k0, k0 + rcpt.length);
    k0 += rcpt.length;
    return {
      subject,
      value: d.value,
      message: d.message,
      facts: d.facts,
      outbox: (ev) => {
        const e = { ...ev, ruleId: rule.id, session: asOf, subject, value: d.value, message: d.message, facts: d.facts, createdAt: '' };
        return rcpt.map((x, k): NewOutbox => ({
          kind: 'alert',
          subscriberId: x.subscriber?.id ?? null,
          channel: x.channel,
          address: x.address,
          idempotencyKey: `msg_evt${ev.id}${subject ? `_${subject}` : ''}_${x.subscriber ? `sub${x.subscriber.id}` : 'rule'}_${x.channel}`,
          payload: (x.channel === 'webhook' ? { subject: d.message, text: d.message, body: alertWebhookBody(rule, e) } : x.channel === 'email' ? alertEmail(rule, e, x.subscriber?.unsubscribeToken ?? null) : alertSms(e)) as unknown as Record<string, unknown>,
          status: held[k] ? 'held' : 'pending',
        }));
      },
    };
  });
  const once = rule.frequency === 'once';
  return { ruleId: rule.id, session: asOf, ruleState: once ? 'fired' : 'active', ruleReason: once ? `fired once on ${asOf}; resume to re-arm` : `last fired ${asOf}`, events };
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
    const { fired, onSession, already } = await firingSubjects(state, rule, data, asOf);
    if (!onSession) {
      out.rules.push({ ...base, result: 'no-session', message: `no data for this condition on ${asOf}` });
      continue;
    }
    if (fired.length === 0) {
      if (!already) await state.markEvaluated(rule.id, asOf);
      out.rules.push({ ...base, result: already ? 'already-fired' : 'not-fired' });
      continue;
    }
    const r = await state.recordFire(await fireOf(state, rule, asOf, fired, opts.now ?? new Date()));
    const subjects = r?.events.flatMap((e) => (e.subject ? [e.subject] : []));
    out.rules.push(
      r ? { ...base, result: 'fired', message: r.events.map((e) => e.message).join('; '), outbox: r.outbox, ...(subjects?.length ? { subjects } : {}) } : { ...base, result: 'already-fired' },
    );
  }
  return out;
}

export function checkAsOf(asOf: unknown): string {
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UserError(`--as-of must be a date YYYY-MM-DD, got '${String(asOf)}'`);
  return asOf;
}
