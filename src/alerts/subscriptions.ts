/**
 * Subscriptions with double opt-in. An email gets a confirmation link ending in
 * `confirm?token=<token>` (one use, 48 h); a phone gets an SMS to answer YES. Subscriptions become
 * active once every channel they use is confirmed. Inbound SMS keywords follow the carriers'
 * conventions: STOP/UNSUBSCRIBE/END/QUIT/CANCEL (suppress the number), HELP/INFO, START/YES.
 */
import { UserError } from '../model/errors.ts';
import type { StateStore, Subscriber, Subscription } from '../store/state/state-store.ts';
import { checkEmail, checkPhone } from './rules.ts';
import { publicUrl, unsubscribeUrl } from './messages.ts';

export interface SubscribeInput {
  email?: string;
  sms?: string;
  symbol?: string;
  pair?: string;
  rule?: number;
  watchlist?: string;
  weekly?: boolean;
  alerts?: boolean;
  /** One combined weekly email instead of one per ticker. */
  combined?: boolean;
  /** Quiet hours in New York time, `22-7`. */
  quiet?: string;
  /** Alert messages per channel per day; beyond it they wait for the digest. */
  dailyCap?: number;
}

export function parseQuiet(q: string, flag = '--quiet'): { quietStart: number; quietEnd: number } {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(q.trim());
  const a = m ? Number(m[1]) : Number.NaN;
  const b = m ? Number(m[2]) : Number.NaN;
  if (!(a >= 0 && a <= 23 && b >= 0 && b <= 23 && a !== b)) throw new UserError(`${flag} must be hours START-END in New York time (0-23), e.g. 22-7, got '${q}'`);
  return { quietStart: a, quietEnd: b };
}

const TOKEN_HOURS = 48;
export const confirmUrl = (token: string) => `${publicUrl()}/api/subscriptions/confirm?token=${encodeURIComponent(token)}`;

function target(i: SubscribeInput, resolve: (s: string) => string): { kind: Subscription['kind']; target: string } {
  const given = [i.symbol, i.pair, i.rule, i.watchlist].filter((x) => x !== undefined && x !== '');
  if (given.length !== 1) throw new UserError('give exactly one of --symbol, --pair, --rule, --watchlist');
  if (i.symbol) return { kind: 'symbol', target: resolve(i.symbol) };
  if (i.pair) {
    const m = /^([^:\s]+):([^:\s]+)$/.exec(i.pair);
    if (!m) throw new UserError(`--pair must be A:B, got '${i.pair}'`);
    return { kind: 'pair', target: `${resolve(m[1])}:${resolve(m[2])}` };
  }
  if (i.rule !== undefined) return { kind: 'rule', target: String(i.rule) };
  if (!/^[A-Za-z0-9_.-]+$/.test(String(i.watchlist))) throw new UserError(`--watchlist: letters, digits, _ . - only, got '${i.watchlist}'`);
  return { kind: 'watchlist', target: String(i.watchlist) };
}

/**
 * Create (or reuse) the subscriber and a pending subscription, and queue the confirmations.
 * `resolve` maps a user symbol to the stored one (throws for an unknown symbol).
 */
export async function subscribe(state: StateStore, input: SubscribeInput, resolve: (s: string) => string): Promise<{ subscriber: Subscriber; subscription: Subscription; confirmations: string[] }> {
  const email = input.email ? checkEmail(input.email) : null;
  const phone = input.sms ? checkPhone(input.sms) : null;
  if (!email && !phone) throw new UserError('give --email and/or --sms');
  const weekly = Boolean(input.weekly);
  const alerts = Boolean(input.alerts);
  if (!weekly && !alerts) throw new UserError('give --weekly and/or --alerts');
  if (weekly && !email) throw new UserError('the weekly insight goes by email: give --email');
  const t = target(input, resolve);
  const quiet = input.quiet ? parseQuiet(input.quiet) : null;
  if (input.dailyCap !== undefined && !(Number.isInteger(input.dailyCap) && input.dailyCap >= 1 && input.dailyCap <= 1000)) throw new UserError(`--daily-cap must be a whole number 1..1000, got '${input.dailyCap}'`);
  if (t.kind === 'rule' && !(await state.getRule(Number(t.target)))) throw new UserError(`no rule #${t.target}`, 'not_found');
  if (email && (await state.isSuppressed('email', email))) throw new UserError(`${email} unsubscribed earlier; it is on the suppression list`, 'conflict');
  const subscriber = await state.upsertSubscriber({ email, phone });
  await state.updateSubscriber(subscriber.id, { ...(quiet ?? {}), ...(input.dailyCap !== undefined ? { dailyCap: input.dailyCap } : {}), ...(input.combined !== undefined ? { weeklyMode: input.combined ? 'combined' : 'per-ticker' } : {}) });
  const channels: ('email' | 'sms')[] = [...(email ? (['email'] as const) : []), ...(phone ? (['sms'] as const) : [])];
  const existing = (await state.listSubscriptions({ subscriberId: subscriber.id })).find((s) => s.status !== 'removed' && s.kind === t.kind && s.target === t.target && s.weekly === weekly && s.alerts === alerts && s.channels.join() === channels.join());
  const subscription = existing ?? (await state.addSubscription({ subscriberId: subscriber.id, ...t, weekly, alerts, channels }));
  const confirmations: string[] = [];
  const expires = new Date(Date.now() + TOKEN_HOURS * 3600_000).toISOString();
  if (email && !subscriber.emailConfirmed) {
    const token = await state.createToken(subscriber.id, 'email', expires);
    const link = confirmUrl(token);
    await state.enqueue([
      {
        kind: 'confirm',
        subscriberId: subscriber.id,
        channel: 'email',
        address: email,
        idempotencyKey: `msg_confirm_${token.slice(0, 16)}`,
        payload: {
          subject: `Confirm your MarketDash subscription (${t.target})`,
          text: `Please confirm that you want MarketDash ${[weekly && 'weekly insights', alerts && 'alerts'].filter(Boolean).join(' and ')} for ${t.target}:\n\n${link}\n\nThe link works once and expires in ${TOKEN_HOURS} hours. If you did not ask for this, ignore this message.\n\nUnsubscribe: ${unsubscribeUrl(subscriber.unsubscribeToken)}\n`,
          html: `<p>Please confirm that you want MarketDash updates for <b>${t.target}</b>:</p><p><a href="${link}">${link}</a></p><p>The link works once and expires in ${TOKEN_HOURS} hours.</p>`,
          unsubscribeUrl: unsubscribeUrl(subscriber.unsubscribeToken),
        },
      },
    ]);
    confirmations.push('email');
  }
  if (phone && !subscriber.phoneConfirmed) {
    if (await state.isSuppressed('sms', phone)) throw new UserError(`${phone} sent STOP earlier; text START to the MarketDash number to allow messages again`, 'conflict');
    await state.enqueue([
      { kind: 'confirm', subscriberId: subscriber.id, channel: 'sms', address: phone, idempotencyKey: `msg_confirm_sms_${subscriber.id}_${subscription.id}`, payload: { subject: 'confirm', text: `MarketDash: reply YES to get ${t.target} alerts. Msg&data rates may apply. Reply HELP for help, STOP to cancel.` } },
    ]);
    confirmations.push('sms');
  }
  await activateConfirmed(state, subscriber.id);
  return { subscriber: (await state.getSubscriber(subscriber.id)) as Subscriber, subscription: (await state.listSubscriptions({ subscriberId: subscriber.id })).find((s) => s.id === subscription.id) as Subscription, confirmations };
}

