/**
 * Contribution to an index's (or fund's) return, in basis points:
 *
 *   contribution_i (bps) = w_start_i × r_i × 10,000
 *
 * with w_start_i the member's weight at the START of the period and r_i its return over the period
 * (both fractions). Only start weights make contributions add up to the index return:
 * Σ w_start_i r_i = R_index when Σ w_start_i = 1.
 *
 * End weights (what fund websites publish) are converted back to start weights. A member's weight
 * drifts with its relative performance: w_end_i = w_start_i (1 + r_i) / (1 + R), so
 *
 *   w_start_i = w_end_i × (1 + R) / (1 + r_i).
 *
 * R is taken from `indexReturn` when given. When the rows are the whole index and R is not given,
 * R is solved so that start weights total what end weights total (S = Σ w_end_i):
 *
 *   Σ_i w_end_i (1 + R) / (1 + r_i) = S   ⇒   1 + R = S / Σ_i (w_end_i / (1 + r_i)).
 *
 * With S = 1 this is 1 + R = 1 / Σ_i (w_end_i / (1 + r_i)). Keeping S (instead of forcing 1) means
 * rounded published weights (e.g. summing to 99.90%) are not silently rescaled: then
 * Σ contributions = S·R, and the reconciliation shows the residual (S − 1)·R.
 *
 * The drift relation assumes membership and share counts did not change during the period
 * (no reconstitution, buyback or issuance); across a rebalance the recovered start weights are
 * approximations, and a note says so.
 *
 * "Whole index" = the weights sum to 1 within `wholeIndexTolerance` (default 0.005, i.e. 0.5
 * percentage point), unless `wholeIndex` is set explicitly.
 * Reconciliation (whole index only): Σ contributions vs R, both in bps, residual = Σ − R.
 * With start weights and no `indexReturn`, R is the start-weighted mean Σ w r / Σ w.
 */
import { ImportError, UserError } from '../model/errors.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import { parseNumberCell, readUserCsv } from './user-csv.ts';

export type WeightBasis = 'start' | 'end';

export interface ContributionInput {
  symbol: string;
  /** Weight at the start of the period, fraction (0.0123 = 1.23%). */
  weightStart?: number;
  /** Weight at the end of the period, fraction. */
  weightEnd?: number;
  /** Return over the period, fraction (0.05 = +5%). */
  return: number;
}

export interface ContributionOptions {
  /** Which weight the rows carry. Default `start`. */
  weights?: WeightBasis;
  /** The index's return over the period, fraction. Required for end weights of a partial list. */
  indexReturn?: number;
  /** Force whole-index (true) or partial-list (false) treatment instead of detecting it from Σ weights. */
  wholeIndex?: boolean;
  /** |Σ w − 1| at or under this counts as the whole index. Default 0.005. */
  wholeIndexTolerance?: number;
  /** Period the returns cover, for provenance. */
  period?: { start: string; end: string };
  /** Where the weights/returns came from (e.g. `file:constituents/IWM_holdings_2026-05-05.csv`). */
  source?: string;
}

export interface ContributionRow {
  symbol: string;
  weightStart: number;
  /** Given, or derived as w_start (1 + r) / (1 + R) when R is known; null otherwise. */
  weightEnd: number | null;
  return: number;
  contributionBps: number;
}

export interface Reconciliation {
  indexReturn: number;
  indexReturnBps: number;
  /** How R was obtained. */
  indexReturnMethod: 'given' | 'solved-from-end-weights' | 'start-weighted-mean';
  sumContributionsBps: number;
  /** Σ contributions − R, bps. */
  residualBps: number;
  /** Σ of the weights as given (start or end). */
  weightSum: number;
}

export interface ContributionResult {
  weights: WeightBasis;
  /** Sorted by contribution, largest first (ties by symbol). */
  rows: ContributionRow[];
  totalBps: number;
  /** R used (given, solved or implied), or null when unknown. */
  indexReturn: number | null;
  wholeIndex: boolean;
  reconciliation?: Reconciliation;
  /** series (when a period is given), formula, and notes on the conventions applied. */
  provenance: AnalyticProvenance;
}

const DEFAULT_TOL = 0.005;

function checkNumber(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new UserError(`${what} must be a finite number, got ${String(v)}`);
  return v;
}

/** The rows' symbols, weights (of the given basis) and returns, checked. */
function readRows(
  input: readonly ContributionInput[],
  basis: WeightBasis,
): { symbols: string[]; w: number[]; r: number[] } {
  const seen = new Set<string>();
  const symbols: string[] = [];
  const w: number[] = [];
  const r: number[] = [];
  for (const row of input) {
    const sym = typeof row.symbol === 'string' ? row.symbol.trim() : '';
    if (sym === '') throw new UserError('contributions: a row has no symbol');
    if (seen.has(sym)) throw new UserError(`contributions: symbol ${sym} appears more than once`);
    seen.add(sym);
    symbols.push(sym);
    const ret = checkNumber(row.return, `return of ${sym}`);
    if (ret < -1) throw new UserError(`return of ${sym} is ${ret}, below −100%`);
    const wt = basis === 'start' ? row.weightStart : row.weightEnd;
    if (wt === undefined || wt === null) {
      throw new UserError(`contributions: ${sym} has no ${basis} weight (weights: '${basis}')`);
    }
    w.push(checkNumber(wt, `${basis} weight of ${sym}`));
    r.push(ret);
  }
  return { symbols, w, r };
}

