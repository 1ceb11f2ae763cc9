/**
 * The state-store contract, the same cases on SQLite and on PostgreSQL: rules and duplicates, one
 * event per rule and session even when several evaluations race (two connections), outbox claims
 * that never hand one row to two claimers, leases, the one-row claim of a delivery job (and its
 * take-over after a crash), unique idempotency keys, attempts and retries, held rows and caps,
 * subscribers, one-use tokens (also raced), suppression, webhooks and watchlists. Expected values
 * are worked out by hand from the rows each case writes. PostgreSQL runs in a schema of its own.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PgState } from '../../src/store/state/pg-state.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';
import type { NewOutbox, NewRule, StateStore } from '../../src/store/state/state-store.ts';
import { dropSchema, PG_BASE, uniqueName } from '../helpers/pg.ts';
import { tempDir } from '../helpers/temp.ts';

const tmp = tempDir('md-state-contract-');
const schemas: string[] = [];
const opened: StateStore[] = [];

interface Impl {
  name: string;
  /** A fresh, empty state store and a function opening a second connection to it. */
  fresh(): Promise<{ a: StateStore; second: () => Promise<StateStore> }>;
}

const track = async (p: Promise<StateStore>) => {
  const s = await p;
  opened.push(s);
  return s;
};

const IMPLS: Impl[] = [
  {
    name: 'SQLite',
    fresh: async () => {
      const path = join(tmp.dir, `${uniqueName('state')}.sqlite`);
      return { a: await track(SqliteState.open(path)), second: () => track(SqliteState.open(path)) };
    },
  },
  {
    name: 'PostgreSQL',
    fresh: async () => {
      const schema = uniqueName('md_state');
      schemas.push(schema);
      return { a: await track(PgState.open(PG_BASE, schema)), second: () => track(PgState.open(PG_BASE, schema)) };
    },
  },
];

afterAll(async () => {
  for (const s of opened) await s.close().catch(() => undefined);
  for (const s of schemas) await dropSchema(s);
  tmp.cleanup();
});

const rule = (over: Partial<NewRule> = {}): NewRule => ({
  name: null, condition: 'streak IWM SPY >= 10', canonical: 'streak IWM SPY >= 10', scope: 'pair:IWM:SPY',
  frequency: 'on-change', cooldown: 0, expires: null, channels: { webhook: 'https://example.com/h' }, ...over,
});
const row = (key: string, over: Partial<NewOutbox> = {}): NewOutbox => ({ kind: 'alert', subscriberId: null, channel: 'webhook', address: 'https://example.com/h', payload: { key }, idempotencyKey: key, ...over });

