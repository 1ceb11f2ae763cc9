/**
 * Size ladder: returns of size segments (mega → micro) over one period, and whether return lines up
 * with size.
 *
 * rho = Spearman correlation between sizeRank (1 = largest) and the period return, over segments
 * with a return. Because rank 1 is the LARGEST segment, a POSITIVE rho means the smaller segments
 * did better. Interpretation thresholds (ours, stated so a sentence is never stronger than the data):
 *   rho = +1 (to 1e-9)       "in exact order: the smaller the segment, the better it did"
 *   +0.8 ≤ rho < +1          "the smaller the segment, the better it did, though not in exact order"
 *   +0.5 ≤ rho < +0.8        "smaller segments tended to do better"
 *   −0.5 < rho < +0.5        "no consistent pattern by size"
 *   mirrored for negative rho ("the larger the segment, the better it did", …)
 *   rho null (fewer than 3 segments with returns, or all returns equal) → no interpretation.
 */
import { UserError } from '../model/errors.ts';
import { spearman } from './rank-correlation.ts';
import type { AnalyticProvenance } from './provenance-util.ts';

export type SizeSegment = 'mega' | 'large' | 'mid' | 'small' | 'micro';

export interface LadderSegment {
  /** `mega` … `micro` for ETF ladders; decile labels (`Hi 10` … `Lo 10`) for French portfolios. */
  segment: string;
  symbol: string;
  /** 1 = largest. */
  sizeRank: number;
  /** What the symbol stands for, for display and provenance. */
  description?: string;
}

/**
 * ETF ladder from the price files in the data folder (../shared/data/prices):
 * - mega  MAGS  Roundhill Magnificent Seven ETF (the seven largest US companies; data from
 *               2023-04-11, close only). QQQ (Nasdaq-100, from 1999) is broader than mega caps.
 * - large SPY   S&P 500.
 * - mid   IJH   iShares Core S&P MidCap 400 (same snapshot as MAGS/IWC; MDY tracks the same index
 *               but its file ends 2026-07-13 and comes from an older snapshot).
 * - small IWM   Russell 2000 (OHLCV; IJR = S&P SmallCap 600 is the alternative).
 * - micro IWC   iShares Micro-Cap (Russell Microcap).
 * Index families are mixed (S&P for large/mid, Russell for small/micro): a caveat for close calls.
 * MAGS, IJH and IWC files end 2026-08-03, whose row is intraday/provisional (usable to 2026-07-31).
 */
export const DEFAULT_LADDER: readonly LadderSegment[] = [
  { segment: 'mega', symbol: 'MAGS', sizeRank: 1, description: 'Roundhill Magnificent Seven ETF' },
  { segment: 'large', symbol: 'SPY', sizeRank: 2, description: 'SPDR S&P 500 ETF' },
  { segment: 'mid', symbol: 'IJH', sizeRank: 3, description: 'iShares Core S&P MidCap 400 ETF' },
  { segment: 'small', symbol: 'IWM', sizeRank: 4, description: 'iShares Russell 2000 ETF' },
  { segment: 'micro', symbol: 'IWC', sizeRank: 5, description: 'iShares Micro-Cap ETF' },
];

/**
 * Ken French size-decile portfolios (value-weighted, NYSE breakpoints), history from July 1926.
 * Series ids `FF.ME.<column>` with the monthly file's column names: Hi 10 (largest, rank 1),
 * Dec 9 … Dec 2, Lo 10 (smallest, rank 10). The daily file names the middle deciles `9-Dec` …
 * `2-Dec`; importers are expected to store them under the same `Dec N` ids.
 */
export const FRENCH_SIZE_LADDER: readonly LadderSegment[] = [
  { segment: 'Hi 10', symbol: 'FF.ME.Hi 10', sizeRank: 1, description: 'largest size decile' },
  ...[9, 8, 7, 6, 5, 4, 3, 2].map((d, i) => ({
    segment: `Dec ${d}`,
    symbol: `FF.ME.Dec ${d}`,
    sizeRank: i + 2,
    description: `size decile ${d}`,
  })),
  { segment: 'Lo 10', symbol: 'FF.ME.Lo 10', sizeRank: 10, description: 'smallest size decile' },
];

