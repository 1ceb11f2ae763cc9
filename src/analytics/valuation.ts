/**
 * Valuation of groups of stocks and the premium/discount between two groups.
 *
 * Aggregation ("index" ratios, never the mean or median of members' ratios):
 *   P/E = Σ market cap / Σ earnings, earnings_i = cap_i / PE_i
 *   forward P/E, P/S, P/B the same way (forward earnings, sales = cap/PS, book = cap/PB).
 * This is the ratio of the group as if it were one company, so big members weigh by their size.
 * - Members need a positive market cap; without one they are "missing" for every metric.
 * - Trailing P/E: when PE is blank but EPS and price are given, earnings = cap × EPS / price
 *   (counted in `derivedFromEps`; Yahoo-style data leave PE blank for loss-makers).
 * - Negative denominators (losses: negative earnings; negative book value) with `negatives`:
 *   `include` (default, the index providers' convention, e.g. S&P's index P/E): negative earnings
 *     reduce Σ earnings and the cap stays in Σ cap. A group whose Σ earnings is ≤ 0 has no
 *     meaningful ratio (value null).
 *   `exclude`: the member is left out of both sums (its cap too), counted in `excludedNegative`:
 *     the P/E of the profitable part of the group; `capCoverage` says how much of the cap that is.
 * - Universe and coverage: `universe` lists the group's members by the index list (e.g. the current
 *   S&P 500 constituents of a sector). Members without a fundamentals row, or without the metric,
 *   are listed (`coverage.without`); coverage = members with data / members. Both sides of a
 *   comparison should be drawn from the same index list (facts/market.ts does).
 *   P/S ≤ 0 is invalid data (sales are not negative) and is always left out.
 * Premium/discount: premiumPct = (a / b − 1) × 100 (a 25× P/E vs 20× is +25%). Needs a, b > 0.
 * Percentile of the current spread within a history of spreads (same units): 100 × (number below +
 * ½ number equal) / n, so the median of the history scores 50. The history should not contain the
 * current value.
 */
import { ImportError, UserError } from '../model/errors.ts';
import type { Fundamentals } from '../model/types.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import { parseNumberCell, readUserCsv } from './user-csv.ts';

export const VALUATION_METRICS = ['pe', 'forwardPe', 'ps', 'pb'] as const;
export type ValuationMetric = (typeof VALUATION_METRICS)[number];

export const METRIC_LABELS: Readonly<Record<ValuationMetric, string>> = {
  pe: 'P/E',
  forwardPe: 'forward P/E',
  ps: 'P/S',
  pb: 'P/B',
};

export interface MetricAggregate {
  metric: ValuationMetric;
  value: number | null;
  reason?: string;
  included: number;
  excludedNegative: number;
  /** No ratio (or a zero ratio), or no market cap. */
  missing: number;
  invalid: number;
  derivedFromEps: number;
  /** Σ cap of included members / Σ cap of members with a cap. */
  capCoverage: number;
  /** Σ cap of included members and Σ of their denominators (earnings, sales, book). */
  sumCap: number;
  sumDenominator: number;
  /** Members (with a fundamentals row) without this metric or without a market cap. */
  missingSymbols: string[];
}

export interface GroupValuation {
  label: string;
  members: number;
  withCap: number;
  totalCap: number;
  negatives: 'exclude' | 'include';
  asOf: { first: string; last: string };
  metrics: Record<ValuationMetric, MetricAggregate>;
  /**
   * P/E coverage over the group's universe: members with earnings data (profitable or not) / members;
   * `without`: members with no fundamentals row or no earnings data, sorted.
   */
  coverage: { members: number; withData: number; without: string[] };
}

