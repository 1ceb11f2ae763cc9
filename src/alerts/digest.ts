/**
 * The weekly insight: for the week ending D, every confirmed weekly subscriber gets, per ticker (or
 * in one combined email, their choice), the ticker's insight article (HTML + text) and the alerts
 * that fired that week, plus anything held back by quiet hours or caps. Idempotency keys make a
 * second run for the same week queue nothing new.
 */
import { addDays } from '../facts/pure.ts';
import type { NewOutbox, StateStore, StoredEvent, Subscriber, Subscription } from '../store/state/state-store.ts';
import { subjectWatchlist, symbolsOf } from './ast.ts';
import type { MessagePayload } from './channels/channel.ts';
import { unsubscribeUrl } from './messages.ts';
import { parseCondition } from './parser.ts';

export interface Insight {
  title: string;
  html: string;
  text: string;
}

export type InsightRenderer = (kind: 'symbol' | 'pair', target: string, weekEnding: string) => Promise<Insight>;

export interface DigestPlanItem {
  to: string;
  subscriberId: number;
  subject: string;
  targets: string[];
  alerts: { date: string; message: string }[];
  held: number;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function weekEvents(state: StateStore, weekEnding: string): Promise<(StoredEvent & { condition: string; symbols: Set<string>; watchlist: string | null })[]> {
  const from = addDays(weekEnding, -6);
  const events = await state.listEvents({ from, to: weekEnding, limit: 10_000 });
  return events
    .map((e) => {
      const cond = parseCondition(e.condition);
      // A watchlist rule's event is about its member (subject): it belongs with that ticker.
      return { ...e, symbols: new Set([...symbolsOf(cond), ...(e.subject ? [e.subject] : [])]), watchlist: subjectWatchlist(cond) };
    })
    .reverse();
}

function relevant(e: { symbols: Set<string>; ruleId: number; watchlist: string | null }, s: Subscription): boolean {
  if (s.kind === 'symbol') return e.symbols.has(s.target);
  if (s.kind === 'pair') return s.target.split(':').some((x) => e.symbols.has(x));
  if (s.kind === 'rule') return String(e.ruleId) === s.target;
  if (s.kind === 'watchlist') return e.watchlist === s.target;
  return false;
}

function compose(sub: Subscriber, weekEnding: string, parts: { insight: Insight | null; target: string; alerts: StoredEvent[] }[], held: string[]): MessagePayload {
  const unsub = unsubscribeUrl(sub.unsubscribeToken);
  const alertsText = (a: StoredEvent[]) => (a.length ? a.map((e) => `- ${e.session}: ${e.message}`).join('\n') : '- none this week');
  const text = [
    `MarketDash weekly insight, week ending ${weekEnding}`,
    ...parts.map((p) => `\n== ${p.target} ==\n\n${p.insight ? p.insight.text : '(no insight: no data for this week)'}\n\nAlerts this week:\n${alertsText(p.alerts)}`),
    held.length ? `\nHeld back during quiet hours or over your daily cap:\n${held.map((h) => `- ${h}`).join('\n')}` : '',
    `\nUnsubscribe: ${unsub}`,
  ].join('\n');
  const html = [
    `<h1>MarketDash weekly insight, week ending ${weekEnding}</h1>`,
    ...parts.map((p) => `<section><h2>${esc(p.target)}</h2>${p.insight ? p.insight.html : '<p>No insight: no data for this week.</p>'}<h3>Alerts this week</h3><ul>${p.alerts.length ? p.alerts.map((e) => `<li>${e.session}: ${esc(e.message)}</li>`).join('') : '<li>none this week</li>'}</ul></section>`),
    held.length ? `<h3>Held back</h3><ul>${held.map((h) => `<li>${esc(h)}</li>`).join('')}</ul>` : '',
    `<p><a href="${esc(unsub)}">Unsubscribe</a></p>`,
  ].join('\n');
  return { subject: `MarketDash weekly: ${parts.map((p) => p.target).join(', ')} (week ending ${weekEnding})`, text, html, unsubscribeUrl: unsub };
}

/** Build (and unless dryRun, queue) the week's digests. */
export async function weeklyDigest(state: StateStore, weekEnding: string, render: InsightRenderer, opts: { dryRun?: boolean } = {}): Promise<DigestPlanItem[]> {
  const events = await weekEvents(state, weekEnding);
  const bySub = new Map<number, Subscription[]>();
  for (const s of await state.listSubscriptions({ status: 'active' })) {
    if (!s.weekly || !s.channels.includes('email')) continue;
    bySub.set(s.subscriberId, [...(bySub.get(s.subscriberId) ?? []), s]);
  }
  const plan: DigestPlanItem[] = [];
  const cache = new Map<string, Promise<Insight | null>>();
  const insight = (s: Subscription) => {
    const k = `${s.kind}:${s.target}`;
    if (!cache.has(k)) cache.set(k, s.kind === 'symbol' || s.kind === 'pair' ? render(s.kind, s.target, weekEnding).catch(() => null) : Promise.resolve(null));
    return cache.get(k) as Promise<Insight | null>;
  };
  for (const [id, subs] of bySub) {
    const sub = await state.getSubscriber(id);
    if (!sub?.email || !sub.emailConfirmed || (await state.isSuppressed('email', sub.email))) continue;
    const parts = [];
    for (const s of subs) parts.push({ insight: await insight(s), target: s.target, alerts: events.filter((e) => relevant(e, s)) });
    const heldRows = opts.dryRun ? (await state.listOutbox({ status: 'held' })).filter((r) => r.subscriberId === id && r.channel === 'email') : await state.releaseHeld(id, 'email');
    const held = heldRows.map((r) => String((r.payload as { subject?: string }).subject ?? ''));
    const groups = sub.weeklyMode === 'combined' ? [parts] : parts.map((p) => [p]);
    const rows: NewOutbox[] = [];
    groups.forEach((g, k) => {
      const payload = compose(sub, weekEnding, g, k === 0 ? held : []);
      plan.push({ to: sub.email as string, subscriberId: id, subject: payload.subject, targets: g.map((p) => p.target), alerts: g.flatMap((p) => p.alerts.map((e) => ({ date: e.session, message: e.message }))), held: k === 0 ? held.length : 0 });
      rows.push({ kind: 'weekly', subscriberId: id, channel: 'email', address: sub.email as string, idempotencyKey: `msg_weekly_${weekEnding}_sub${id}_${g.map((p) => p.target).join('+')}`, payload: payload as unknown as Record<string, unknown> });
    });
    if (!opts.dryRun) await state.enqueue(rows);
  }
  return plan;
}
