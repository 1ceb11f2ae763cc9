/**
 * The state store on SQLite (better-sqlite3, WAL): several processes (server, CLI, scheduler,
 * deliverers) write it safely; each write is one short transaction, and busy_timeout makes a
 * writer wait for another instead of failing. Subscribers live in `sqlite-subscribers.ts`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { crashPoint } from '../../model/test-crash.ts';
import { STATE_MIGRATIONS } from './sqlite-migrations.ts';
import { SubscriberTables } from './sqlite-subscribers.ts';
import { channelsKey, now, type Row, toDelivery, toEvent, toOutbox, toRule } from './rows.ts';
import type { Channel, Fire, NewOutbox, NewRule, OutboxRow, Rule, RuleState, StateStore, StoredEvent } from './state-store.ts';

export class SqliteState extends SubscriberTables implements StateStore {
  private constructor(
    db: Database.Database,
    readonly location: string,
  ) {
    super(db);
  }

  static async open(path: string): Promise<SqliteState> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    const s = new SqliteState(db, path);
    await s.migrate();
    return s;
  }

  async migrate(): Promise<number> {
    if ((this.db.pragma('user_version', { simple: true }) as number) >= STATE_MIGRATIONS.length) return 0;
    let applied = 0;
    this.db.pragma('foreign_keys = OFF'); // a no-op inside a transaction: set around them (see sqlite-migrations.ts)
    try {
      for (let i = 0; i < STATE_MIGRATIONS.length; i++) {
        this.db.transaction(() => {
          // Read inside the write lock: another process may have applied it since.
          if ((this.db.pragma('user_version', { simple: true }) as number) !== i) return;
          this.db.exec(STATE_MIGRATIONS[i]);
          const broken = this.db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`state migration ${i + 1} broke ${broken.length} foreign key(s)`);
          this.db.pragma(`user_version = ${i + 1}`);
          applied++;
        }).immediate();
      }
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
    return applied;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async addRule(r: NewRule): Promise<Rule> {
    const info = this.db
      .prepare(
        `INSERT INTO rules (name, condition, canonical, scope, frequency, cooldown, expires, channels, channels_key, state, state_reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 'created', ?)`,
      )
      .run(r.name, r.condition, r.canonical, r.scope, r.frequency, r.cooldown, r.expires, JSON.stringify(r.channels), channelsKey(r.channels), now());
    return (await this.getRule(Number(info.lastInsertRowid))) as Rule;
  }

  async findDuplicateRule(r: Pick<NewRule, 'canonical' | 'scope' | 'channels'>): Promise<Rule | null> {
    const row = this.db.prepare('SELECT * FROM rules WHERE canonical = ? AND scope = ? AND channels_key = ?').get(r.canonical, r.scope, channelsKey(r.channels)) as Row | undefined;
    return row ? toRule(row) : null;
  }

  async getRule(id: number): Promise<Rule | null> {
    const row = this.db.prepare('SELECT * FROM rules WHERE id = ?').get(id) as Row | undefined;
    return row ? toRule(row) : null;
  }

  async listRules(): Promise<Rule[]> {
    return (this.db.prepare('SELECT * FROM rules ORDER BY id').all() as Row[]).map(toRule);
  }

  async setRuleState(id: number, state: RuleState, reason: string): Promise<void> {
    this.db.prepare('UPDATE rules SET state = ?, state_reason = ? WHERE id = ?').run(state, reason, id);
  }

  async markEvaluated(id: number, session: string): Promise<void> {
    this.db.prepare('UPDATE rules SET last_evaluated_session = ? WHERE id = ? AND (last_evaluated_session IS NULL OR last_evaluated_session < ?)').run(session, id, session);
  }

  async removeRule(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM rules WHERE id = ?').run(id).changes > 0;
  }

  async recordFire(f: Fire): Promise<{ events: StoredEvent[]; outbox: number } | null> {
    const tx = this.db.transaction(() => {
      const insert = this.db.prepare(
        'INSERT INTO events (rule_id, session, subject, value, message, facts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule_id, session, subject) DO NOTHING RETURNING *',
      );
      const events: StoredEvent[] = [];
      let n = 0;
      for (const e of f.events) {
        const row = insert.get(f.ruleId, f.session, e.subject ?? '', e.value, e.message, JSON.stringify(e.facts), now()) as Row | undefined;
        if (!row) continue;
        const event = toEvent(row);
        crashPoint('mid-evaluation');
        n += this.insertOutbox(e.outbox(event), event.id);
        events.push(event);
      }
      if (events.length === 0) return null;
      this.db.prepare('UPDATE rules SET state = ?, state_reason = ?, last_fired_session = ?, last_evaluated_session = ? WHERE id = ?').run(f.ruleState, f.ruleReason, f.session, f.session, f.ruleId);
      return { events, outbox: n };
    });
    return tx.immediate();
  }

  async lastFiredBySubject(ruleId: number): Promise<Map<string, string>> {
    const rows = this.db.prepare('SELECT subject, max(session) AS session FROM events WHERE rule_id = ? GROUP BY subject').all(ruleId) as Row[];
    return new Map(rows.map((r) => [r.subject as string, r.session as string]));
  }

  private insertOutbox(rows: NewOutbox[], eventId: number | null): number {
    const st = this.db.prepare(
      `INSERT INTO outbox (event_id, kind, subscriber_id, channel, address, payload, idempotency_key, status, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    let n = 0;
    const t = now();
    for (const r of rows) n += st.run(eventId, r.kind, r.subscriberId, r.channel, r.address, JSON.stringify(r.payload), r.idempotencyKey, r.status ?? 'pending', t, t).changes;
    return n;
  }

  async enqueue(rows: NewOutbox[]): Promise<number> {
    return this.db.transaction(() => this.insertOutbox(rows, null)).immediate();
  }

  async listEvents(q: { ruleId?: number; limit?: number; from?: string; to?: string } = {}): Promise<(StoredEvent & { condition: string })[]> {
    const rows = this.db
      .prepare(
        `SELECT e.*, r.condition FROM events e JOIN rules r ON r.id = e.rule_id
         WHERE (? IS NULL OR e.rule_id = ?) AND (? IS NULL OR e.session >= ?) AND (? IS NULL OR e.session <= ?)
         ORDER BY e.session DESC, e.id DESC LIMIT ?`,
      )
      .all(q.ruleId ?? null, q.ruleId ?? null, q.from ?? null, q.from ?? null, q.to ?? null, q.to ?? null, q.limit ?? 200) as Row[];
    return rows.map((r) => ({ ...toEvent(r), condition: r.condition as string }));
  }

  async claimOutbox(worker: string, n: number, leaseMs: number, at: Date = new Date()): Promise<OutboxRow[]> {
    const t = at.toISOString();
    const stale = new Date(at.getTime() - leaseMs).toISOString();
    const rows = this.db
      .prepare(
        `UPDATE outbox SET status = 'claimed', claimed_by = ?, claimed_at = ?, attempts = attempts + 1
         WHERE id IN (SELECT id FROM outbox WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'claimed' AND claimed_at <= ?) ORDER BY id LIMIT ?)
         RETURNING *`,
      )
      .all(worker, t, t, stale, n) as Row[];
    return rows.map(toOutbox).sort((a, b) => a.id - b.id);
  }

  async claimOutboxRow(id: number, worker: string, leaseMs: number, at: Date = new Date()): Promise<OutboxRow | null> {
    const t = at.toISOString();
    const stale = new Date(at.getTime() - leaseMs).toISOString();
    const row = this.db
      .prepare(
        `UPDATE outbox SET status = 'claimed', claimed_by = ?, claimed_at = ?, attempts = attempts + 1
         WHERE id = ? AND ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'claimed' AND (claimed_at <= ? OR claimed_by = ?)))
         RETURNING *`,
      )
      .get(worker, t, id, t, stale, worker) as Row | undefined;
    return row ? toOutbox(row) : null;
  }

  async recordDelivery(id: number, o: { status: 'sent' | 'retry' | 'dead' | 'suppressed'; detail: string; nextAttemptAt?: string; providerId?: string }): Promise<void> {
    this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT attempts FROM outbox WHERE id = ?').get(id) as Row | undefined;
        if (!row) return;
        this.db.prepare('INSERT INTO deliveries (outbox_id, attempt, status, detail, provider_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(id, row.attempts, o.status, o.detail, o.providerId ?? null, now());
        const status = o.status === 'retry' ? 'pending' : o.status;
        this.db.prepare('UPDATE outbox SET status = ?, next_attempt_at = coalesce(?, next_attempt_at), last_error = ?, claimed_by = NULL, claimed_at = NULL WHERE id = ?').run(status, o.nextAttemptAt ?? null, o.status === 'sent' ? null : o.detail, id);
      })
      .immediate();
  }

  async listOutbox(q: { status?: string } = {}): Promise<OutboxRow[]> {
    return (this.db.prepare('SELECT * FROM outbox WHERE (? IS NULL OR status = ?) ORDER BY id').all(q.status ?? null, q.status ?? null) as Row[]).map(toOutbox);
  }

  async recordProviderStatus(providerId: string, status: string): Promise<boolean> {
    const d = this.db.prepare("SELECT outbox_id, attempt FROM deliveries WHERE provider_id = ? AND status = 'sent' ORDER BY id DESC LIMIT 1").get(providerId) as Row | undefined;
    if (!d) return false;
    this.db.prepare('INSERT INTO deliveries (outbox_id, attempt, status, detail, provider_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(d.outbox_id, d.attempt, `provider:${status}`, `status callback: ${status}`, providerId, now());
    return true;
  }

  async listDeliveries(outboxId?: number) {
    const rows = this.db.prepare('SELECT * FROM deliveries WHERE (? IS NULL OR outbox_id = ?) ORDER BY id').all(outboxId ?? null, outboxId ?? null) as Row[];
    return rows.map(toDelivery);
  }

  async releaseHeld(subscriberId: number, channel: Channel): Promise<OutboxRow[]> {
    const rows = this.db.prepare(`UPDATE outbox SET status = 'sent', last_error = 'collected into a digest' WHERE status = 'held' AND subscriber_id = ? AND channel = ? RETURNING *`).all(subscriberId, channel) as Row[];
    return rows.map(toOutbox).sort((a, b) => a.id - b.id);
  }

  async suppress(channel: Channel, address: string, reason: string): Promise<void> {
    this.db.prepare('INSERT INTO suppression (channel, address, reason, at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET reason = excluded.reason, at = excluded.at').run(channel, address, reason, now());
  }
  async unsuppress(channel: Channel, address: string): Promise<void> {
    this.db.prepare('DELETE FROM suppression WHERE channel = ? AND address = ?').run(channel, address);
  }
  async isSuppressed(channel: Channel, address: string): Promise<boolean> {
    return Boolean(this.db.prepare('SELECT 1 FROM suppression WHERE channel = ? AND address = ?').get(channel, address));
  }

  async disableWebhook(url: string, reason: string): Promise<void> {
    this.db.prepare('INSERT INTO webhook_endpoints (url, disabled_reason, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(url, reason, now());
  }
  async webhookDisabled(url: string): Promise<string | null> {
    const r = this.db.prepare('SELECT disabled_reason FROM webhook_endpoints WHERE url = ?').get(url) as Row | undefined;
    return r ? (r.disabled_reason as string) : null;
  }

  async setWatchlist(name: string, symbols: string[]): Promise<void> {
    this.db.prepare('INSERT INTO watchlists (name, symbols) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET symbols = excluded.symbols').run(name, JSON.stringify(symbols));
  }
  async getWatchlist(name: string): Promise<string[] | null> {
    const r = this.db.prepare('SELECT symbols FROM watchlists WHERE name = ?').get(name) as Row | undefined;
    return r ? JSON.parse(r.symbols as string) : null;
  }
  async listWatchlists(): Promise<{ name: string; symbols: string[] }[]> {
    return (this.db.prepare('SELECT * FROM watchlists ORDER BY name').all() as Row[]).map((r) => ({ name: r.name as string, symbols: JSON.parse(r.symbols as string) }));
  }
}
