/**
 * Quiet hours (America/New_York) and per-channel daily caps per subscriber: a message that falls in
 * quiet hours or over the cap is held (status `held`) and goes out in the subscriber's next digest.
 */
import type { StateStore, Subscriber } from '../store/state/state-store.ts';

export function nyHour(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(at));
}

export function inQuietHours(s: Subscriber, at: Date): boolean {
  if (s.quietStart === null || s.quietEnd === null) return false;
  const h = nyHour(at);
  return s.quietStart <= s.quietEnd ? h >= s.quietStart && h < s.quietEnd : h >= s.quietStart || h < s.quietEnd;
}

export async function heldByLimits(state: StateStore, rcpt: { subscriber: Subscriber | null; channel: 'email' | 'sms' | 'webhook' }[], at: Date): Promise<boolean[]> {
  const dayAgo = new Date(at.getTime() - 24 * 3600_000).toISOString();
  const extra = new Map<string, number>();
  const out: boolean[] = [];
  for (const r of rcpt) {
    if (!r.subscriber || r.channel === 'webhook') {
      out.push(false);
      continue;
    }
    const key = `${r.subscriber.id}:${r.channel}`;
    const n = (await state.sentSince(r.subscriber.id, r.channel, dayAgo)) + (extra.get(key) ?? 0);
    const held = inQuietHours(r.subscriber, at) || n >= r.subscriber.dailyCap;
    if (!held) extra.set(key, (extra.get(key) ?? 0) + 1);
    out.push(held);
  }
  return out;
}
