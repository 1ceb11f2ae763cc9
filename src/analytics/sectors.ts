/**
 * Sector returns, three ways:
 * (a) from the SPDR sector ETFs (one ETF per GICS sector), ranked;
 * (b) cap-weighted from holdings: sector return = Σ w_i r_i / Σ w_i over the sector's members that
 *     have a return (weights from the holdings snapshot: `weight`, or `marketValue` which is not
 *     rounded). Members without a return are listed; coverage = Σ w (with return) / Σ w (all
 *     members of the sector). Holdings whose assetClass is set and is not `Equity` (cash, futures,
 *     money market) are left out and listed. The weights are those of the snapshot date: for a
 *     period that ends on the snapshot date they are end weights, which tilt toward the period's
 *     winners (see contributions.ts for converting end weights to start weights).
 * (c) divergence of the same sector between two universes, in percentage points:
 *     (r_sector_u1 − r_sector_u2) × 100.
 * Ranks: 1 = best return; equal returns share the better rank (1, 2, 2, 4).
 * Sector names are normalised (iShares' `Communication` → GICS `Communication Services`, …).
 */
import { UserError } from '../model/errors.ts';
import type { Holding } from '../model/types.ts';
import type { AnalyticProvenance } from './provenance-util.ts';

export const GICS_SECTORS = [
  'Information Technology',
  'Financials',
  'Energy',
  'Health Care',
  'Industrials',
  'Consumer Discretionary',
  'Consumer Staples',
  'Utilities',
  'Materials',
  'Real Estate',
  'Communication Services',
] as const;
export type GicsSector = (typeof GICS_SECTORS)[number];

/** GICS sector → Select Sector SPDR ETF. XLRE starts 2015-10-08, XLC 2018-06-19 in the data. */
export const SECTOR_ETFS: Readonly<Record<GicsSector, string>> = {
  'Information Technology': 'XLK',
  Financials: 'XLF',
  Energy: 'XLE',
  'Health Care': 'XLV',
  Industrials: 'XLI',
  'Consumer Discretionary': 'XLY',
  'Consumer Staples': 'XLP',
  Utilities: 'XLU',
  Materials: 'XLB',
  'Real Estate': 'XLRE',
  'Communication Services': 'XLC',
};

const ALIASES: Record<string, GicsSector> = {
  communication: 'Communication Services',
  'communication services': 'Communication Services',
  communications: 'Communication Services',
  'information technology': 'Information Technology',
  'info tech': 'Information Technology',
  it: 'Information Technology',
  technology: 'Information Technology',
  financials: 'Financials',
  financial: 'Financials',
  energy: 'Energy',
  'health care': 'Health Care',
  healthcare: 'Health Care',
  industrials: 'Industrials',
  'consumer discretionary': 'Consumer Discretionary',
  'consumer staples': 'Consumer Staples',
  utilities: 'Utilities',
  materials: 'Materials',
  'real estate': 'Real Estate',
};

/** The GICS sector name for a provider's label, or the trimmed label itself when not recognised. */
export function normalizeSector(label: string): string {
  const t = label.trim().replace(/\s+/g, ' ');
  return ALIASES[t.toLowerCase()] ?? t;
}

export interface SectorRow {
  sector: string;
  /** Fraction. */
  return: number;
  rank: number;
  /** Share of the sector's weight with a return (1 for an ETF with data). */
  coverage: number;
  /** ETF used (method a). */
  etf?: string;
  /** Members used / total (method b). */
  membersWithData?: number;
  members?: number;
}

export interface SectorMissing {
  sector: string;
  /** ETF symbol (a) or member symbols without a return (b). */
  symbols: string[];
  reason: string;
}

export interface SectorDivergenceRow {
  sector: string;
  returnA: number;
  returnB: number;
  /** (returnA − returnB) × 100, percentage points. */
  divergencePts: number;
}

export interface SectorResult {
  method: 'etf' | 'cap-weighted';
  universe: string;
  period: { start: string; end: string };
  rows: SectorRow[];
  /** Sectors (a) or members (b) with no return. */
  missing: SectorMissing[];
  /** Holdings left out before weighting (non-equity, no sector, no/negative weight). */
  excluded: { symbol: string; reason: string }[];
  divergence?: SectorDivergenceRow[];
  divergenceLabels?: { a: string; b: string };
  /** Sectors with a return in only one of the two universes. */
  divergenceUnmatched?: { sector: string; in: 'a' | 'b' }[];
  provenance: AnalyticProvenance;
}

