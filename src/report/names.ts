/** How a report names things: market segments, funds, data sources. No numbers here. */

export interface SymbolName {
  /** What the fund stands for in prose ("small caps"), when it is a clear market segment. */
  group?: string;
  /** Full name. */
  name: string;
}

export const SYMBOL_NAMES: Record<string, SymbolName> = {
  IWM: { group: 'small caps', name: 'iShares Russell 2000 ETF' },
  SPY: { group: 'large caps', name: 'SPDR S&P 500 ETF' },
  QQQ: { group: 'Nasdaq-100 stocks', name: 'Invesco QQQ Trust (Nasdaq-100)' },
  RSP: { group: 'the equal-weighted S&P 500', name: 'Invesco S&P 500 Equal Weight ETF' },
  MAGS: { group: 'the Magnificent Seven', name: 'Roundhill Magnificent Seven ETF' },
  IJH: { group: 'mid caps', name: 'iShares Core S&P MidCap 400 ETF' },
  IJR: { group: 'small caps', name: 'iShares Core S&P SmallCap 600 ETF' },
  IWC: { group: 'micro caps', name: 'iShares Micro-Cap ETF' },
  IWN: { group: 'small-cap value', name: 'iShares Russell 2000 Value ETF' },
  IWO: { group: 'small-cap growth', name: 'iShares Russell 2000 Growth ETF' },
  DIA: { group: 'the Dow industrials', name: 'SPDR Dow Jones Industrial Average ETF' },
  VB: { name: 'Vanguard Small-Cap ETF' },
  VBR: { name: 'Vanguard Small-Cap Value ETF' },
  MDY: { name: 'SPDR S&P MidCap 400 ETF' },
  '^RUT': { group: 'the Russell 2000', name: 'Russell 2000 index (price only)' },
  '^GSPC': { group: 'the S&P 500', name: 'S&P 500 index (price only)' },
  XLK: { name: 'Technology Select Sector SPDR' },
  XLF: { name: 'Financial Select Sector SPDR' },
  XLE: { name: 'Energy Select Sector SPDR' },
  XLV: { name: 'Health Care Select Sector SPDR' },
  XLI: { name: 'Industrial Select Sector SPDR' },
  XLY: { name: 'Consumer Discretionary Select Sector SPDR' },
  XLP: { name: 'Consumer Staples Select Sector SPDR' },
  XLU: { name: 'Utilities Select Sector SPDR' },
  XLB: { name: 'Materials Select Sector SPDR' },
  XLRE: { name: 'Real Estate Select Sector SPDR' },
  XLC: { name: 'Communication Services Select Sector SPDR' },
  'FF.SMB': { group: 'the size factor', name: 'Fama-French SMB (small minus big) daily factor' },
};

export const groupOf = (sym: string): string | undefined => SYMBOL_NAMES[sym]?.group;
export const nameOf = (sym: string): string => SYMBOL_NAMES[sym]?.name ?? sym;

/** "small caps (IWM)" or the ticker. */
export function labelOf(sym: string): string {
  const g = groupOf(sym);
  return g ? `${g} (${sym})` : sym;
}

export const cap = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Where each collector's files come from (prices/SOURCES.md, SOURCES-reference.md). */
export const SOURCE_NAMES: Record<string, string> = {
  'market-lab': '`guydekowski/market-lab` (yfinance, split and dividend adjusted)',
  dsturdy: '`dsturdy/Factor_Attribution` (yfinance adjusted closes, one snapshot)',
  aurum: '`deep-raj17/Aurum-FINORA` (yfinance, split-adjusted closes)',
  'heliar-k': '`heliar-k/market-base` (index bars, unadjusted)',
  french: 'Kenneth R. French Data Library (Fama-French factors)',
  ishares: 'iShares holdings file',
  'kaggle-5yr': 'five-year stock panel (survivorship-biased)',
};
