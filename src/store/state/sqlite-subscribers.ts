/** Subscribers, subscriptions and one-use confirmation tokens of the SQLite state store. */
import type Database from 'better-sqlite3';
import { newToken, now, type Row, subscriberPatch, toSubscriber, toSubscription } from './rows.ts';
import type { Channel, Subscriber, Subscription } from './state-store.ts';

export class SubscriberTables {
  constructor(protected readonly db: Database.Database) {}

  async upsertSubscriber(s: { email?: string | null; phone?: string | null }): Promise<Subscriber> {
    return this.db
      .transaction(() => {
        const byEmail = s.email ? (this.db.prepare('SELECT * FROM subscribers WHERE email = ?').get(s.email) as Row | undefined) : undefined;
        const byPhone = s.phone ? (this.db.prepare('SELECT * FROM subscribers WHERE phone = ?').get(s.phone) as Row | undefined) : undefined;
        const found = byEmail ?? byPhone;
        if (found) {
          if (s.email && !found.email) this.db.prepare('UPDATE subscribers SET email = ? WHERE id = ?').run(s.email, found.id);
          if (s.phone && !found.phone && !byPhone) this.db.prepare('UPDATE subscribers SET phone = ? WHERE id = ?').run(s.phone, found.id);
          return toSubscriber(this.db.prepare('SELECT * FROM subscribers WHERE id = ?').get(found.id) as Row);
        }
        const info = this.db.prepare('INSERT INTO subscribers (email, phone, unsubscribe_token, created_at) VALUES (?, ?, ?, ?)').run(s.email ?? null, s.phone ?? null, newToken(), now());
        return toSubscriber(this.db.prepare('SELECT * FROM subscribers WHERE id = ?').get(info.lastInsertRowid) as Row);
      })
      .immediate();
  }

  async getSubscriber(id: number): Promise<Subscriber | null> {
    const r = this.db.prepare('SELECT * FROM subscribers WHERE id = ?').get(id) as Row | undefined;
    return r ? toSubscriber(r) : null;
  }

  async findSubscriber(q: { email?: string; phone?: string; unsubscribeToken?: string }): Promise<Subscriber | null> {
    const r = (
      q.email
        ? this.db.prepare('SELECT * FROM subscribers WHERE email = ?').get(q.email)
        : q.phone
          ? this.db.prepare('SELECT * FROM subscribers WHERE phone = ?').get(q.phone)
          : this.db.prepare('SELECT * FROM subscribers WHERE unsubscribe_token = ?').get(q.unsubscribeToken ?? '')
    ) as Row | undefined;
    return r ? toSubscriber(r) : null;
  }

  async updateSubscriber(id: number, p: Partial<Pick<Subscriber, 'emailConfirmed' | 'phoneConfirmed' | 'quietStart' | 'quietEnd' | 'dailyCap' | 'weeklyMode'>>): Promise<void> {
    const cols = subscriberPatch(p);
    if (!cols.length) return;
    this.db.prepare(`UPDATE subscribers SET ${cols.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map(([, v]) => v), id);
  }

  async addSubscription(s: Omit<Subscription, 'id' | 'status' | 'createdAt'>): Promise<Subscription> {
    const info = this.db
      .prepare(`INSERT INTO subscriptions (subscriber_id, kind, target, weekly, alerts, channels, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`)
      .run(s.subscriberId, s.kind, s.target, s.weekly ? 1 : 0, s.alerts ? 1 : 0, JSON.stringify(s.channels), now());
    return toSubscription(this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(info.lastInsertRowid) as Row);
  }

  async listSubscriptions(q: { subscriberId?: number; status?: string } = {}): Promise<Subscription[]> {
    const rows = this.db
      .prepare('SELECT * FROM subscriptions WHERE (? IS NULL OR subscriber_id = ?) AND (? IS NULL OR status = ?) ORDER BY id')
      .all(q.subscriberId ?? null, q.subscriberId ?? null, q.status ?? null, q.status ?? null) as Row[];
    return rows.map(toSubscription);
  }

  async setSubscriptionStatus(id: number, status: Subscription['status']): Promise<void> {
    this.db.prepare('UPDATE subscriptions SET status = ? WHERE id = ?').run(status, id);
  }

  async createToken(subscriberId: number, channel: 'email' | 'sms', expiresAt: string): Promise<string> {
    const t = newToken();
    this.db.prepare('INSERT INTO tokens (token, subscriber_id, channel, expires_at) VALUES (?, ?, ?, ?)').run(t, subscriberId, channel, expiresAt);
    return t;
  }

  async useToken(token: string, at: Date = new Date()): Promise<{ subscriberId: number; channel: 'email' | 'sms' } | { error: 'unknown' | 'expired' | 'used' }> {
    return this.db
      .transaction(() => {
        const r = this.db.prepare('SELECT * FROM tokens WHERE token = ?').get(token) as Row | undefined;
        if (!r) return { error: 'unknown' as const };
        if (r.used_at) return { error: 'used' as const };
        if ((r.expires_at as string) < at.toISOString()) return { error: 'expired' as const };
        this.db.prepare('UPDATE tokens SET used_at = ? WHERE token = ?').run(at.toISOString(), token);
        return { subscriberId: r.subscriber_id as number, channel: r.channel as 'email' | 'sms' };
      })
      .immediate();
  }

  async sentSince(subscriberId: number, channel: Channel, sinceIso: string): Promise<number> {
    const r = this.db
      .prepare(`SELECT count(*) AS n FROM outbox o WHERE o.subscriber_id = ? AND o.channel = ? AND o.status IN ('sent','claimed','pending') AND o.kind = 'alert' AND o.created_at >= ?`)
      .get(subscriberId, channel, sinceIso) as Row;
    return r.n as number;
  }
}