export function aggregateValuation(
  members: readonly Fundamentals[],
  options: { label?: string; negatives?: 'exclude' | 'include'; universe?: readonly string[] } = {},
): GroupValuation {
  const label = options.label ?? 'group';
  const negatives = options.negatives ?? 'include';
  if (negatives !== 'exclude' && negatives !== 'include')
    throw new UserError(`negatives must be 'exclude' or 'include'`);
  if (!members || members.length === 0) throw new UserError(`valuation ${label}: no members given`);
  const seen = new Set<string>();
  let totalCap = 0;
  let withCap = 0;
  let first = members[0].asOf;
  let last = members[0].asOf;
  for (const f of members) {
    if (seen.has(f.symbol)) throw new UserError(`valuation ${label}: ${f.symbol} appears twice`);
    seen.add(f.symbol);
    if (f.asOf < first) first = f.asOf;
    if (f.asOf > last) last = f.asOf;
    if (f.marketCap !== null && Number.isFinite(f.marketCap) && f.marketCap > 0) {
      totalCap += f.marketCap;
      withCap++;
    }
  }
  if (withCap === 0) throw new UserError(`valuation ${label}: no member has a market cap`);

  const metrics = {} as Record<ValuationMetric, MetricAggregate>;
  for (const metric of VALUATION_METRICS) {
    const agg: MetricAggregate = {
      metric,
      value: null,
      included: 0,
      excludedNegative: 0,
      missing: 0,
      invalid: 0,
      derivedFromEps: 0,
      capCoverage: 0,
      sumCap: 0,
      sumDenominator: 0,
      missingSymbols: [],
    };
    for (const f of members) {
      const cap = f.marketCap;
      if (cap === null || !Number.isFinite(cap) || cap <= 0) {
        agg.missing++;
        agg.missingSymbols.push(f.symbol);
        continue;
      }
      let denom: number | null = null;
      const ratio = f[metric];
      if (ratio !== null && Number.isFinite(ratio) && ratio !== 0) denom = cap / ratio;
      else if (
        metric === 'pe' &&
        f.eps !== null &&
        f.price !== null &&
        f.price > 0 &&
        f.eps !== 0 &&
        Number.isFinite(f.eps)
      ) {
        denom = (cap * f.eps) / f.price;
        agg.derivedFromEps++;
      }
      if (denom === null) {
        agg.missing++;
        agg.missingSymbols.push(f.symbol);
        continue;
      }
      if (denom < 0) {
        if (metric === 'ps') {
          agg.invalid++;
          continue;
        }
        if (negatives === 'exclude') {
          agg.excludedNegative++;
          continue;
        }
      }
      agg.included++;
      agg.sumCap += cap;
      agg.sumDenominator += denom;
    }
    agg.capCoverage = agg.sumCap / totalCap;
    if (agg.included === 0) agg.reason = 'no member with this ratio';
    else if (!(agg.sumDenominator > 0))
      agg.reason = `Σ ${metric === 'pb' ? 'book value' : 'earnings'} is not positive`;
    else agg.value = agg.sumCap / agg.sumDenominator;
    metrics[metric] = agg;
  }
  const universe = options.universe ?? members.map((m) => m.symbol);
  const have = new Set(members.map((m) => m.symbol));
  const without = [...universe.filter((u) => !have.has(u)), ...metrics.pe.missingSymbols].sort();
  const pe = metrics.pe;
  const coverage = { members: universe.length, withData: pe.included + pe.excludedNegative, without };
  return { label, members: members.length, withCap, totalCap, negatives, asOf: { first, last }, metrics, coverage };
}

export interface SpreadPercentile {
  percentile: number;
  n: number;
  below: number;
  equal: number;
  min: number;
  max: number;
}

/** Where `current` sits in `history` (non-finite entries ignored); null for an empty history. */
export function spreadPercentile(current: number, history: readonly number[]): SpreadPercentile | null {
  if (!Number.isFinite(current)) throw new UserError('spread percentile: current value is not a number');
  const h = history.filter((v) => Number.isFinite(v));
  if (h.length === 0) return null;
  let below = 0;
  let equal = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of h) {
    if (v < current) below++;
    else if (v === current) equal++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { percentile: (100 * (below + 0.5 * equal)) / h.length, n: h.length, below, equal, min, max };
}

export interface SpreadInputRow {
  metric: string;
  a: number;
  b: number;
}

export interface SpreadRow {
  metric: string;
  a: number | null;
  b: number | null;
  /** (a/b − 1) × 100; null when a or b is missing or not positive. */
  premiumPct: number | null;
  reason?: string;
  percentile?: SpreadPercentile | null;
}

export interface SpreadResult {
  labels: { a: string; b: string };
  rows: SpreadRow[];
  provenance: AnalyticProvenance;
}

function spreadRow(
  metric: string,
  a: number | null,
  b: number | null,
  history?: readonly number[],
): SpreadRow {
  const row: SpreadRow = { metric, a, b, premiumPct: null };
  if (a === null || b === null) row.reason = `no value for ${a === null ? 'a' : 'b'}`;
  else if (!(a > 0) || !(b > 0)) row.reason = 'a premium needs positive values on both sides';
  else row.premiumPct = (a / b - 1) * 100;
  if (history !== undefined)
    row.percentile = row.premiumPct === null ? null : spreadPercentile(row.premiumPct, history);
  return row;
}

