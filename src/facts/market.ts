/** Facts over many series: contributions, breadth, size ladder, sectors, valuation, flows. */
import { computeBreadth } from '../analytics/breadth.ts';
import { computeContributions, holdingsWeighting } from '../analytics/contributions.ts';
import { computeFlows } from '../analytics/flows.ts';
import { DEFAULT_LADDER, FRENCH_SIZE_LADDER, sizeLadder } from '../analytics/ladder.ts';
import { periodBounds } from '../analytics/perf.ts';
import { sectorReturnsFromEtfs, sectorReturnsFromHoldings, SECTOR_ETFS, withSectorDivergence } from '../analytics/sectors.ts';
import type { PriceSeries } from '../model/series.ts';
import { aggregateValuation, valuationSpread } from '../analytics/valuation.ts';
import { UserError } from '../model/errors.ts';
import type { MarketStore } from '../store/store.ts';
import { checkAsOfInData, latestCommonDate, loadPriceLike, withSeriesNotes } from './load.ts';
import { boundedOrWhole, breadthBound, truncatedFrom, type Universe } from './breadth-bounded.ts';
import { loadPriceMany, loadPriceManyWith } from './load-many.ts';
import {
  BreadthParams,
  ContributionsParams,
  FlowsParams,
  LadderParams,
  parseParams,
  SectorsParams,
  ValuationParams,
} from './params.ts';

type Spec = { period?: string; from?: string; to?: string };
const spec = (p: Spec, dflt: string) =>
  (p.from ? { from: p.from, to: p.to } : (p.period ?? dflt)) as Parameters<typeof periodBounds>[0];

/** Period return of one series between the bounds the shared period rules give; null when it has no data there. */
function periodReturn(s: PriceSeries, period: Parameters<typeof periodBounds>[0], asOf: string) {
  try {
    const b = periodBounds(period, asOf, s.dates, s.symbol);
    if (b.end !== asOf && s.dates[b.endIndex] !== asOf) return null;
    return { ret: s.close[b.endIndex] / s.close[b.startIndex] - 1, start: b.start, end: b.end };
  } catch (e) {
    if (e instanceof UserError) return null;
    throw e;
  }
}

async function tryLoad(store: MarketStore, sym: string, source?: string): Promise<PriceSeries | null> {
  try {
    return source ? await store.getPriceSeries(sym, { source }) : await loadPriceLike(store, sym);
  } catch (e) {
    if (e instanceof UserError) return null;
    throw e;
  }
}

/**
 * A universe: the 5-year stock panel, or a stored holdings snapshot (fund or index). A holdings
 * universe's members are loaded together (load-many.ts). With `bound` (given the latest date any
 * member's preferred source reaches, the first date to read; undefined: whole), members read in the
 * batch hold only their rows from that date on and `bounded` says which may miss earlier rows (the
 * caller checks it used none of them: breadth-bounded.ts). The panel is always read whole.
 */
export async function universeMembers(store: MarketStore, universe: string, bound?: (latest: string) => string | undefined): Promise<Universe> {
  const u = universe.trim();
  if (/^(panel|sp500-2018|kaggle-5yr)$/i.test(u)) {
    const syms = await store.panelMembers('kaggle-5yr');
    if (syms.length === 0) throw new UserError('the 5-year stock panel is not in the store (import panels/individual_stocks_5yr)', 'not_found');
    const series = await store.getPriceSeriesMany(syms, 'kaggle-5yr');
    return { label: `S&P 500 members of early 2018 (5-year panel, ${syms.length} stocks; survivorship bias)`, members: syms, series };
  }
  const h = await store.getHoldings(u.toUpperCase());
  const members = h.rows.filter((r) => (r.assetClass ?? 'Equity') === 'Equity').map((r) => r.symbol);
  const label = `${u.toUpperCase()} holdings as of ${h.asOf}`;
  const priced = await store.priceSymbols();
  const names = members.filter((m) => priced.has(m));
  const listing = bound && names.length ? await store.listSourcesMany(names) : undefined;
  const latest = Object.values(listing ?? {}).flatMap((l) => l.find((x) => x.preferred)?.last ?? []).sort().at(-1);
  const from = latest ? bound?.(latest) : undefined;
  const load = await loadPriceManyWith(store, names, { from }, listing);
  const series = members.flatMap((m) => load.series.get(m) ?? []);
  if (!from) return { label, members, series };
  return { label, members, series, bounded: { from, truncated: truncatedFrom(load, from) } };
}

/** The series of the members that have a price source, loaded together (as `tryLoad` one by one would). */
async function loadPriced(store: MarketStore, members: string[]): Promise<Map<string, PriceSeries>> {
  const priced = await store.priceSymbols();
  return loadPriceMany(store, members.filter((m) => priced.has(m)));
}

/**
 * Breadth of a universe. A holdings universe is read from a bound before the period (breadthBound) and
 * the answer kept only when it used no row before the bound (breadth-bounded.ts); else read whole.
 */