/** Σ contributions against R (whole index with a known R only); notes on the weight sum. */
function reconcile(
  wholeIndex: boolean,
  R: number | null,
  method: Reconciliation['indexReturnMethod'] | null,
  totalBps: number,
  weightSum: number,
  notes: string[],
): Reconciliation | undefined {
  if (wholeIndex && R !== null && method !== null) {
    if (Math.abs(weightSum - 1) > 1e-12) {
      notes.push(
        `weights sum to ${(weightSum * 100).toFixed(4)}%, not exactly 100%: part of the residual comes from that`,
      );
    }
    return {
      indexReturn: R,
      indexReturnBps: R * 10_000,
      indexReturnMethod: method,
      sumContributionsBps: totalBps,
      residualBps: totalBps - R * 10_000,
      weightSum,
    };
  }
  if (!wholeIndex) {
    notes.push(
      `partial list (weights sum to ${(weightSum * 100).toFixed(2)}%): no reconciliation with the index`,
    );
  }
  return undefined;
}

export function computeContributions(
  input: readonly ContributionInput[],
  options: ContributionOptions = {},
): ContributionResult {
  const basis: WeightBasis = options.weights ?? 'start';
  if (basis !== 'start' && basis !== 'end')
    throw new UserError(`weights must be 'start' or 'end', got '${String(basis)}'`);
  if (!Array.isArray(input) || input.length === 0) throw new UserError('contributions: no rows given');
  const tol = options.wholeIndexTolerance ?? DEFAULT_TOL;
  if (!(tol >= 0)) throw new UserError('wholeIndexTolerance must be ≥ 0');
  if (options.indexReturn !== undefined) {
    checkNumber(options.indexReturn, 'indexReturn');
    if (options.indexReturn <= -1)
      throw new UserError(`indexReturn ${options.indexReturn} is at or below −100%`);
  }

  const { symbols, w, r } = readRows(input, basis);

  const weightSum = w.reduce((a, b) => a + b, 0);
  const wholeIndex = options.wholeIndex ?? Math.abs(weightSum - 1) <= tol;
  const notes: string[] = [];
  let R: number | null = options.indexReturn ?? null;
  let method: Reconciliation['indexReturnMethod'] | null = R !== null ? 'given' : null;
  const wStart: number[] = [];

  if (basis === 'start') {
    if (R === null && wholeIndex) {
      if (weightSum === 0) throw new UserError('contributions: start weights sum to 0');
      R = w.reduce((acc, wi, i) => acc + wi * r[i], 0) / weightSum;
      method = 'start-weighted-mean';
    }
    wStart.push(...w);
  } else {
    if (R === null) {
      if (!wholeIndex) {
        throw new UserError(
          `end weights sum to ${(weightSum * 100).toFixed(2)}%, not the whole index: give indexReturn to convert them to start weights`,
        );
      }
      let denom = 0;
      for (let i = 0; i < w.length; i++) {
        if (r[i] === -1) {
          throw new UserError(
            `cannot recover the start weight of ${symbols[i]}: a −100% return leaves no end weight`,
          );
        }
        denom += w[i] / (1 + r[i]);
      }
      if (!(denom > 0))
        throw new UserError('contributions: end weights do not give a positive Σ w_end/(1+r)');
      R = weightSum / denom - 1;
      method = 'solved-from-end-weights';
      notes.push('index return solved from end weights: 1+R = Σw_end / Σ(w_end/(1+r))');
    }
    for (let i = 0; i < w.length; i++) {
      if (r[i] === -1) {
        throw new UserError(
          `cannot recover the start weight of ${symbols[i]}: a −100% return leaves no end weight`,
        );
      }
      wStart.push((w[i] * (1 + R)) / (1 + r[i]));
    }
    notes.push(
      'start weights recovered as w_end × (1+R)/(1+r), assuming no membership or share-count change in the period',
    );
  }

  const rows: ContributionRow[] = symbols.map((symbol, i) => {
    const given = input[i].weightEnd;
    let weightEnd: number | null = null;
    if (basis === 'end') weightEnd = w[i];
    else if (given !== undefined && given !== null) weightEnd = checkNumber(given, `end weight of ${symbol}`);
    else if (R !== null) weightEnd = (wStart[i] * (1 + r[i])) / (1 + R);
    return {
      symbol,
      weightStart: wStart[i],
      weightEnd,
      return: r[i],
      contributionBps: wStart[i] * r[i] * 10_000,
    };
  });
  rows.sort(
    (a, b) =>
      b.contributionBps - a.contributionBps || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0),
  );
  const totalBps = rows.reduce((a, x) => a + x.contributionBps, 0);

  const reconciliation = reconcile(wholeIndex, R, method, totalBps, weightSum, notes);

  const source = options.source ?? 'input';
  const provenance: AnalyticProvenance = {
    series: options.period
      ? symbols.map((symbol) => ({ symbol, source, first: options.period!.start, last: options.period!.end }))
      : [],
    formula:
      basis === 'start'
        ? 'contribution_bps = w_start × r × 10000'
        : 'w_start = w_end × (1+R)/(1+r); contribution_bps = w_start × r × 10000',
    notes,
  };
  return { weights: basis, rows, totalBps, indexReturn: R, wholeIndex, reconciliation, provenance };
}

