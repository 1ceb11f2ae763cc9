/**
 * A watchlist rule fires member by member, on SQLite and on PostgreSQL: `record * close in
 * watchlist:trio` where 2 of the 3 members set a record close on the session gives exactly 2 events,
 * each with its member as subject and in its message, outbox keys that differ by member, and a
 * subscriber to one member gets only that member's event; running the same session again adds
 * nothing; the next session, where only the third member records, gives one event for it. And the
 * migration that adds the subject keeps an existing (version 1) event, its outbox row and its
 * one-event-per-session key. Records worked out by hand in the comments.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/analytics/series.ts';
import type { AlertData } from '../../src/alerts/data.ts';
import { runAlerts } from '../../src/alerts/run.ts';
import { PG_STATE_MIGRATIONS } from '../../src/store/state/pg-state-migrations.ts';
import { PgState } from '../../src/store/state/pg-state.ts';
import { STATE_MIGRATIONS } from '../../src/store/state/sqlite-migrations.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';
import type { Fire, StateStore } from '../../src/store/state/state-store.ts';
import { dropSchema, PG_BASE, uniqueName } from '../helpers/pg.ts';
import { tempDir } from '../helpers/temp.ts';

const tmp = tempDir('md-watchlist-rule-');
const schemas: string[] = [];
const opened: StateStore[] = [];
afterAll(async () => {
  for (const s of opened) await s.close().catch(() => undefined);
  for (const s of schemas) await dropSchema(s);
  tmp.cleanup();
});

const D = ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15'];
const ps = (symbol: string, close: number[]): PriceSeries => ({ symbol, source: 'hand', adjustment: 'none', dates: D, close: Float64Array.from(close), open: null, high: null, low: null, volume: null });
// 2026-01-14: AAA 12 > max(10, 11) record; BBB 8 < 9 no record; CCC 21 > 20 record. 2026-01-15: only BBB (9.5 > 9).
const SERIES: Record<string, PriceSeries> = { AAA: ps('AAA', [10, 11, 12, 11]), BBB: ps('BBB', [9, 8, 8, 9.5]), CCC: ps('CCC', [20, 19, 21, 20]) };
const data: AlertData = {
  price: async (n) => SERIES[n],
  any: async (n) => SERIES[n],
  universe: async () => ({ label: '', series: [] }),
  sectorFunds: async () => [],
  flows: async () => [],
  watchlist: async (n) => (n === 'trio' ? ['AAA', 'BBB', 'CCC'] : []),
};

const stores: { name: string; open(): Promise<StateStore> }[] = [
  { name: 'SQLite', open: async () => SqliteState.open(join(tmp.dir, `${uniqueName('s')}.sqlite`)) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema = uniqueName('md_wl_state');
      schemas.push(schema);
      return PgState.open(PG_BASE, schema);
    },
  },
];

describe.each(stores)('watchlist rule on $name', (impl) => {
  it('2 of 3 members fire: 2 events naming their member; the same session again adds none; the next session fires the third', async () => {
    const state = await impl.open();
    opened.push(state);
    await state.setWatchlist('trio', ['AAA', 'BBB', 'CCC']);
    const rule = await state.addRule({ name: null, condition: 'record * close in watchlist:trio', canonical: 'record * close in watchlist:trio', scope: 'watchlist:trio', frequency: 'every-session', cooldown: 0, expires: null, channels: { webhook: 'https://example.com/h' } });
    const sub = await state.upsertSubscriber({ email: 'c@example.com' });
    await state.updateSubscriber(sub.id, { emailConfirmed: true });
    await state.setSubscriptionStatus((await state.addSubscription({ subscriberId: sub.id, kind: 'symbol', target: 'CCC', weekly: false, alerts: true, channels: ['email'] })).id, 'active');

    const run1 = await runAlerts(state, data, '2026-01-14', { now: new Date('2026-01-14T21:00:00Z') });
    expect(run1.rules).toMatchObject([{ id: rule.id, result: 'fired', subjects: ['AAA', 'CCC'], outbox: 3 }]);
    const events = (await state.listEvents()).sort((a, b) => a.id - b.id);
    expect(events.map((e) => [e.session, e.subject, e.value])).toEqual([
      ['2026-01-14', 'AAA', 12],
      ['2026-01-14', 'CCC', 21],
    ]);
    expect(events[0].message).toMatch(/^watchlist trio: AAA set a record close of 12\.00 on 2026-01-14 \(previous record 11\.00\)/);
    expect(events[1].message).toMatch(/^watchlist trio: CCC set a record close of 21\.00 on 2026-01-14 \(previous record 20\.00\)/);
    const outbox = await state.listOutbox();
    expect(outbox.map((o) => [o.eventId, o.channel, o.idempotencyKey])).toEqual([
      [events[0].id, 'webhook', `msg_evt${events[0].id}_AAA_rule_webhook`],
      [events[1].id, 'webhook', `msg_evt${events[1].id}_CCC_rule_webhook`],
      [events[1].id, 'email', `msg_evt${events[1].id}_CCC_sub${sub.id}_email`], // the CCC subscriber: only CCC's event
    ]);
    expect((outbox[0].payload as { body: { event: { subject: string } } }).body.event.subject).toBe('AAA');
    expect(String((outbox[2].payload as { text: string }).text)).toMatch(/session 2026-01-14, member CCC/);

    const again = await runAlerts(state, data, '2026-01-14');
    expect(again.rules).toMatchObject([{ id: rule.id, result: 'already-fired' }]);
    expect(await state.listEvents()).toHaveLength(2);
    expect(await state.listOutbox()).toHaveLength(3);

    const run2 = await runAlerts(state, data, '2026-01-15');
    expect(run2.rules).toMatchObject([{ result: 'fired', subjects: ['BBB'], outbox: 1 }]);
    expect((await state.listEvents({ from: '2026-01-15' })).map((e) => e.subject)).toEqual(['BBB']);
    expect(await state.lastFiredBySubject(rule.id)).toEqual(new Map([['AAA', '2026-01-14'], ['BBB', '2026-01-15'], ['CCC', '2026-01-14']]));
  });
});

/** A version-1 state (before the subject) with one rule, one event and its outbox row. */
const V1_ROWS = [
  `INSERT INTO rules (name, condition, canonical, scope, frequency, cooldown, channels, channels_key, state, state_reason, created_at)
   VALUES (NULL, 'record IWM close', 'record IWM close', 'symbol:IWM', 'every-session', 0, '{}', 'k', 'active', 'created', '2026-01-01T00:00:00Z')`,
  `INSERT INTO events (rule_id, session, value, message, facts, created_at) VALUES (1, '2026-01-14', 5, 'IWM set a record', '[]', '2026-01-14T21:00:00Z')`,
  `INSERT INTO outbox (event_id, kind, channel, address, payload, idempotency_key, status, next_attempt_at, created_at)
   VALUES (1, 'alert', 'webhook', 'https://example.com/h', '{}', 'msg_evt1_rule_webhook', 'pending', '2026-01-14T21:00:00Z', '2026-01-14T21:00:00Z')`,
];