const FORMULA = 'premium_pct = (a / b - 1) × 100';

/** Premium/discount from user-given pairs (e.g. parsed from `metric,a,b`). history: spreads by metric, in percent. */
export function spreadFromPairs(
  pairs: readonly SpreadInputRow[],
  options: { labels?: { a: string; b: string }; history?: Readonly<Record<string, readonly number[]>> } = {},
): SpreadResult {
  if (!pairs || pairs.length === 0) throw new UserError('valuation spread: no rows given');
  const rows = pairs.map((p) => spreadRow(p.metric, p.a, p.b, options.history?.[p.metric]));
  return {
    labels: options.labels ?? { a: 'a', b: 'b' },
    rows,
    provenance: { series: [], formula: FORMULA, notes: [] },
  };
}

/** Premium/discount of group a over group b on each aggregate metric. */
export function valuationSpread(
  a: GroupValuation,
  b: GroupValuation,
  options: {
    metrics?: readonly ValuationMetric[];
    history?: Readonly<Partial<Record<ValuationMetric, readonly number[]>>>;
  } = {},
): SpreadResult {
  const metrics = options.metrics ?? VALUATION_METRICS;
  if (metrics.length === 0) throw new UserError('valuation spread: no metrics asked for');
  const notes: string[] = [];
  if (a.negatives !== b.negatives)
    notes.push(`groups treat negatives differently (${a.negatives} vs ${b.negatives})`);
  for (const g of [a, b]) {
    const c = g.coverage;
    const list = c.without.length <= 20 ? c.without.join(', ') : `${c.without.slice(0, 20).join(', ')}, … (+${c.without.length - 20})`;
    notes.push(`${g.label}: P/E coverage ${c.withData} of ${c.members} members${c.without.length ? ` (without data: ${list})` : ''}`);
  }
  for (const g of [a, b]) {
    for (const m of metrics) {
      const agg = g.metrics[m];
      if (!agg) throw new UserError(`unknown valuation metric ${m}`);
      if (agg.capCoverage < 0.9) {
        notes.push(
          `${g.label} ${METRIC_LABELS[m]} covers ${(agg.capCoverage * 100).toFixed(1)}% of its market cap`,
        );
      }
    }
  }
  const rows = metrics.map((m) => {
    const row = spreadRow(METRIC_LABELS[m], a.metrics[m].value, b.metrics[m].value, options.history?.[m]);
    if (row.premiumPct === null && row.reason === undefined)
      row.reason = a.metrics[m].reason ?? b.metrics[m].reason;
    return row;
  });
  return {
    labels: { a: a.label, b: b.label },
    rows,
    provenance: {
      series: [
        { symbol: a.label, source: 'fundamentals', first: a.asOf.first, last: a.asOf.last },
        { symbol: b.label, source: 'fundamentals', first: b.asOf.first, last: b.asOf.last },
      ],
      formula: `group ratio = Σ cap / Σ (cap / ratio) (negatives: ${a.negatives}); ${FORMULA}`,
      notes,
    },
  };
}

/** Parse `metric,a,b` (e.g. `P/E,24.1,17.3`); a and b must be positive numbers; metrics unique. */
export function parseValuationCsv(text: string, label = 'valuation CSV'): SpreadInputRow[] {
  const recs = readUserCsv(text, label, ['metric', 'a', 'b']);
  const firstLine = new Map<string, number>();
  return recs.map(({ line, values }) => {
    const metric = values.metric;
    if (metric === '') throw new ImportError(label, line, 'metric is empty');
    const prev = firstLine.get(metric.toLowerCase());
    if (prev !== undefined)
      throw new ImportError(label, line, `metric ${metric} already given on line ${prev}`);
    firstLine.set(metric.toLowerCase(), line);
    const a = parseNumberCell(values.a, label, line, 'a');
    const b = parseNumberCell(values.b, label, line, 'b');
    if (!(a > 0)) throw new ImportError(label, line, `a = ${values.a}: a premium needs a positive value`);
    if (!(b > 0)) throw new ImportError(label, line, `b = ${values.b}: a premium needs a positive value`);
    return { metric, a, b };
  });
}