export async function breadthFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(BreadthParams, raw);
  const period = spec(p, 'ytd');
  const compute = (u: Universe) => {
    if (u.series.length === 0) throw new UserError(`no price data for any member of ${u.label}`, 'not_found');
    const asOf = p.asOf ?? u.series.map((s) => s.dates[s.dates.length - 1]).sort().at(-1)!;
    return computeBreadth({ universe: u.label, members: u.members, series: u.series, period, asOf });
  };
  const u = await universeMembers(store, p.universe, (latest) => breadthBound(period, p.asOf ?? latest));
  return boundedOrWhole(store, u, compute, () => universeMembers(store, p.universe));
}

export async function ladderFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(LadderParams, raw);
  const segments = p.ladder === 'french' ? FRENCH_SIZE_LADDER : DEFAULT_LADDER;
  const series: PriceSeries[] = [];
  for (const seg of segments) {
    const s = await tryLoad(store, seg.symbol);
    if (s) series.push(s);
  }
  if (series.length === 0) throw new UserError(`no data for the ${p.ladder} size ladder`, 'not_found');
  checkAsOfInData(p.asOf, series, `the ${p.ladder} size ladder`);
  const asOf = p.asOf ?? latestCommonDate(series);
  const returns: Record<string, number | null> = {};
  let start = asOf;
  for (const s of series) {
    const i = s.dates.indexOf(asOf);
    if (i < 0) {
      returns[s.symbol] = null;
      continue;
    }
    if (p.period === '1d') {
      if (i === 0) {
        returns[s.symbol] = null;
        continue;
      }
      returns[s.symbol] = s.close[i] / s.close[i - 1] - 1;
      start = s.dates[i - 1] < start ? s.dates[i - 1] : start;
    } else {
      const r = periodReturn(s, p.period as never, asOf);
      returns[s.symbol] = r?.ret ?? null;
      if (r && r.start < start) start = r.start;
    }
  }
  return sizeLadder({
    segments,
    returns,
    asOf,
    period: { start, end: asOf },
    series: series.map((s) => ({ symbol: s.symbol, source: s.source, adjustment: s.adjustment, first: start, last: asOf })),
  });
}

export async function sectorsFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(SectorsParams, raw);
  const used: PriceSeries[] = [];
  const one = async (universe: string) => {
    if (universe === 'etf' || universe === 'spdr') {
      const series: PriceSeries[] = [];
      for (const sym of Object.values(SECTOR_ETFS)) {
        const s = await tryLoad(store, sym);
        if (s) series.push(s);
      }
      used.push(...series);
      checkAsOfInData(p.asOf, series, 'the sector ETFs');
      const asOf = p.asOf ?? latestCommonDate(series);
      const returns: Record<string, number | null> = {};
      let period = { start: asOf, end: asOf };
      for (const s of series) {
        const r = periodReturn(s, spec(p, 'ytd'), asOf);
        returns[s.symbol] = r?.ret ?? null;
        if (r) period = { start: r.start, end: r.end };
      }
      return sectorReturnsFromEtfs({ returns, period, series: series.map((s) => ({ symbol: s.symbol, source: s.source, adjustment: s.adjustment, first: period.start, last: period.end })) });
    }
    const h = await store.getHoldings(universe.toUpperCase());
    const returns: Record<string, number | null> = {};
    let period: { start: string; end: string } | null = null;
    const asOf = p.asOf ?? h.asOf;
    const loaded = await loadPriced(store, h.rows.map((m) => m.symbol));
    for (const m of h.rows) {
      const s = loaded.get(m.symbol) ?? null;
      const r = s ? periodReturn(s, spec(p, 'ytd'), asOf) : null;
      returns[m.symbol] = r?.ret ?? null;
      if (r) period = { start: r.start, end: r.end };
      if (s && r) used.push(s);
    }
    return sectorReturnsFromHoldings({ universe: `${universe.toUpperCase()} holdings as of ${h.asOf}`, holdings: h.rows, returns, period: period ?? { start: asOf, end: asOf }, source: h.file });
  };
  // Every series used says what was done to it when loading (splice repairs, source choice), typed.
  const a = await one(p.universe);
  if (!p.vs) return withSeriesNotes(a, used);
  return withSeriesNotes(withSectorDivergence(a, await one(p.vs)), used);
}

