/**
 * What the data notes (SOURCES*.md beside the data) say about files that the files themselves
 * cannot tell: which collector a price file came from, which adjustment its prices carry, which
 * rows were captured intraday (provisional), and how file names map to symbols.
 *
 * Symbol scheme: `IWM.csv` → IWM; `<X>_INDEX.csv` → `^X` (RUT_INDEX.csv → ^RUT, GSPC_INDEX.csv → ^GSPC);
 * `alt/<SYM>__<source>.csv` → SYM from a second source; panel files (`<SYM>_data.csv` with a Name
 * column) take the symbol from each row. Dotted tickers keep their dot (BRK.B).
 */
import type { Adjustment, InstrumentKind } from '../../model/types.ts';

export interface PriceFileNotes {
  symbol: string | null;
  source: string;
  /** Higher wins when choosing a symbol's preferred source. */
  priority: number;
  kind: InstrumentKind;
  /** Adjustment of the `close` column (an `adj_close` column, when present, is split+dividend). */
  adjustment: Adjustment;
  /** Dates that, if they are the file's last row, were captured intraday and are provisional. */
  provisionalLastDates: string[];
  /** Rows the source has wrong (checked by hand): skipped with this reason, everything else still validated. */
  knownBadRows: Map<string, string>;
}

/**
 * OHLC rows in the CNuge 5-year panel (panels/individual_stocks_5yr) that violate low <= open/close <= high
 * in the source itself — split-unadjusted opens or closes, swapped high/low. Checked by hand against the
 * neighbouring rows; each is skipped and listed, never "repaired". Key: `SYMBOL date`.
 */
export const KAGGLE_PANEL_BAD_ROWS = new Map<string, string>([
  ['AOS 2014-05-19', 'high 23.595 < low 23.85 (source error)'],
  ['BBY 2016-03-14', 'close 32.72 below low 33.08 (source error)'],
  ['CHD 2014-05-19', 'open 18.77 is a pre-split price, low 33.695 (source error)'],
  ['CHK 2014-06-30', 'close 29.39 below low 30.37 (source error)'],
  ['DHR 2014-11-06', 'open 78.47 below low 80.49 (source error)'],
  ['IP 2014-07-01', 'close 50.09 below low 50.57 (source error)'],
  ['LNT 2016-05-19', 'close 17.87 is a post-split price, low 35.085 (source error)'],
  ['O 2014-08-27', 'close 44.5272 below low 44.66 (source error)'],
  ['O 2014-11-06', 'open 44.74 below low 46.73 (source error)'],
  ['SPG 2014-05-28', 'close 165.42 below low 174.5 (source error)'],
  ['UA 2016-06-10', 'close 35.54 below low 35.7 (source error)'],
  ['WRK 2016-05-13', 'close 38.39 below low 41.82 (source error)'],
]);

const NONE = new Map<string, string>();

/**
 * Rank of each kind of source when choosing a symbol's preferred one (higher wins; see
 * store/preference.ts). Files whose collector the data notes do not describe rank lowest: a user's
 * own file never outranks a documented source by itself.
 */
export const PRIORITY = { primary: 100, panel: 50, alt: 10, unknown: 0 } as const;

const ETFS = new Set([
  'SPY',
  'IWM',
  'QQQ',
  'DIA',
  'MAGS',
  'RSP',
  'IJR',
  'IJH',
  'MDY',
  'IWC',
  'VB',
  'VBR',
  'IWN',
  'IWO',
  'XLB',
  'XLC',
  'XLE',
  'XLF',
  'XLI',
  'XLK',
  'XLP',
  'XLRE',
  'XLU',
  'XLV',
  'XLY',
  'VOO',
  'VTI',
  'IVV',
]);

export function instrumentKind(symbol: string): InstrumentKind {
  if (symbol.startsWith('^')) return 'index';
  return ETFS.has(symbol) ? 'etf' : 'stock';
}

/** Map a file's base name (without .csv) to a symbol: `RUT_INDEX` → `^RUT`. */
export function symbolFromBaseName(base: string): string {
  const m = /^(.+)_INDEX$/i.exec(base);
  return (m ? `^${m[1]}` : base).toUpperCase();
}

/** Collector names by header, for the files in prices/ (see prices/SOURCES.md). */
function collectorFor(headerKey: string): { source: string; adjustment: Adjustment } | null {
  switch (headerKey) {
    case 'date,open,high,low,close,volume':
      // guydekowski/market-lab: yfinance auto_adjust=True → split+dividend adjusted OHLC.
      return { source: 'market-lab', adjustment: 'split+dividend' };
    case 'date,close':
      // dsturdy/Factor_Attribution: yfinance auto-adjusted close.
      return { source: 'dsturdy', adjustment: 'split+dividend' };
    case 'date,adj_close,close,high,low,open,volume':
      // deep-raj17/Aurum-FINORA: OHLC split-adjusted only; adj_close split+dividend.
      return { source: 'aurum', adjustment: 'split' };
    case 'date,open,high,low,close,volume,wap,count':
      // heliar-k/market-base: IBKR-style index bars, unadjusted index levels.
      return { source: 'heliar-k', adjustment: 'none' };
    default:
      return null;
  }
}

