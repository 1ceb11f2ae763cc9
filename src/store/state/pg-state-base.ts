/**
 * The PostgreSQL state store's connection (a pool whose search_path is the state schema), its
 * transactions, its migrations, and the subscriber tables (subscribers, subscriptions, tokens).
 * Rules, events and the outbox are in `pg-state.ts`.
 */
import type pg from 'pg';
import { UserError } from '../../model/errors.ts';
import { PG_STATE_MIGRATIONS } from './pg-state-migrations.ts';
import { newToken, now, type Row, subscriberPatch, toSubscriber, toSubscription } from './rows.ts';
import type { Channel, Subscriber, Subscription } from './state-store.ts';

const ignore = () => undefined;
export type Q = (sql: string, params?: unknown[]) => Promise<Row[]>;

export class PgStateBase {
  protected constructor(
    protected readonly pool: pg.Pool,
    readonly schema: string,
  ) {}

  protected async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows;
  }

  /** One transaction on one connection; rolled back on any error (a dropped connection rolls back by itself). */
  protected async tx<T>(fn: (q: Q) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    c.on('error', ignore);
    let broken = false;
    try {
      await c.query('BEGIN');
      const r = await fn(async (sql, params = []) => (await c.query(sql, params)).rows);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw e;
    } finally {
      c.off('error', ignore);
      c.release(broken);
    }
  }

  async migrate(): Promise<number> {
    return this.tx(async (q) => {
      // Several processes may start at once: one migrates, the others wait and then see it done.
      await q(`SELECT pg_advisory_xact_lock(hashtext($1 || ':marketdash-state-migrate'))`, [this.schema]);
      await q(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await q(`CREATE TABLE IF NOT EXISTS ${this.schema}.state_schema_version (version INTEGER NOT NULL, name TEXT, applied_at TIMESTAMPTZ)`);
      const current = Number((await q(`SELECT coalesce(max(version), 0) AS v FROM ${this.schema}.state_schema_version`))[0].v);
      const latest = PG_STATE_MIGRATIONS[PG_STATE_MIGRATIONS.length - 1].version;
      if (current > latest) throw new UserError(`state schema version ${current} is newer than this MarketDash (${latest}); upgrade MarketDash`, 'conflict');
      let applied = 0;
      for (const m of PG_STATE_MIGRATIONS) {
        if (m.version <= current) continue;
        await q(m.sql);
        await q(`INSERT INTO ${this.schema}.state_schema_version VALUES ($1, $2, now())`, [m.version, m.name]);
        applied++;
      }
      return applied;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async upsertSubscriber(s: { email?: string | null; phone?: string | null }): Promise<Subscriber> {
    return this.tx(async (q) => {
      // One upsert at a time (as SQLite's BEGIN IMMEDIATE): an email and a phone may name two rows.
      await q(`SELECT pg_advisory_xact_lock(hashtext($1 || ':marketdash-subscribers'))`, [this.schema]);
      const byEmail = s.email ? (await q('SELECT * FROM subscribers WHERE email = $1', [s.email]))[0] : undefined;
      const byPhone = s.phone ? (await q('SELECT * FROM subscribers WHERE phone = $1', [s.phone]))[0] : undefined;
      const found = byEmail ?? byPhone;
      if (found) {
        if (s.email && !found.email) await q('UPDATE subscribers SET email = $1 WHERE id = $2', [s.email, found.id]);
        if (s.phone && !found.phone && !byPhone) await q('UPDATE subscribers SET phone = $1 WHERE id = $2', [s.phone, found.id]);
        return toSubscriber((await q('SELECT * FROM subscribers WHERE id = $1', [found.id]))[0]);
      }
      const r = await q('INSERT INTO subscribers (email, phone, unsubscribe_token, created_at) VALUES ($1, $2, $3, $4) RETURNING *', [s.email ?? null, s.phone ?? null, newToken(), now()]);
      return toSubscriber(r[0]);
    });
  }

  async getSubscriber(id: number): Promise<Subscriber | null> {
    const r = (await this.q('SELECT * FROM subscribers WHERE id = $1', [id]))[0];
    return r ? toSubscriber(r) : null;
  }

  async findSubscriber(q: { email?: string; phone?: string; unsubscribeToken?: string }): Promise<Subscriber | null> {
    const [col, v] = q.email ? ['email', q.email] : q.phone ? ['phone', q.phone] : ['unsubscribe_token', q.unsubscribeToken ?? ''];
    const r = (await this.q(`SELECT * FROM subscribers WHERE ${col} = $1`, [v]))[0];
    return r ? toSubscriber(r) : null;
  }

  async updateSubscriber(id: number, p: Partial<Pick<Subscriber, 'emailConfirmed' | 'phoneConfirmed' | 'quietStart' | 'quietEnd' | 'dailyCap' | 'weeklyMode'>>): Promise<void> {
    const cols = subscriberPatch(p);
    if (!cols.length) return;
    await this.q(`UPDATE subscribers SET ${cols.map(([c], i) => `${c} = $${i + 1}`).join(', ')} WHERE id = $${cols.length + 1}`, [...cols.map(([, v]) => v), id]);
  }

  async addSubscription(s: Omit<Subscription, 'id' | 'status' | 'createdAt'>): Promise<Subscription> {
    const r = await this.q(
      `INSERT INTO subscriptions (subscriber_id, kind, target, weekly, alerts, channels, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING *`,
      [s.subscriberId, s.kind, s.target, s.weekly ? 1 : 0, s.alerts ? 1 : 0, JSON.stringify(s.channels), now()],
    );
    return toSubscription(r[0]);
  }

  async listSubscriptions(q: { subscriberId?: number; status?: string } = {}): Promise<Subscription[]> {
    const rows = await this.q('SELECT * FROM subscriptions WHERE ($1::int IS NULL OR subscriber_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY id', [q.subscriberId ?? null, q.status ?? null]);
    return rows.map(toSubscription);
  }

  async setSubscriptionStatus(id: number, status: Subscription['status']): Promise<void> {
    await this.q('UPDATE subscriptions SET status = $1 WHERE id = $2', [status, id]);
  }

  async createToken(subscriberId: number, channel: 'email' | 'sms', expiresAt: string): Promise<string> {
    const t = newToken();
    await this.q('INSERT INTO tokens (token, subscriber_id, channel, expires_at) VALUES ($1, $2, $3, $4)', [t, subscriberId, channel, expiresAt]);
    return t;
  }

  async useToken(token: string, at: Date = new Date()): Promise<{ subscriberId: number; channel: 'email' | 'sms' } | { error: 'unknown' | 'expired' | 'used' }> {
    return this.tx(async (q) => {
      const r = (await q('SELECT * FROM tokens WHERE token = $1 FOR UPDATE', [token]))[0];
      if (!r) return { error: 'unknown' as const };
      if (r.used_at) return { error: 'used' as const };
      if ((r.expires_at as string) < at.toISOString()) return { error: 'expired' as const };
      await q('UPDATE tokens SET used_at = $1 WHERE token = $2', [at.toISOString(), token]);
      return { subscriberId: r.subscriber_id as number, channel: r.channel as 'email' | 'sms' };
    });
  }

  async sentSince(subscriberId: number, channel: Channel, sinceIso: string): Promise<number> {
    const r = await this.q(
      `SELECT count(*)::int AS n FROM outbox o WHERE o.subscriber_id = $1 AND o.channel = $2 AND o.status IN ('sent','claimed','pending') AND o.kind = 'alert' AND o.created_at >= $3`,
      [subscriberId, channel, sinceIso],
    );
    return r[0].n as number;
  }
}