export interface LadderRow {
  segment: string;
  symbol: string;
  sizeRank: number;
  /** Period return, fraction; null when the symbol has no return for the period. */
  return: number | null;
}

export interface LadderResult {
  asOf: string;
  period: { start: string; end: string };
  rows: LadderRow[];
  spearman: {
    rho: number | null;
    n: number;
    interpretation: string | null;
    reason?: string;
    definition: string;
  };
  missing: string[];
  provenance: AnalyticProvenance;
}

export interface LadderInput {
  segments: readonly LadderSegment[];
  /** Period return (fraction) per symbol; null/undefined/NaN = no data (listed as missing). */
  returns: Readonly<Record<string, number | null | undefined>>;
  asOf: string;
  period: { start: string; end: string };
  /** Provenance of the return series (from whoever computed the returns). */
  series?: AnalyticProvenance['series'];
}

export function interpretSizeRho(rho: number | null): string | null {
  if (rho === null) return null;
  const a = Math.abs(rho);
  const [small, large] = [
    'the smaller the segment, the better it did',
    'the larger the segment, the better it did',
  ];
  const phrase = rho > 0 ? small : large;
  if (a >= 1 - 1e-9) return `in exact order: ${phrase}`;
  if (a >= 0.8) return `${phrase}, though not in exact order`;
  if (a >= 0.5)
    return rho > 0 ? 'smaller segments tended to do better' : 'larger segments tended to do better';
  return 'no consistent pattern by size';
}

export function sizeLadder(input: LadderInput): LadderResult {
  const { segments, returns } = input;
  if (!segments || segments.length === 0) throw new UserError('size ladder: no segments given');
  const ranks = new Set<number>();
  const syms = new Set<string>();
  for (const s of segments) {
    if (!Number.isInteger(s.sizeRank) || s.sizeRank < 1) {
      throw new UserError(
        `size ladder: ${s.symbol} has sizeRank ${s.sizeRank}; ranks are whole numbers from 1 (largest)`,
      );
    }
    if (ranks.has(s.sizeRank)) throw new UserError(`size ladder: sizeRank ${s.sizeRank} is used twice`);
    if (syms.has(s.symbol)) throw new UserError(`size ladder: ${s.symbol} appears twice`);
    ranks.add(s.sizeRank);
    syms.add(s.symbol);
  }
  const sorted = [...segments].sort((a, b) => a.sizeRank - b.sizeRank);
  const missing: string[] = [];
  const rows: LadderRow[] = sorted.map((s) => {
    const v = returns[s.symbol];
    const ret = typeof v === 'number' && Number.isFinite(v) ? v : null;
    if (ret === null) missing.push(s.symbol);
    return { segment: s.segment, symbol: s.symbol, sizeRank: s.sizeRank, return: ret };
  });
  if (missing.length === rows.length) {
    throw new UserError(
      `size ladder: no segment has a return for ${input.period.start}..${input.period.end}`,
      'not_found',
    );
  }
  const x = rows.map((r) => r.sizeRank);
  const y = rows.map((r) => (r.return === null ? Number.NaN : r.return));
  const sp = spearman(x, y);
  return {
    asOf: input.asOf,
    period: input.period,
    rows,
    spearman: {
      rho: sp.rho,
      n: sp.n,
      interpretation: interpretSizeRho(sp.rho),
      ...(sp.reason ? { reason: sp.reason } : {}),
      definition: 'Spearman(sizeRank with 1 = largest, return): positive = smaller segments did better',
    },
    missing,
    provenance: {
      series: input.series ?? [],
      formula: `return per segment over ${input.period.start}..${input.period.end}; ${sp.formula}`,
      notes: missing.length > 0 ? [`no return for ${missing.join(', ')}: left out of rho`] : [],
    },
  };
}