/** dsturdy files were committed during market hours: their last row is intraday (prices/SOURCES.md). */
const DSTURDY_INTRADAY = ['2026-08-03', '2026-07-14'];

export function notesForPriceFile(relPath: string, headerKey: string): PriceFileNotes {
  const norm = relPath.replace(/\\/g, '/');
  const file = norm.split('/').pop() ?? norm;
  const base = file.replace(/\.csv$/i, '');
  const collector = collectorFor(headerKey);
  // Evidence of the adjustment: a file of the documented data layout (prices/… under the data root,
  // described file by file in prices/SOURCES.md) whose header is a known collector's. Any other file
  // (a user's own `date,close`) has an UNKNOWN adjustment unless the user says (`--adjustment`).
  const documented = /^prices\//.test(norm);
  const indexLike = /_INDEX(__|$)/i.test(base);

  if (/(^|\/)panels\/individual_stocks_5yr\//.test(norm) || headerKey.endsWith(',name')) {
    // CNuge/kaggle-code 5-year panel: split-adjusted, not dividend-adjusted (SOURCES-reference.md).
    return {
      symbol: null,
      source: 'kaggle-5yr',
      priority: PRIORITY.panel,
      kind: 'stock',
      adjustment: 'split',
      provisionalLastDates: [],
      knownBadRows: KAGGLE_PANEL_BAD_ROWS,
    };
  }
  const alt = /^(.+?)__([A-Za-z0-9._-]+)$/.exec(base);
  if (alt) {
    const symbol = symbolFromBaseName(alt[1]);
    const source = alt[2].toLowerCase();
    const adjustment: Adjustment = indexLike ? 'none' : documented && collector ? collector.adjustment : 'unknown';
    return {
      symbol,
      source,
      priority: PRIORITY.alt,
      kind: instrumentKind(symbol),
      adjustment,
      provisionalLastDates: source === 'dsturdy' ? DSTURDY_INTRADAY : [],
      knownBadRows: NONE,
    };
  }
  const symbol = symbolFromBaseName(base);
  const underPrices = /(^|\/)prices\//.test(norm);
  const source = underPrices && collector ? collector.source : 'file';
  const adjustment: Adjustment = indexLike ? 'none' : documented && collector ? collector.adjustment : 'unknown';
  return {
    symbol,
    source,
    priority: /(^|\/)alt\//.test(norm) ? PRIORITY.alt : source === 'file' ? PRIORITY.unknown : PRIORITY.primary,
    kind: instrumentKind(symbol),
    adjustment,
    provisionalLastDates: underPrices && source === 'dsturdy' ? DSTURDY_INTRADAY : [],
    knownBadRows: NONE,
  };
}

/**
 * Adjustment-basis splices in the market-lab files (prices/SOURCES.md, "Splice in the market-lab
 * files"): rows before the date keep the 2026-06-10 basis, later rows a newer one. approxPct is the
 * documented one-day step. Repaired at load time (analytics/basis-repair.ts).
 */
export const BASIS_STEPS: Record<string, { source: string; steps: { date: string; approxPct: number }[] }> = {
  IWM: { source: 'market-lab', steps: [{ date: '2026-03-17', approxPct: -0.24 }] },
  SPY: { source: 'market-lab', steps: [{ date: '2026-03-19', approxPct: -0.26 }] },
  QQQ: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.11 }] },
  DIA: { source: 'market-lab', steps: [{ date: '2026-03-19', approxPct: -0.27 }] },
  XLK: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.12 }] },
  XLF: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.35 }] },
  XLE: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.72 }] },
  XLI: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.25 }] },
  XLV: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.44 }] },
  XLY: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.2 }] },
  XLP: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.69 }] },
  XLU: { source: 'market-lab', steps: [{ date: '2026-03-24', approxPct: -0.63 }] },
  AAPL: { source: 'market-lab', steps: [{ date: '2026-05-12', approxPct: -0.09 }] },
  MSFT: { source: 'market-lab', steps: [{ date: '2026-05-22', approxPct: -0.19 }] },
  META: { source: 'market-lab', steps: [{ date: '2026-03-17', approxPct: -0.09 }] },
  NVDA: {
    source: 'market-lab',
    steps: [
      { date: '2026-04-08', approxPct: 0.12 },
      { date: '2026-04-13', approxPct: -0.12 },
    ],
  },
};
