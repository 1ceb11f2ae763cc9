/**
 * A universe's members loaded together (facts/load-many.ts: one listing and one preferred-series read
 * per 500 symbols) are exactly what `loadPriceLike` gives member by member — every field, typed notes,
 * the source chosen, extensions and splice repairs — for every priced member of the real SP500 and IWM
 * holdings and of the 5-year panel, on DuckDB, on the read cache and on PostgreSQL (a smaller file set).
 * The store read with a date range equals the whole series' rows from that date on. And the facts that
 * use it (breadth, bounded or not, highs-lows, sectors by holdings, contributions) give the same JSON as
 * the per-member path (second method: the same store with the batched questions switched off, so every
 * member goes through `loadPriceLike` as before).
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/capabilities/registry.ts';
import { loadPriceLike } from '../../src/facts/load.ts';
import { loadPriceMany } from '../../src/facts/load-many.ts';
import { toJson } from '../../src/format/json.ts';
import { UserError } from '../../src/model/errors.ts';
import type { PriceSeries } from '../../src/model/series.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { refreshReadCache } from '../../src/store/duckdb/read-cache-build.ts';
import { CachedStore } from '../../src/store/duckdb/read-cache-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { openSharedStore } from '../helpers/shared-store.ts';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';

const FILES = ['constituents', 'prices', 'panels/individual_stocks_5yr'];
const tmp = tempDir('md-many-');
let shared: Awaited<ReturnType<typeof openSharedStore>>;
let duck: DuckDbStore;
let cached: CachedStore;

beforeAll(async () => {
  shared = await openSharedStore(FILES);
  const path = join(tmp.dir, 'copy.duckdb');
  copyFileSync(shared.path, path);
  expect(await refreshReadCache(path, (db) => DuckDbStore.open(db, { readOnly: true }))).toBe(true);
  duck = await DuckDbStore.open(path, { readOnly: true });
  const c = CachedStore.open(path, async () => duck);
  if (!c) throw new Error('the fresh cache was not used');
  cached = c;
}, 600_000);
afterAll(async () => {
  await duck?.close();
  await shared?.cleanup();
  tmp.cleanup();
});

/** What `tryLoad` gave member by member: the series, or nothing for a UserError. */
async function perSymbol(store: MarketStore, name: string): Promise<PriceSeries | undefined> {
  try {
    return await loadPriceLike(store, name);
  } catch (e) {
    if (e instanceof UserError) return undefined;
    throw e;
  }
}

/** The priced members of the SP500 and IWM holdings and the panel's symbols (as the universes list them). */
async function universeNames(store: MarketStore): Promise<string[]> {
  const priced = await store.priceSymbols();
  const names: string[] = [];
  for (const fund of ['SP500', 'IWM']) {
    const h = await store.getHoldings(fund).catch(() => null);
    if (h) names.push(...h.rows.map((r) => r.symbol).filter((s) => priced.has(s)));
  }
  names.push(...(await store.panelMembers('kaggle-5yr')));
  return [...new Set(names)];
}

/** The batched load equals the per-symbol load for every name, field by field (JSON with typed arrays as arrays). */
async function expectSameAsPerSymbol(store: MarketStore, names: string[]): Promise<void> {
  const many = await loadPriceMany(store, names);
  for (const n of names) expect(toJson(many.get(n)), n).toBe(toJson(await perSymbol(store, n)));
  // Some members do take the per-symbol path (a later source, a splice) and some carry notes: the comparison covers both.
  const notes = [...many.values()].filter((s) => s.notes?.length).length;
  expect(notes).toBeGreaterThan(0);
}

/** The range read equals the whole series' rows from `from` on (and to `to`). */
async function expectRangeReadsRows(store: MarketStore, names: string[], from: string, to?: string): Promise<void> {
  const ranged = new Map((await store.getPreferredSeriesMany(names, { from, to })).map((s) => [s.symbol, s]));
  for (const n of names) {
    const whole = await store.getPriceSeries(n).catch(() => undefined);
    if (!whole) {
      expect(ranged.has(n)).toBe(false);
      continue;
    }
    const keep = whole.dates.map((d, i) => (d >= from && (to === undefined || d <= to) ? i : -1)).filter((i) => i >= 0);
    const pick = (a: Float64Array | null) => (a ? keep.map((i) => a[i]) : null);
    const r = ranged.get(n);
    expect(r?.dates, n).toEqual(keep.map((i) => whole.dates[i]));
    expect([r?.source, r?.adjustment]).toEqual([whole.source, whole.adjustment]);
    expect(Array.from(r?.close ?? [])).toEqual(pick(whole.close));
    // open/high/low: the rows' values when the rows read have an open, else null (as getPriceSeries assembles); volume alike.
    const some = (a: number[] | null) => a?.some((x) => !Number.isNaN(x)) ?? false;
    const ohlc = some(pick(whole.open));
    for (const k of ['open', 'high', 'low'] as const) expect(r?.[k] ? Array.from(r[k] as Float64Array) : null, `${n} ${k}`).toEqual(ohlc ? pick(whole[k]) : null);
    const vol = pick(whole.volume);
    expect(r?.volume ? Array.from(r.volume) : null, `${n} volume`).toEqual(some(vol) ? vol : null);
  }
}

/** The per-member reads of each store, kept across the queries (the store does not change): see perMemberStore. */
const perMemberReads = new WeakMap<MarketStore, Map<string, Promise<unknown>>>();
const KEPT_READS = new Set(['resolveName', 'listSources', 'getPriceSeries']);