type Returns = Readonly<Record<string, number | null | undefined>>;

function ret(returns: Returns, sym: string): number | null {
  const v = returns[sym];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Competition ranking, 1 = highest return; ties by sector name for a stable order. */
function rankRows(rows: Omit<SectorRow, 'rank'>[]): SectorRow[] {
  const sorted = [...rows].sort((a, b) => b.return - a.return || (a.sector < b.sector ? -1 : 1));
  const out: SectorRow[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const rank = i > 0 && sorted[i].return === sorted[i - 1].return ? out[i - 1].rank : i + 1;
    out.push({ ...sorted[i], rank });
  }
  return out;
}

export interface EtfSectorInput {
  /** Period return (fraction) per ETF symbol. */
  returns: Returns;
  period: { start: string; end: string };
  /** Sector → ETF map; default SECTOR_ETFS. */
  etfs?: Readonly<Record<string, string>>;
  series?: AnalyticProvenance['series'];
}

/** (a) Sector returns from sector ETFs, ranked. Sectors whose ETF has no return are listed as missing. */
export function sectorReturnsFromEtfs(input: EtfSectorInput): SectorResult {
  const etfs = input.etfs ?? SECTOR_ETFS;
  const entries = Object.entries(etfs);
  if (entries.length === 0) throw new UserError('sector ETFs: empty sector → ETF map');
  const rows: Omit<SectorRow, 'rank'>[] = [];
  const missing: SectorMissing[] = [];
  for (const [sector, etf] of entries) {
    const r = ret(input.returns, etf);
    if (r === null) missing.push({ sector, symbols: [etf], reason: `no return for ${etf}` });
    else rows.push({ sector, return: r, coverage: 1, etf });
  }
  if (rows.length === 0) {
    throw new UserError(
      `sector ETFs: none has a return for ${input.period.start}..${input.period.end}`,
      'not_found',
    );
  }
  return {
    method: 'etf',
    universe: 'Select Sector SPDR ETFs',
    period: input.period,
    rows: rankRows(rows),
    missing,
    excluded: [],
    provenance: {
      series: input.series ?? [],
      formula: 'sector return = period return of its sector ETF',
      notes: [],
    },
  };
}

export interface HoldingsSectorInput {
  universe: string;
  holdings: readonly Holding[];
  /** Period return (fraction) per member symbol. */
  returns: Returns;
  period: { start: string; end: string };
  /** Weight source; default `weight`. `marketValue` avoids the 2-decimal rounding of published weights. */
  weightBy?: 'weight' | 'marketValue';
  series?: AnalyticProvenance['series'];
  source?: string;
}

/** (b) Cap-weighted sector returns from a holdings snapshot and member returns. */
export function sectorReturnsFromHoldings(input: HoldingsSectorInput): SectorResult {
  const weightBy = input.weightBy ?? 'weight';
  if (!input.holdings || input.holdings.length === 0)
    throw new UserError(`${input.universe}: no holdings given`);
  const excluded: { symbol: string; reason: string }[] = [];
  const bySector = new Map<string, { sym: string; w: number; r: number | null }[]>();
  const seen = new Set<string>();
  for (const h of input.holdings) {
    if (
      h.assetClass !== null &&
      h.assetClass !== undefined &&
      h.assetClass.trim().toLowerCase() !== 'equity'
    ) {
      excluded.push({ symbol: h.symbol, reason: `asset class ${h.assetClass}` });
      continue;
    }
    if (seen.has(h.symbol))
      throw new UserError(`${input.universe}: ${h.symbol} is held twice; merge the lines first`);
    seen.add(h.symbol);
    if (h.sector === null || h.sector.trim() === '') {
      excluded.push({ symbol: h.symbol, reason: 'no sector' });
      continue;
    }
    const w = weightBy === 'weight' ? h.weight : h.marketValue;
    if (w === null || !Number.isFinite(w)) {
      excluded.push({ symbol: h.symbol, reason: `no ${weightBy}` });
      continue;
    }
    if (w < 0) {
      excluded.push({ symbol: h.symbol, reason: `negative ${weightBy} ${w}` });
      continue;
    }
    const sector = normalizeSector(h.sector);
    let list = bySector.get(sector);
    if (!list) {
      list = [];
      bySector.set(sector, list);
    }
    list.push({ sym: h.symbol, w, r: ret(input.returns, h.symbol) });
  }
  if (bySector.size === 0)
    throw new UserError(`${input.universe}: no equity holding with a sector and a weight`);
  const rows: Omit<SectorRow, 'rank'>[] = [];
  const missing: SectorMissing[] = [];
  for (const [sector, list] of [...bySector.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let wAll = 0;
    let wData = 0;
    let wr = 0;
    let n = 0;
    const without: string[] = [];
    for (const m of list) {
      wAll += m.w;
      if (m.r === null) {
        without.push(m.sym);
        continue;
      }
      wData += m.w;
      wr += m.w * m.r;
      n++;
    }
    if (without.length > 0) missing.push({ sector, symbols: without, reason: 'no return for the period' });
    if (wData === 0) {
      missing.push({
        sector,
        symbols: [],
        reason: n === 0 ? 'no member with a return' : 'members with a return have zero weight',
      });
      continue;
    }
    rows.push({
      sector,
      return: wr / wData,
      coverage: wAll > 0 ? wData / wAll : 0,
      membersWithData: n,
      members: list.length,
    });
  }
  if (rows.length === 0) {
    throw new UserError(
      `${input.universe}: no sector has a member with a return for the period`,
      'not_found',
    );
  }
  return {
    method: 'cap-weighted',
    universe: input.universe,
    period: input.period,
    rows: rankRows(rows),
    missing,
    excluded,
    provenance: {
      series: input.series ?? [],
      formula: `sector return = Σ w_i r_i / Σ w_i over members with a return (w = holdings ${weightBy}); coverage = Σ w with return / Σ w`,
      notes: [],
    },
  };
}

/**
 * (c) Add the divergence of each sector present in both results: (r_a − r_b) × 100 points, sorted
 * from the largest positive gap. Returns `a` with `divergence` set.
 */
export function withSectorDivergence(
  a: SectorResult,
  b: SectorResult,
  labels: { a: string; b: string } = { a: a.universe, b: b.universe },
): SectorResult {
  if (a.period.start !== b.period.start || a.period.end !== b.period.end) {
    throw new UserError(
      `sector divergence: periods differ (${a.period.start}..${a.period.end} vs ${b.period.start}..${b.period.end})`,
    );
  }
  const rb = new Map(b.rows.map((r) => [r.sector, r.return]));
  const ra = new Set(a.rows.map((r) => r.sector));
  const unmatched: { sector: string; in: 'a' | 'b' }[] = [
    ...a.rows.filter((r) => !rb.has(r.sector)).map((r) => ({ sector: r.sector, in: 'a' as const })),
    ...b.rows.filter((r) => !ra.has(r.sector)).map((r) => ({ sector: r.sector, in: 'b' as const })),
  ];
  const divergence: SectorDivergenceRow[] = [];
  for (const r of a.rows) {
    const other = rb.get(r.sector);
    if (other === undefined) continue;
    divergence.push({
      sector: r.sector,
      returnA: r.return,
      returnB: other,
      divergencePts: (r.return - other) * 100,
    });
  }
  if (divergence.length === 0) throw new UserError('sector divergence: the two universes share no sector');
  divergence.sort((x, y) => y.divergencePts - x.divergencePts || (x.sector < y.sector ? -1 : 1));
  return {
    ...a,
    divergence,
    divergenceLabels: labels,
    divergenceUnmatched: unmatched,
    provenance: {
      series: [...a.provenance.series, ...b.provenance.series],
      formula: `${a.provenance.formula}; divergence_pts = (r_${labels.a} − r_${labels.b}) × 100`,
      notes: [
        ...a.provenance.notes,
        ...b.provenance.notes,
        ...unmatched.map((u) => `${u.sector} only in ${u.in === 'a' ? labels.a : labels.b}`),
      ],
    },
  };
}