/** Pending subscriptions whose channels are all confirmed become active. */
export async function activateConfirmed(state: StateStore, subscriberId: number): Promise<number> {
  const sub = await state.getSubscriber(subscriberId);
  if (!sub) return 0;
  let n = 0;
  for (const s of await state.listSubscriptions({ subscriberId, status: 'pending' })) {
    const ok = s.channels.every((c) => (c === 'email' ? sub.emailConfirmed : sub.phoneConfirmed));
    if (ok) {
      await state.setSubscriptionStatus(s.id, 'active');
      n++;
    }
  }
  return n;
}

export async function confirmToken(state: StateStore, token: string): Promise<{ subscriberId: number; activated: number }> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new UserError('confirmation token: malformed');
  const r = await state.useToken(token);
  if ('error' in r) throw new UserError(r.error === 'expired' ? 'confirmation token expired: subscribe again' : r.error === 'used' ? 'confirmation token already used' : 'unknown confirmation token', r.error === 'unknown' ? 'not_found' : 'conflict');
  await state.updateSubscriber(r.subscriberId, r.channel === 'email' ? { emailConfirmed: true } : { phoneConfirmed: true });
  return { subscriberId: r.subscriberId, activated: await activateConfirmed(state, r.subscriberId) };
}

/** One-click unsubscribe: every subscription of the subscriber ends and the addresses are suppressed. */
export async function unsubscribe(state: StateStore, token: string): Promise<Subscriber> {
  const sub = await state.findSubscriber({ unsubscribeToken: token });
  if (!sub) throw new UserError('unknown unsubscribe token', 'not_found');
  for (const s of await state.listSubscriptions({ subscriberId: sub.id })) if (s.status !== 'removed') await state.setSubscriptionStatus(s.id, 'removed');
  if (sub.email) await state.suppress('email', sub.email, 'unsubscribed');
  return sub;
}

const STOP = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'CANCEL'];
const HELP = ['HELP', 'INFO'];
const START = ['START', 'YES', 'UNSTOP'];

/** An inbound SMS (the provider's From/Body). Returns the reply to send back (TwiML body), or null. */
export async function inboundSms(state: StateStore, from: string, body: string): Promise<{ action: 'stop' | 'help' | 'start' | 'ignored'; reply: string | null }> {
  const word = body.trim().toUpperCase().split(/\s+/)[0] ?? '';
  if (STOP.includes(word)) {
    await state.suppress('sms', from, `${word} received`);
    const sub = await state.findSubscriber({ phone: from });
    if (sub) {
      await state.updateSubscriber(sub.id, { phoneConfirmed: false });
      for (const s of await state.listSubscriptions({ subscriberId: sub.id })) {
        if (s.status === 'removed' || !s.channels.includes('sms')) continue;
        // SMS leaves the subscription; one that had only SMS ends.
        if (s.channels.length === 1) await state.setSubscriptionStatus(s.id, 'removed');
      }
    }
    return { action: 'stop', reply: 'MarketDash: you are unsubscribed and will get no more messages. Reply START to resubscribe.' };
  }
  if (HELP.includes(word)) return { action: 'help', reply: `MarketDash market alerts. Reply STOP to cancel. Help: ${publicUrl()}/alerts` };
  if (START.includes(word)) {
    await state.unsuppress('sms', from);
    const sub = await state.findSubscriber({ phone: from });
    if (!sub) return { action: 'start', reply: null };
    await state.updateSubscriber(sub.id, { phoneConfirmed: true });
    await activateConfirmed(state, sub.id);
    return { action: 'start', reply: 'MarketDash: you are subscribed. Reply HELP for help, STOP to cancel.' };
  }
  return { action: 'ignored', reply: null };
}