describe.each(IMPLS)('state contract on $name', (impl) => {
  it('rules: add, duplicates (same canonical, scope and channels), state, evaluated session only moves forward, remove', async () => {
    const { a } = await impl.fresh();
    expect(await a.migrate()).toBe(0); // migrated on open; a second run applies nothing
    const r1 = await a.addRule(rule({ channels: { webhook: 'https://example.com/h', email: 'a@b.co' } }));
    const r2 = await a.addRule(rule({ condition: 'record IWM close', canonical: 'record IWM close', scope: 'symbol:IWM' }));
    expect([r1.id, r2.id]).toEqual([1, 2]);
    expect(r1).toMatchObject({ state: 'active', stateReason: 'created', lastFiredSession: null, channels: { webhook: 'https://example.com/h', email: 'a@b.co' } });
    // The duplicate key ignores the order channels were given in.
    expect((await a.findDuplicateRule({ canonical: r1.canonical, scope: r1.scope, channels: { email: 'a@b.co', webhook: 'https://example.com/h' } }))?.id).toBe(1);
    expect(await a.findDuplicateRule({ canonical: r1.canonical, scope: r1.scope, channels: { email: 'a@b.co' } })).toBeNull();
    await expect(a.addRule(rule({ channels: { email: 'a@b.co', webhook: 'https://example.com/h' } }))).rejects.toThrow(/unique/i);
    await a.setRuleState(2, 'paused', 'by the user');
    await a.markEvaluated(1, '2026-01-15');
    await a.markEvaluated(1, '2026-01-14');
    expect((await a.listRules()).map((r) => [r.id, r.state, r.lastEvaluatedSession])).toEqual([
      [1, 'active', '2026-01-15'],
      [2, 'paused', null],
    ]);
    expect(await a.removeRule(2)).toBe(true);
    expect(await a.removeRule(2)).toBe(false);
    expect(await a.getRule(2)).toBeNull();
  });

  it('one event per rule and session: eight evaluations racing on two connections write one event and its two outbox rows', async () => {
    const { a, second } = await impl.fresh();
    const b = await second();
    const r = await a.addRule(rule({ frequency: 'once' }));
    const fire = (session: string) => ({
      ruleId: r.id, session, ruleState: 'fired' as const, ruleReason: `fired once on ${session}`,
      events: [{
        subject: null, value: 11, message: `IWM beat SPY 11 sessions (${session})`, facts: [{ n: 11 }],
        outbox: (e: { id: number }) => [row(`msg_evt${e.id}_rule_webhook`), row(`msg_evt${e.id}_rule_email`, { channel: 'email', address: 'a@b.co' })],
      }],
    });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).recordFire(fire('2026-01-15'))));
    expect(results.filter((x) => x !== null)).toHaveLength(1);
    expect(results.find((x) => x)?.outbox).toBe(2);
    await a.recordFire(fire('2026-01-16'));
    const events = await b.listEvents();
    expect(events.map((e) => [e.session, e.value, e.condition])).toEqual([
      ['2026-01-16', 11, 'streak IWM SPY >= 10'],
      ['2026-01-15', 11, 'streak IWM SPY >= 10'],
    ]);
    expect(events[1].facts).toEqual([{ n: 11 }]);
    expect((await a.listEvents({ from: '2026-01-16' })).map((e) => e.session)).toEqual(['2026-01-16']);
    expect((await a.listEvents({ to: '2026-01-15', ruleId: r.id })).map((e) => e.session)).toEqual(['2026-01-15']);
    expect((await a.listOutbox()).map((o) => [o.eventId, o.idempotencyKey, o.status])).toEqual([
      [events[1].id, `msg_evt${events[1].id}_rule_webhook`, 'pending'],
      [events[1].id, `msg_evt${events[1].id}_rule_email`, 'pending'],
      [events[0].id, `msg_evt${events[0].id}_rule_webhook`, 'pending'],
      [events[0].id, `msg_evt${events[0].id}_rule_email`, 'pending'],
    ]);
    expect(await a.getRule(r.id)).toMatchObject({ state: 'fired', lastFiredSession: '2026-01-16', lastEvaluatedSession: '2026-01-16' });
  });

  it('outbox: idempotency keys are unique; two claimers racing in batches of 3 share the 19 rows with no overlap; the lease returns them', async () => {
    const { a, second } = await impl.fresh();
    const b = await second();
    const keys = Array.from({ length: 19 }, (_, i) => `k${i}`);
    expect(await a.enqueue([...keys.map((k) => row(k)), row('k3')])).toBe(19);
    expect(await b.enqueue([row('k0'), row('k18')])).toBe(0);
    const t0 = new Date(Date.now() + 1000);
    const got: Record<string, number[]> = { a: [], b: [] };
    const drain = async (s: StateStore, who: 'a' | 'b') => {
      for (;;) {
        const rows = await s.claimOutbox(who, 3, 60_000, t0);
        if (!rows.length) return;
        got[who].push(...rows.map((r) => r.id));
      }
    };
    await Promise.all([drain(a, 'a'), drain(b, 'b'), drain(a, 'a'), drain(b, 'b')]);
    const all = [...got.a, ...got.b].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    const claimed = await a.listOutbox({ status: 'claimed' });
    expect(claimed.map((r) => r.attempts)).toEqual(Array(19).fill(1));
    // Within the lease nobody gets them; 60 s later (the lease) everyone is due again, attempt 2.
    expect(await b.claimOutbox('c', 50, 60_000, new Date(t0.getTime() + 59_000))).toEqual([]);
    const again = await b.claimOutbox('c', 50, 60_000, new Date(t0.getTime() + 60_000));
    expect(again.map((r) => [r.id, r.attempts])).toEqual(all.map((id) => [id, 2]));
  });

  it('one-row claims: a second worker is refused within the lease; the same worker (a retried job) takes it over; a sent row is never claimed', async () => {
    const { a } = await impl.fresh();
    await a.enqueue([row('x1')]);
    const t = new Date(Date.now() + 1000);
    expect((await a.claimOutboxRow(1, 'deliver:1:1', 120_000, t))?.attempts).toBe(1);
    expect(await a.claimOutboxRow(1, 'deliver-sweep', 120_000, t)).toBeNull();
    expect(await a.claimOutbox('deliver-sweep', 10, 120_000, t)).toEqual([]);
    expect((await a.claimOutboxRow(1, 'deliver:1:1', 120_000, t))?.attempts).toBe(2);
    await a.recordDelivery(1, { status: 'sent', detail: 'HTTP 200' });
    expect(await a.claimOutboxRow(1, 'deliver:1:1', 0, new Date(t.getTime() + 1e9))).toBeNull();
    expect(await a.claimOutboxRow(99, 'deliver:99:1', 0, t)).toBeNull();
  });

  it('deliveries: a retry is pending until its time, attempts count, a dead row stays dead; provider status callbacks', async () => {
    const { a } = await impl.fresh();
    await a.enqueue([row('r1'), row('r2', { channel: 'sms', address: '+15551234567' })]);
    const t = new Date(Date.now() + 1000);
    await a.claimOutbox('w', 10, 60_000, t);
    const later = new Date(t.getTime() + 30_000).toISOString();
    await a.recordDelivery(1, { status: 'retry', detail: 'HTTP 503', nextAttemptAt: later });
    await a.recordDelivery(2, { status: 'sent', detail: 'HTTP 201', providerId: 'SM123' });
    expect((await a.listOutbox()).map((o) => [o.status, o.attempts, o.nextAttemptAt === later, o.lastError])).toEqual([
      ['pending', 1, true, 'HTTP 503'],
      ['sent', 1, false, null],
    ]);
    expect(await a.claimOutbox('w', 10, 60_000, new Date(t.getTime() + 29_000))).toEqual([]);
    expect((await a.claimOutbox('w', 10, 60_000, new Date(t.getTime() + 30_000))).map((o) => [o.id, o.attempts])).toEqual([[1, 2]]);
    await a.recordDelivery(1, { status: 'dead', detail: 'gave up after 2 attempts' });
    expect(await a.recordProviderStatus('SM123', 'delivered')).toBe(true);
    expect(await a.recordProviderStatus('SM999', 'delivered')).toBe(false);
    expect((await a.listDeliveries()).map((d) => [d.outboxId, d.attempt, d.status, d.providerId])).toEqual([
      [1, 1, 'retry', null],
      [2, 1, 'sent', 'SM123'],
      [1, 2, 'dead', null],
      [2, 1, 'provider:delivered', 'SM123'],
    ]);
    expect((await a.listDeliveries(1)).map((d) => d.status)).toEqual(['retry', 'dead']);
    expect(await a.claimOutbox('w', 10, 0, new Date(t.getTime() + 1e9))).toEqual([]);
  });

  it('subscribers: upsert merges email and phone, caps count alert rows, held rows are released once, tokens are one-use even when raced', async () => {
    const { a, second } = await impl.fresh();
    const b = await second();
    const s1 = await a.upsertSubscriber({ email: 'ann@example.com' });
    const s2 = await b.upsertSubscriber({ email: 'ann@example.com', phone: '+15551234567' });
    expect(s2.id).toBe(s1.id);
    expect(s2).toMatchObject({ email: 'ann@example.com', phone: '+15551234567', emailConfirmed: false, dailyCap: 10, weeklyMode: 'per-ticker' });
    expect((await a.findSubscriber({ phone: '+15551234567' }))?.id).toBe(s1.id);
    expect((await a.findSubscriber({ unsubscribeToken: s1.unsubscribeToken }))?.id).toBe(s1.id);
    expect(await a.findSubscriber({ email: 'nobody@example.com' })).toBeNull();
    await a.updateSubscriber(s1.id, { emailConfirmed: true, quietStart: 22, quietEnd: 7, dailyCap: 2, weeklyMode: 'combined' });
    expect(await b.getSubscriber(s1.id)).toMatchObject({ emailConfirmed: true, phoneConfirmed: false, quietStart: 22, quietEnd: 7, dailyCap: 2, weeklyMode: 'combined' });
    const sub = await a.addSubscription({ subscriberId: s1.id, kind: 'symbol', target: 'IWM', weekly: true, alerts: false, channels: ['email'] });
    expect(sub).toMatchObject({ status: 'pending', weekly: true, alerts: false, channels: ['email'] });
    await a.setSubscriptionStatus(sub.id, 'active');
    expect((await b.listSubscriptions({ status: 'active' })).map((x) => x.id)).toEqual([sub.id]);
    expect(await b.listSubscriptions({ subscriberId: s1.id + 1 })).toEqual([]);

    const since = new Date(Date.now() - 1000).toISOString();
    await a.enqueue([row('e1', { subscriberId: s1.id, channel: 'email', address: 'ann@example.com' }), row('e2', { subscriberId: s1.id, channel: 'email', address: 'ann@example.com', status: 'held' }), row('w1', { kind: 'weekly', subscriberId: s1.id, channel: 'email', address: 'ann@example.com' })]);
    expect(await a.sentSince(s1.id, 'email', since)).toBe(1); // e1 only: e2 is held, w1 is not an alert
    expect((await a.releaseHeld(s1.id, 'email')).map((o) => o.idempotencyKey)).toEqual(['e2']);
    expect(await a.releaseHeld(s1.id, 'email')).toEqual([]);

    const expires = new Date(Date.now() + 3600_000).toISOString();
    const tok = await a.createToken(s1.id, 'sms', expires);
    const uses = await Promise.all([a.useToken(tok), b.useToken(tok), a.useToken(tok), b.useToken(tok)]);
    expect(uses.filter((u) => 'subscriberId' in u)).toEqual([{ subscriberId: s1.id, channel: 'sms' }]);
    expect(uses.filter((u) => 'error' in u)).toEqual([{ error: 'used' }, { error: 'used' }, { error: 'used' }]);
    const old = await a.createToken(s1.id, 'email', '2026-01-01T00:00:00.000Z');
    expect(await a.useToken(old, new Date('2026-01-01T00:00:01Z'))).toEqual({ error: 'expired' });
    expect(await a.useToken('nope')).toEqual({ error: 'unknown' });
  });

  it('suppression, disabled webhooks and watchlists (names in bytewise order)', async () => {
    const { a } = await impl.fresh();
    await a.suppress('sms', '+15551234567', 'STOP');
    await a.suppress('sms', '+15551234567', 'STOPALL');
    expect(await a.isSuppressed('sms', '+15551234567')).toBe(true);
    expect(await a.isSuppressed('email', '+15551234567')).toBe(false);
    await a.unsuppress('sms', '+15551234567');
    expect(await a.isSuppressed('sms', '+15551234567')).toBe(false);
    await a.disableWebhook('https://example.com/h', '410 Gone');
    await a.disableWebhook('https://example.com/h', 'again');
    expect(await a.webhookDisabled('https://example.com/h')).toBe('410 Gone');
    expect(await a.webhookDisabled('https://example.com/other')).toBeNull();
    await a.setWatchlist('small', ['IWM', '^RUT']);
    await a.setWatchlist('Zeta', ['SPY']);
    await a.setWatchlist('small', ['IWM', 'IJR']);
    expect(await a.getWatchlist('small')).toEqual(['IWM', 'IJR']);
    expect(await a.getWatchlist('none')).toBeNull();
    expect((await a.listWatchlists()).map((w) => w.name)).toEqual(['Zeta', 'small']);
  });
});