/**
 * The store with the batched questions switched off: every member then goes through loadPriceLike, as
 * before. The reads loadPriceLike makes (name, sources, whole series) are asked of the store once per
 * store and argument list and handed out as fresh copies: the queries below load the same members
 * again and again (six of them the ~500 of SP500), and only the batched path is under test.
 */
function perMemberStore(store: MarketStore): MarketStore {
  const kept = perMemberReads.get(store) ?? new Map<string, Promise<unknown>>();
  perMemberReads.set(store, kept);
  return new Proxy(store, {
    get(t, p) {
      if (p === 'listSourcesMany') return async () => ({});
      if (p === 'getPreferredSeriesMany') return async () => [];
      const v = (t as unknown as Record<string | symbol, unknown>)[p];
      if (typeof v !== 'function') return v;
      if (typeof p !== 'string' || !KEPT_READS.has(p)) return v.bind(t);
      return (...args: unknown[]) => {
        const key = `${p} ${JSON.stringify(args)}`;
        const r = kept.get(key) ?? (v as (...a: unknown[]) => Promise<unknown>).apply(t, args);
        kept.set(key, r);
        return r.then((x) => structuredClone(x));
      };
    },
  });
}

const QUERIES: [string, Record<string, string>][] = [
  ['breadth', { universe: 'SP500' }],
  ['breadth', { universe: 'IWM' }],
  ['breadth', { universe: 'IWM', period: '5y' }],
  ['breadth', { universe: 'IWM', period: 'max' }],
  ['breadth', { universe: 'IWM', from: '2025-03-10' }],
  ['breadth', { universe: 'IWM', period: '1w', asOf: '2026-05-10' }],
  ['breadth', { universe: 'SP500', period: '6m', asOf: '2017-06-30' }],
  ['breadth', { universe: 'SP500', from: '2018-01-01', asOf: '2018-02-06' }],
  ['breadth', { universe: 'SP500', asOf: '2013-03-01' }],
  ['highs-lows', { universe: 'SP500' }],
  ['highs-lows', { universe: 'IWM', window: '63', sessions: '5', asOf: '2026-05-05' }],
  ['sectors', { universe: 'IWM' }],
  ['sectors', { universe: 'SP500', period: '1y', asOf: '2017-12-29' }],
  ['contributions', { fund: 'IWM' }],
  ['contributions', { fund: 'IWM', weights: 'start', period: '1y' }],
];

async function answer(store: MarketStore, cap: string, q: Record<string, string>): Promise<string> {
  const c = CAPABILITIES.find((x) => x.name === cap);
  if (!c) throw new Error(`no capability ${cap}`);
  try {
    return toJson(await c.facts(store, q));
  } catch (e) {
    return `error ${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
}

describe('batched member loads equal per-symbol loads on the real holdings and panel', () => {
  it('DuckDB: every priced SP500/IWM member and panel symbol', async () => {
    const names = await universeNames(duck);
    expect(names.length).toBeGreaterThan(500);
    await expectSameAsPerSymbol(duck, names);
  }, 300_000);

  it('read cache: the same', async () => {
    const names = await universeNames(cached);
    await expectSameAsPerSymbol(cached, names);
  }, 300_000);

  it('a date range reads the whole series rows in that range (DuckDB and read cache)', async () => {
    const names = [...(await universeNames(duck)).slice(0, 120), 'IWM', 'SPY', 'NOPE'];
    for (const store of [duck, cached]) {
      await expectRangeReadsRows(store, names, '2017-03-01', '2017-09-29');
      await expectRangeReadsRows(store, names, '2025-06-02');
    }
  }, 300_000);

  for (const [cap, q] of QUERIES)
    it(`${cap} ${JSON.stringify(q)}: the same JSON as member by member (DuckDB, read cache)`, async () => {
      const want = await answer(perMemberStore(duck), cap, q);
      expect(await answer(duck, cap, q)).toBe(want);
      expect(await answer(cached, cap, q)).toBe(want);
    }, 300_000);
});

describe('PostgreSQL: the batched load and the facts equal the per-symbol path', () => {
  const d = (p: string) => join(DATA_DIR, p);
  const panel = readdirSync(d('panels/individual_stocks_5yr')).sort().slice(0, 60).map((f) => d(`panels/individual_stocks_5yr/${f}`));
  const files = [d('constituents'), d('prices/alt'), ...['AAPL', 'AMZN', 'GOOGL', 'META', 'MSFT', 'NVDA', 'TSLA', 'IWM', 'SPY', 'BE', 'HL'].map((s) => d(`prices/${s}.csv`)), ...panel];
  let pgt: PgTestStore;
  beforeAll(async () => {
    pgt = await pgTestStore('md_many');
    const r = await importPaths(pgt.store, files, { dataRoot: DATA_DIR, lenient: false });
    expect(r.totals.failed).toBe(0);
  }, 900_000);
  afterAll(async () => {
    await pgt?.drop();
  });

  it('every priced member, and the facts', async () => {
    const names = await universeNames(pgt.store);
    expect(names.length).toBeGreaterThan(50);
    await expectSameAsPerSymbol(pgt.store, names);
    await expectRangeReadsRows(pgt.store, [...names.slice(0, 40), 'NOPE'], '2017-03-01', '2017-09-29');
    for (const [cap, q] of QUERIES) expect(await answer(pgt.store, cap, q), `${cap} ${JSON.stringify(q)}`).toBe(await answer(perMemberStore(pgt.store), cap, q));
  }, 600_000);
});
