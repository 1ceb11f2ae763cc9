/**
 * Every GET endpoint of the JSON API as data: path, parameter schema (the one that validates it and
 * documents it in OpenAPI), and the computation. The analytics endpoints are generated from the
 * capability registry (one per capability, the same facts function as the CLI command), so they
 * return exactly the CLI's --json document.
 */
import type { z } from 'zod';
import { CAPABILITIES } from '../capabilities/registry.ts';
import { loadAny } from '../facts/load.ts';
import { returnsToIndex } from '../facts/pure.ts';
import { UserError } from '../model/errors.ts';
import type { PriceSeries } from '../model/series.ts';
import type { MarketStore } from '../store/store.ts';
import { reportFacts } from './integrations.ts';
import { BarsParams, ReportParams, SeriesParams, SessionsParams } from './schemas.ts';

// biome-ignore lint/suspicious/noExplicitAny: schemas differ per endpoint
type AnyObjectSchema = z.ZodObject<any>;

export interface Endpoint {
  /** OpenAPI-style path: /api/bars/{symbol}. */
  path: string;
  /** Path parameters (also fields of `schema`). */
  pathParams?: string[];
  /** The CLI command it mirrors. */
  cli?: string;
  summary: string;
  tag: 'analytics' | 'data' | 'reports';
  schema: AnyObjectSchema;
  run: (store: MarketStore, params: Record<string, unknown>) => Promise<unknown>;
  /** Responses other than JSON (reports as HTML or Markdown). */
  contentType?: (params: Record<string, unknown>) => string;
}

export const ENDPOINTS: Endpoint[] = [
  ...CAPABILITIES.map(
    (c): Endpoint => ({ path: `/api/${c.name}`, cli: c.name, tag: 'analytics', summary: c.summary, schema: c.params, run: (store, p) => c.facts(store, p) }),
  ),
  { path: '/api/series', cli: 'db info', tag: 'data', summary: 'The stored series: kind, source, first and last date, rows', schema: SeriesParams, run: seriesData },
  { path: '/api/bars/{symbol}', pathParams: ['symbol'], tag: 'data', summary: 'Daily prices of a symbol (a return series such as FF.SMB as a growth-of-$1 index)', schema: BarsParams, run: barsData },
  { path: '/api/sessions', tag: 'data', summary: 'Sessions (dates with data) common to the given series', schema: SessionsParams, run: sessionsData },
  {
    path: '/api/report',
    cli: 'report',
    tag: 'reports',
    summary: 'A generated article for a pair (pair=IWM:SPY) or a symbol',
    schema: ReportParams,
    run: (store, p) => reportFacts(store, p as never),
    contentType: (p) => (p.format === 'html' ? 'text/html; charset=utf-8' : p.format === 'markdown' ? 'text/markdown; charset=utf-8' : 'application/json; charset=utf-8'),
  },
];

async function seriesData(store: MarketStore, p: Record<string, unknown>) {
  const { symbol, table } = p as z.infer<typeof SeriesParams>;
  const all = await store.listSeries();
  const series = all.filter((s) => (!symbol || s.symbol.toLowerCase() === symbol.toLowerCase()) && (!table || s.table === table));
  if (symbol && series.length === 0) throw new UserError(`unknown symbol or series '${symbol}'`, 'not_found');
  return { series };
}

async function barsData(store: MarketStore, p: Record<string, unknown>) {
  const q = p as z.infer<typeof BarsParams>;
  let s: PriceSeries & { returnSeries?: boolean };
  if (q.source) {
    const r = await loadAny(store, q.symbol); // 404 for an unknown symbol, before the source question
    if (r.kind !== 'price') throw new UserError(`${q.symbol} is a return series: it has no sources`, 'bad_input');
    s = await store.getPriceSeries(r.series.symbol, { source: q.source });
  } else {
    const r = await loadAny(store, q.symbol);
    if (r.kind === 'price') s = r.series;
    else {
      s = { ...returnsToIndex(r.series), returnSeries: true };
    }
  }
  let i = 0;
  let j = s.dates.length;
  if (q.from) while (i < j && s.dates[i] < q.from) i++;
  if (q.to) while (j > i && s.dates[j - 1] > q.to) j--;
  const cut = <T extends Float64Array | null>(x: T) => (x ? x.subarray(i, j) : null);
  return {
    symbol: s.symbol,
    source: s.source,
    adjustment: s.adjustment,
    kind: 'returnSeries' in s ? 'growth of $1 from a return series' : 'prices',
    first: s.dates[i] ?? null,
    last: s.dates[j - 1] ?? null,
    count: j - i,
    dates: s.dates.slice(i, j),
    open: cut(s.open),
    high: cut(s.high),
    low: cut(s.low),
    close: cut(s.close),
    volume: cut(s.volume),
  };
}

async function sessionsData(store: MarketStore, p: Record<string, unknown>) {
  const q = p as z.infer<typeof SessionsParams>;
  let common: string[] | null = null;
  const symbols: string[] = [];
  for (const name of q.symbols) {
    const r = await loadAny(store, name);
    symbols.push(r.series.symbol);
    const dates = r.kind === 'price' ? r.series.dates.filter((_, k) => Number.isFinite(r.series.close[k])) : r.series.dates;
    if (common === null) common = dates;
    else {
      const set = new Set(dates);
      common = common.filter((d) => set.has(d));
    }
  }
  let sessions = common ?? [];
  if (q.from) sessions = sessions.filter((d) => d >= q.from!);
  if (q.to) sessions = sessions.filter((d) => d <= q.to!);
  return { symbols, first: sessions[0] ?? null, last: sessions.at(-1) ?? null, count: sessions.length, sessions };
}

export const ENDPOINT_BY_PATH = new Map(ENDPOINTS.map((e) => [e.path, e]));