const fire = (subject: string | null): Fire => ({ ruleId: 1, session: '2026-01-14', ruleState: 'active', ruleReason: 'r', events: [{ subject, value: 5, message: 'm', facts: [], outbox: () => [] }] });

async function migratedKeepsRows(state: StateStore) {
  opened.push(state);
  const [e] = await state.listEvents();
  expect(e).toMatchObject({ id: 1, ruleId: 1, session: '2026-01-14', subject: null, message: 'IWM set a record' });
  expect((await state.listOutbox()).map((o) => [o.eventId, o.idempotencyKey])).toEqual([[1, 'msg_evt1_rule_webhook']]);
  expect(await state.recordFire(fire(null))).toBeNull(); // the old row still holds the rule's event for that session
  expect((await state.recordFire(fire('IWM')))?.events.map((x) => x.subject)).toEqual(['IWM']);
  expect(await state.lastFiredBySubject(1)).toEqual(new Map([['', '2026-01-14'], ['IWM', '2026-01-14']]));
  expect(await state.migrate()).toBe(0);
}

describe('the subject migration keeps existing events', () => {
  it('SQLite: version 1 → current', async () => {
    const path = join(tmp.dir, 'v1.sqlite');
    const db = new Database(path);
    db.exec(STATE_MIGRATIONS[0]);
    for (const sql of V1_ROWS) db.exec(sql);
    db.pragma('user_version = 1');
    db.close();
    await migratedKeepsRows(await SqliteState.open(path));
  });

  it('PostgreSQL: version 1 → current', async () => {
    const schema = uniqueName('md_wl_v1');
    schemas.push(schema);
    const c = new pg.Client({ connectionString: PG_BASE });
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
      await c.query(PG_STATE_MIGRATIONS[0].sql);
      await c.query(`CREATE TABLE ${schema}.state_schema_version (version INTEGER NOT NULL, name TEXT, applied_at TIMESTAMPTZ); INSERT INTO ${schema}.state_schema_version VALUES (1, 'alerts state', now())`);
      for (const sql of V1_ROWS) await c.query(sql);
    } finally {
      await c.end();
    }
    await migratedKeepsRows(await PgState.open(PG_BASE, schema));
  });
});
