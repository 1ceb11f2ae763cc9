/** The subject of a symbol article: validate the symbol and date, find its index (from holdings) and sector fund. */
import { holdingsWeighting, normalizeSector, SECTOR_ETFS } from '../../facts/pure.ts';
import { UserError } from '../../model/errors.ts';
import type { MarketStore } from '../../store/store.ts';
import { Ctx } from '../context.ts';
import { idx, type SymbolSubject } from './types.ts';

export async function symbolSubject(
  store: MarketStore,
  opts: { symbol: string; asOf?: string; fallbackIndex?: string },
): Promise<SymbolSubject> {
  if (!opts?.symbol) throw new UserError('give a symbol', 'bad_input');
  if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf))
    throw new UserError(`--as-of must be YYYY-MM-DD, got '${opts.asOf}'`, 'bad_input');
  const ctx = new Ctx(store, opts.asOf ?? '');
  const { book } = ctx;
  const s = await ctx.price(opts.symbol);
  if (!s || s.dates.length < 2)
    throw new UserError(`unknown symbol '${opts.symbol}': no price data stored`, 'not_found');
  const S = s.symbol;
  if (opts.asOf === undefined) ctx.asOf = s.dates[s.dates.length - 1];
  else if (idx(s, opts.asOf) < 1)
    throw new UserError(
      `${opts.asOf} is not a session of ${S} (data ${s.dates[0]} to ${s.dates[s.dates.length - 1]})`,
      'bad_input',
    );
  book.add('asof', ctx.asOf, 'date', {
    label: 'report date: the last session used',
    series: [S],
    dates: { asOf: ctx.asOf },
    formula: opts.asOf ? 'given' : `last session of ${S}`,
  });

  // Index membership from stored holdings.
  const memb = await store.holdingsContaining(S, ctx.asOf);
  let indexSym = (opts.fallbackIndex ?? 'SPY').toUpperCase();
  let holding: SymbolSubject['holding'] = null;
  for (const m of memb) {
    const fund = m.fund;
    const fs = await ctx.price(fund);
    if (!fs || !ctx.covers(fs)) continue;
    const h = await store.getHoldings(fund, ctx.asOf);
    const row = h.rows.find((r) => r.symbol === S);
    if (!row) continue;
    // Weights as the contributions capability has them: market value ÷ total market value of the
    // snapshot when the file gives market values (the weight column is rounded to two decimals).
    const hw = holdingsWeighting(h.rows);
    const weight = hw.equity.includes(row) ? hw.weightOf(row) : row.weight;
    const eq = hw.equity.filter((r) => hw.weightOf(r) !== null);
    const rank = 1 + eq.filter((r) => (hw.weightOf(r) ?? 0) > (weight ?? 0)).length;
    holding = {
      fund,
      asOf: h.asOf,
      name: row.name,
      weight,
      weightFormula: hw.byMarketValue
        ? `market value ÷ total market value of the snapshot (${h.rows.length} rows), not the two-decimal weight column`
        : 'weight column of the holdings file, as published',
      byMarketValue: hw.byMarketValue,
      sector: row.sector,
      file: h.file,
      source: h.source,
      rank,
      members: eq.length,
    };
    indexSym = fund;
    break;
  }
  const indexSeries = indexSym === S ? null : await ctx.price(indexSym);
  const hasIndex = !!indexSeries && ctx.covers(indexSeries);
  const sectorName = holding?.sector ? normalizeSector(holding.sector) : null;
  const sectorEtf = sectorName ? ((SECTOR_ETFS as Record<string, string>)[sectorName] ?? null) : null;
  const sectorSeries = sectorEtf ? await ctx.price(sectorEtf) : null;
  const hasSector = !!sectorSeries && ctx.covers(sectorSeries);
  const peers = [S, ...(hasIndex ? [indexSym] : []), ...(hasSector ? [sectorEtf!] : [])];
  return { ctx, store, s, S, indexSym, indexSeries, hasIndex, sectorName, sectorEtf, sectorSeries, hasSector, peers, holding };
}
