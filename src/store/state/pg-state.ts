/**
 * The state store on PostgreSQL, for the distributed setup (several servers and workers on several
 * machines): the same contract and guarantees as the SQLite store. One event per rule and session
 * (unique (rule_id, session), INSERT … ON CONFLICT DO NOTHING inside the fire's transaction), outbox
 * claims with FOR UPDATE SKIP LOCKED (two deliverers never claim the same row), unique idempotency
 * keys. Its own schema (see open.ts); subscribers, migrations and transactions are in `pg-state-base.ts`.
 */
import pg from 'pg';
import { UserError } from '../../model/errors.ts';
import { crashPoint } from '../../model/test-crash.ts';
import { PgStateBase, type Q } from './pg-state-base.ts';
import { channelsKey, now, toDelivery, toEvent, toOutbox, toRule } from './rows.ts';
import type { Channel, Fire, NewOutbox, NewRule, OutboxRow, Rule, RuleState, StateStore, StoredEvent } from './state-store.ts';

const DUE = `(status = 'pending' AND next_attempt_at <= $2) OR (status = 'claimed' AND claimed_at <= $3)`;
const CLAIM = `UPDATE outbox SET status = 'claimed', claimed_by = $1, claimed_at = $2, attempts = attempts + 1`;

export class PgState extends PgStateBase implements StateStore {
  readonly location: string;

  private constructor(pool: pg.Pool, schema: string, shown: string) {
    super(pool, schema);
    this.location = shown;
  }