export async function contributionsFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(ContributionsParams, raw);
  const h = await store.getHoldings(p.fund.toUpperCase());
  const asOf = p.asOf ?? h.asOf;
  const rows = [];
  const missing: string[] = [];
  let period: { start: string; end: string } | null = null;
  // Weights: market value ÷ total market value of the snapshot (analytics/contributions.ts).
  const weighting = holdingsWeighting(h.rows);
  const { equity, byMarketValue } = weighting;
  const loaded: PriceSeries[] = [];
  const bySymbol = await loadPriced(store, equity.filter((m) => weighting.weightOf(m) !== null).map((m) => m.symbol));
  for (const m of equity) {
    const w = weighting.weightOf(m);
    if (w === null) continue;
    const s = bySymbol.get(m.symbol) ?? null;
    if (s) loaded.push(s);
    const r = s ? periodReturn(s, spec(p, 'ytd'), asOf) : null;
    if (!r) {
      missing.push(m.symbol);
      continue;
    }
    period = { start: r.start, end: r.end };
    rows.push(p.weights === 'end' ? { symbol: m.symbol, weightEnd: w, return: r.ret } : { symbol: m.symbol, weightStart: w, return: r.ret });
  }
  if (rows.length === 0) checkAsOfInData(p.asOf, loaded, `any ${p.fund.toUpperCase()} member`);
  if (rows.length === 0)
    throw new UserError(`no member of ${p.fund.toUpperCase()} has prices for the period ending ${asOf}`, 'not_found');
  let indexReturn = p.indexReturn;
  if (indexReturn === undefined && p.weights === 'end') {
    const fundSeries = await tryLoad(store, p.fund.toUpperCase());
    const r = fundSeries ? periodReturn(fundSeries, spec(p, 'ytd'), asOf) : null;
    if (!r) throw new UserError(`end weights need the index return: no prices for ${p.fund.toUpperCase()} over the period; pass indexReturn`);
    indexReturn = r.ret;
  }
  const result = computeContributions(rows, { weights: p.weights, indexReturn, wholeIndex: false, period: period ?? undefined, source: h.file });
  const weightBasis = weighting.basis;
  result.provenance.notes.push(
    byMarketValue
      ? `weights = market value ÷ total market value of the snapshot (${h.rows.length} rows), not the two-decimal weight column`
      : 'weights from the weight column as published (no market values in the holdings file)',
  );
  return { ...result, weightBasis, fund: p.fund.toUpperCase(), holdingsAsOf: h.asOf, membersWithoutPrices: missing.length, top: result.rows.slice(0, p.top), bottom: result.rows.slice(-p.top).reverse() };
}

/**
 * Valuation of two groups drawn from ONE universe: the current S&P 500 constituents list when it is
 * stored (fundamentals rows of former members are left out and counted), else the fundamentals rows.
 * Loss-makers count by default (index providers' convention); each side reports its coverage.
 */
export async function valuationFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(ValuationParams, raw);
  const fundamentals = await store.getFundamentals();
  if (fundamentals.length === 0) throw new UserError('no fundamentals stored (import constituents/sp500_constituents-financials.csv)', 'not_found');
  const sectors = new Map<string, string>();
  let constituents: string[] | null = null;
  try {
    const h = await store.getHoldings('SP500');
    constituents = h.rows.map((r) => r.symbol);
    for (const r of h.rows) if (r.sector) sectors.set(r.symbol, r.sector);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  const universe = constituents ?? fundamentals.map((f) => f.symbol);
  const inUniverse = new Set(universe);
  const former = fundamentals.filter((f) => !inUniverse.has(f.symbol)).map((f) => f.symbol).sort();
  const bySymbol = new Map(fundamentals.map((f) => [f.symbol, f]));
  const rowsOf = (members: string[]) => members.flatMap((m) => bySymbol.get(m) ?? []);
  const group = (g: string) => {
    if (g === 'all') return { label: constituents ? 'S&P 500' : 'all fundamentals rows', members: universe };
    const m = /^sector:(.+)$/i.exec(g);
    if (m) {
      const members = universe.filter((x) => sectors.get(x)?.toLowerCase() === m[1].toLowerCase());
      if (members.length === 0) throw new UserError(`no members in sector '${m[1]}'`, 'not_found');
      return { label: m[1], members };
    }
    const members = g.split(',').map((x) => x.trim().toUpperCase());
    if (rowsOf(members).length === 0) throw new UserError(`no fundamentals for '${g}'`, 'not_found');
    return { label: g, members };
  };
  const a = group(p.a);
  const b = group(p.b);
  const agg = (x: { label: string; members: string[] }) => {
    const rows = rowsOf(x.members);
    if (rows.length === 0) throw new UserError(`no fundamentals for any member of '${x.label}'`, 'not_found');
    return aggregateValuation(rows, { label: x.label, negatives: p.negatives, universe: x.members });
  };
  const r = valuationSpread(agg(a), agg(b));
  if (constituents && former.length > 0)
    r.provenance.notes.push(
      `universe: the ${constituents.length} current S&P 500 constituents for both sides; ${former.length} fundamentals rows of other symbols (former members) left out: ${former.slice(0, 10).join(', ')}${former.length > 10 ? ', …' : ''}`,
    );
  return r;
}

export async function flowsFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(FlowsParams, raw);
  const flows = await store.getFlows(p.funds);
  if (flows.length === 0) throw new UserError(`no flows stored${p.funds ? ` for ${p.funds.join(', ')}` : ''} (import a CSV fund,date,flow_usd[,aum_usd])`, 'not_found');
  const asOf = p.asOf ?? flows.map((f) => f.date).sort().at(-1)!;
  return computeFlows({ flows, asOf, window: p.window, funds: p.funds });
}
