/** Rendering of alert messages for each channel (stored in the outbox payload when the event fires). */
import type { Rule, StoredEvent } from '../store/state/state-store.ts';
import type { MessagePayload } from './channels/channel.ts';

export const publicUrl = () => (process.env.MARKETDASH_PUBLIC_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const unsubscribeUrl = (token: string) => `${publicUrl()}/api/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function alertWebhookBody(rule: Rule, e: StoredEvent) {
  return {
    type: 'alert.fired',
    rule: { id: rule.id, name: rule.name, condition: rule.condition, frequency: rule.frequency, scope: rule.scope },
    event: { id: e.id, date: e.session, subject: e.subject, value: e.value, message: e.message, facts: e.facts },
  };
}

export function alertEmail(rule: Rule, e: StoredEvent, unsubToken: string | null): MessagePayload {
  const unsub = unsubToken ? unsubscribeUrl(unsubToken) : undefined;
  const facts = (e.facts as { label: string; value: unknown; unit: string; formula: string }[])
    .map((f) => `- ${f.label}: ${typeof f.value === 'number' ? Number(f.value.toFixed(4)) : f.value} ${f.unit} (${f.formula})`)
    .join('\n');
  const member = e.subject ? `, member ${e.subject}` : '';
  const text = `${e.message}\n\nRule #${rule.id}: ${rule.condition} (${rule.frequency}), session ${e.session}${member}\n\nFacts:\n${facts}\n${unsub ? `\nUnsubscribe: ${unsub}\n` : ''}`;
  const html = `<p>${esc(e.message)}</p><p>Rule #${rule.id}: <code>${esc(rule.condition)}</code> (${rule.frequency}), session ${e.session}${esc(member)}</p><ul>${facts
    .split('\n')
    .map((l) => `<li>${esc(l.slice(2))}</li>`)
    .join('')}</ul>${unsub ? `<p><a href="${esc(unsub)}">Unsubscribe</a></p>` : ''}`;
  return { subject: `MarketDash alert: ${e.message.slice(0, 90)}`, text, html, unsubscribeUrl: unsub };
}

export function alertSms(e: StoredEvent): MessagePayload {
  const body = `MarketDash: ${e.message}`;
  return { subject: 'alert', text: `${body.length > 300 ? `${body.slice(0, 297)}...` : body} Reply STOP to stop, HELP for help.` };
}