  /** Open (and migrate) the state in `schema` of the database at `url` (a postgres:// URL without ?schema). */
  static async open(url: string, schema: string): Promise<PgState> {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new UserError(`state schema '${schema}' is not a plain SQL identifier of at most 63 characters`);
    const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}`, application_name: `marketdash-state:${schema}`.slice(0, 63) });
    pool.on('error', () => undefined); // an idle client dropped by the server: the next query reconnects
    const u = new URL(url);
    if (u.password) u.password = '***';
    const s = new PgState(pool, schema, `${u.toString()}${u.search ? '&' : '?'}schema=${schema}`);
    try {
      await s.migrate();
    } catch (e) {
      await pool.end();
      if (e instanceof UserError) throw e;
      throw new UserError(`cannot open the state store in PostgreSQL at ${s.location}: ${(e as Error).message}`, 'unavailable');
    }
    return s;
  }

  async addRule(r: NewRule): Promise<Rule> {
    const rows = await this.q(
      `INSERT INTO rules (name, condition, canonical, scope, frequency, cooldown, expires, channels, channels_key, state, state_reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', 'created', $10) RETURNING *`,
      [r.name, r.condition, r.canonical, r.scope, r.frequency, r.cooldown, r.expires, JSON.stringify(r.channels), channelsKey(r.channels), now()],
    );
    return toRule(rows[0]);
  }

  async findDuplicateRule(r: Pick<NewRule, 'canonical' | 'scope' | 'channels'>): Promise<Rule | null> {
    const row = (await this.q('SELECT * FROM rules WHERE canonical = $1 AND scope = $2 AND channels_key = $3', [r.canonical, r.scope, channelsKey(r.channels)]))[0];
    return row ? toRule(row) : null;
  }

  async getRule(id: number): Promise<Rule | null> {
    const row = (await this.q('SELECT * FROM rules WHERE id = $1', [id]))[0];
    return row ? toRule(row) : null;
  }

  async listRules(): Promise<Rule[]> {
    return (await this.q('SELECT * FROM rules ORDER BY id')).map(toRule);
  }

  async setRuleState(id: number, state: RuleState, reason: string): Promise<void> {
    await this.q('UPDATE rules SET state = $1, state_reason = $2 WHERE id = $3', [state, reason, id]);
  }

  async markEvaluated(id: number, session: string): Promise<void> {
    await this.q('UPDATE rules SET last_evaluated_session = $1 WHERE id = $2 AND (last_evaluated_session IS NULL OR last_evaluated_session < $1)', [session, id]);
  }

  async removeRule(id: number): Promise<boolean> {
    return (await this.pool.query('DELETE FROM rules WHERE id = $1', [id])).rowCount! > 0;
  }

  async recordFire(f: Fire): Promise<{ events: StoredEvent[]; outbox: number } | null> {
    return this.tx(async (q) => {
      // A second evaluation of the same (rule, session, subject), even at the same moment elsewhere, waits on the unique key and then inserts nothing.
      const events: StoredEvent[] = [];
      let n = 0;
      for (const e of f.events) {
        const ins = await q(
          'INSERT INTO events (rule_id, session, subject, value, message, facts, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (rule_id, session, subject) DO NOTHING RETURNING *',
          [f.ruleId, f.session, e.subject ?? '', e.value, e.message, JSON.stringify(e.facts), now()],
        );
        if (ins.length === 0) continue;
        const event = toEvent(ins[0]);
        crashPoint('mid-evaluation');
        n += await insertOutbox(q, e.outbox(event), event.id);
        events.push(event);
      }
      if (events.length === 0) return null;
      await q('UPDATE rules SET state = $1, state_reason = $2, last_fired_session = $3, last_evaluated_session = $3 WHERE id = $4', [f.ruleState, f.ruleReason, f.session, f.ruleId]);
      return { events, outbox: n };
    });
  }

  async lastFiredBySubject(ruleId: number): Promise<Map<string, string>> {
    const rows = await this.q('SELECT subject, max(session) AS session FROM events WHERE rule_id = $1 GROUP BY subject', [ruleId]);
    return new Map(rows.map((r) => [r.subject as string, r.session as string]));
  }

  async enqueue(rows: NewOutbox[]): Promise<number> {
    return this.tx((q) => insertOutbox(q, rows, null));
  }

  async listEvents(q: { ruleId?: number; limit?: number; from?: string; to?: string } = {}): Promise<(StoredEvent & { condition: string })[]> {
    const rows = await this.q(
      `SELECT e.*, r.condition FROM events e JOIN rules r ON r.id = e.rule_id
       WHERE ($1::int IS NULL OR e.rule_id = $1) AND ($2::text IS NULL OR e.session >= $2) AND ($3::text IS NULL OR e.session <= $3)
       ORDER BY e.session DESC, e.id DESC LIMIT $4`,
      [q.ruleId ?? null, q.from ?? null, q.to ?? null, q.limit ?? 200],
    );
    return rows.map((r) => ({ ...toEvent(r), condition: r.condition as string }));
  }

  async claimOutbox(worker: string, n: number, leaseMs: number, at: Date = new Date()): Promise<OutboxRow[]> {
    const t = at.toISOString();
    const stale = new Date(at.getTime() - leaseMs).toISOString();
    const rows = await this.q(`${CLAIM} WHERE id IN (SELECT id FROM outbox WHERE ${DUE} ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING *`, [worker, t, stale, n]);
    return rows.map(toOutbox).sort((a, b) => a.id - b.id);
  }

  async claimOutboxRow(id: number, worker: string, leaseMs: number, at: Date = new Date()): Promise<OutboxRow | null> {
    const t = at.toISOString();
    const stale = new Date(at.getTime() - leaseMs).toISOString();
    const rows = await this.q(
      `${CLAIM} WHERE id = (SELECT id FROM outbox WHERE id = $4 AND (${DUE} OR (status = 'claimed' AND claimed_by = $1)) FOR UPDATE SKIP LOCKED) RETURNING *`,
      [worker, t, stale, id],
    );
    return rows.length ? toOutbox(rows[0]) : null;
  }

  async recordDelivery(id: number, o: { status: 'sent' | 'retry' | 'dead' | 'suppressed'; detail: string; nextAttemptAt?: string; providerId?: string }): Promise<void> {
    await this.tx(async (q) => {
      const row = (await q('SELECT attempts FROM outbox WHERE id = $1 FOR UPDATE', [id]))[0];
      if (!row) return;
      await q('INSERT INTO deliveries (outbox_id, attempt, status, detail, provider_id, at) VALUES ($1, $2, $3, $4, $5, $6)', [id, row.attempts, o.status, o.detail, o.providerId ?? null, now()]);
      const status = o.status === 'retry' ? 'pending' : o.status;
      await q('UPDATE outbox SET status = $1, next_attempt_at = coalesce($2, next_attempt_at), last_error = $3, claimed_by = NULL, claimed_at = NULL WHERE id = $4', [
        status,
        o.nextAttemptAt ?? null,
        o.status === 'sent' ? null : o.detail,
        id,
      ]);
    });
  }

  async listOutbox(q: { status?: string } = {}): Promise<OutboxRow[]> {
    return (await this.q('SELECT * FROM outbox WHERE ($1::text IS NULL OR status = $1) ORDER BY id', [q.status ?? null])).map(toOutbox);
  }

  async recordProviderStatus(providerId: string, status: string): Promise<boolean> {
    const d = (await this.q("SELECT outbox_id, attempt FROM deliveries WHERE provider_id = $1 AND status = 'sent' ORDER BY id DESC LIMIT 1", [providerId]))[0];
    if (!d) return false;
    await this.q('INSERT INTO deliveries (outbox_id, attempt, status, detail, provider_id, at) VALUES ($1, $2, $3, $4, $5, $6)', [d.outbox_id, d.attempt, `provider:${status}`, `status callback: ${status}`, providerId, now()]);
    return true;
  }

  async listDeliveries(outboxId?: number) {
    return (await this.q('SELECT * FROM deliveries WHERE ($1::int IS NULL OR outbox_id = $1) ORDER BY id', [outboxId ?? null])).map(toDelivery);
  }

  async releaseHeld(subscriberId: number, channel: Channel): Promise<OutboxRow[]> {
    const rows = await this.q(`UPDATE outbox SET status = 'sent', last_error = 'collected into a digest' WHERE status = 'held' AND subscriber_id = $1 AND channel = $2 RETURNING *`, [subscriberId, channel]);
    return rows.map(toOutbox).sort((a, b) => a.id - b.id);
  }

  async suppress(channel: Channel, address: string, reason: string): Promise<void> {
    await this.q('INSERT INTO suppression (channel, address, reason, at) VALUES ($1, $2, $3, $4) ON CONFLICT (channel, address) DO UPDATE SET reason = excluded.reason, at = excluded.at', [channel, address, reason, now()]);
  }
  async unsuppress(channel: Channel, address: string): Promise<void> {
    await this.q('DELETE FROM suppression WHERE channel = $1 AND address = $2', [channel, address]);
  }
  async isSuppressed(channel: Channel, address: string): Promise<boolean> {
    return (await this.q('SELECT 1 FROM suppression WHERE channel = $1 AND address = $2', [channel, address])).length > 0;
  }

  async disableWebhook(url: string, reason: string): Promise<void> {
    await this.q('INSERT INTO webhook_endpoints (url, disabled_reason, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [url, reason, now()]);
  }
  async webhookDisabled(url: string): Promise<string | null> {
    const r = (await this.q('SELECT disabled_reason FROM webhook_endpoints WHERE url = $1', [url]))[0];
    return r ? (r.disabled_reason as string) : null;
  }

  async setWatchlist(name: string, symbols: string[]): Promise<void> {
    await this.q('INSERT INTO watchlists (name, symbols) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET symbols = excluded.symbols', [name, JSON.stringify(symbols)]);
  }
  async getWatchlist(name: string): Promise<string[] | null> {
    const r = (await this.q('SELECT symbols FROM watchlists WHERE name = $1', [name]))[0];
    return r ? JSON.parse(r.symbols as string) : null;
  }
  async listWatchlists(): Promise<{ name: string; symbols: string[] }[]> {
    return (await this.q('SELECT * FROM watchlists ORDER BY name')).map((r) => ({ name: r.name as string, symbols: JSON.parse(r.symbols as string) }));
  }
}

async function insertOutbox(q: Q, rows: NewOutbox[], eventId: number | null): Promise<number> {
  let n = 0;
  const t = now();
  for (const r of rows) {
    const ins = await q(
      `INSERT INTO outbox (event_id, kind, subscriber_id, channel, address, payload, idempotency_key, status, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [eventId, r.kind, r.subscriberId, r.channel, r.address, JSON.stringify(r.payload), r.idempotencyKey, r.status ?? 'pending', t, t],
    );
    n += ins.length;
  }
  return n;
}