/** A holdings row as the weighting needs it. */
export interface WeighableHolding {
  assetClass: string | null;
  weight: number | null;
  marketValue: number | null;
}

export interface HoldingsWeighting<T extends WeighableHolding> {
  /** The equity rows (asset class Equity or not given), in file order. */
  equity: T[];
  /** Every equity row has a market value (and the total is positive): weights come from market values. */
  byMarketValue: boolean;
  /** Σ market value over ALL rows of the snapshot (cash and futures included). */
  totalMarketValue: number;
  /** A row's weight, fraction: market value ÷ total market value, else the published weight column. */
  weightOf(row: T): number | null;
  /** How the weights were obtained, in words (for provenance). */
  basis: 'market value ÷ total market value' | 'weight column (rounded as published)';
}

/**
 * Weights of a holdings snapshot: market value ÷ total market value of every row (what the published
 * two-decimal weight column rounds) when every equity row has a market value; else the weight column
 * as published. A row appearing twice keeps its own weight.
 */
export function holdingsWeighting<T extends WeighableHolding>(rows: readonly T[]): HoldingsWeighting<T> {
  const finite = (x: number | null): x is number => x !== null && Number.isFinite(x);
  const equity = rows.filter((m) => (m.assetClass ?? 'Equity') === 'Equity');
  const totalMarketValue = rows.reduce((acc, m) => acc + (finite(m.marketValue) ? m.marketValue : 0), 0);
  const byMarketValue = totalMarketValue > 0 && equity.length > 0 && equity.every((m) => finite(m.marketValue));
  return {
    equity,
    byMarketValue,
    totalMarketValue,
    weightOf: (m) => (byMarketValue ? (m.marketValue as number) / totalMarketValue : m.weight),
    basis: byMarketValue ? 'market value ÷ total market value' : 'weight column (rounded as published)',
  };
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new UserError(`n must be a whole number ≥ 1, got ${n}`);
}

/** The n largest contributors, largest first. */
export function top(result: ContributionResult, n: number): ContributionRow[] {
  checkN(n);
  return result.rows.slice(0, n);
}

/** The n smallest (most negative) contributors, most negative first. */
export function bottom(result: ContributionResult, n: number): ContributionRow[] {
  checkN(n);
  return result.rows.slice(Math.max(0, result.rows.length - n)).reverse();
}

/**
 * Parse `symbol,weight_pct,return_pct` (percent units: `1.93` = 1.93%; a trailing `%` is allowed).
 * Returns fractions; the weight goes to weightStart or weightEnd according to `weights` (default
 * `start`). Errors (ImportError, a UserError) name the line: bad numbers, return below −100%,
 * |weight| above 100%, empty or duplicate symbols.
 */
export function parseContributionsCsv(
  text: string,
  options: { weights?: WeightBasis; label?: string } = {},
): ContributionInput[] {
  const label = options.label ?? 'contributions CSV';
  const basis = options.weights ?? 'start';
  const recs = readUserCsv(text, label, ['symbol', 'weight_pct', 'return_pct']);
  const firstLine = new Map<string, number>();
  return recs.map(({ line, values }) => {
    const symbol = values.symbol;
    if (symbol === '') throw new ImportError(label, line, 'symbol is empty');
    const prev = firstLine.get(symbol);
    if (prev !== undefined)
      throw new ImportError(label, line, `symbol ${symbol} already given on line ${prev}`);
    firstLine.set(symbol, line);
    const wPct = parseNumberCell(values.weight_pct, label, line, 'weight_pct', true);
    const rPct = parseNumberCell(values.return_pct, label, line, 'return_pct', true);
    if (Math.abs(wPct) > 100) throw new ImportError(label, line, `weight_pct ${wPct} is outside −100..100`);
    if (rPct < -100) throw new ImportError(label, line, `return_pct ${rPct} is below −100`);
    const row: ContributionInput = { symbol, return: rPct / 100 };
    if (basis === 'start') row.weightStart = wPct / 100;
    else row.weightEnd = wPct / 100;
    return row;
  });
}
