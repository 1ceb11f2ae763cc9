/** The files of the server/API test store (shared by test/global-store.ts and helpers.ts). */
/** The real files the API and the dashboard use (not the 5-year panel). */
export const SERVER_FILES = [
  ...['IWM', 'SPY', 'RSP', 'QQQ', 'XLK', 'XLF', 'XLE', 'XLV', 'XLI', 'XLY', 'XLP', 'XLU', 'XLB', 'XLRE', 'XLC', 'MAGS', 'IJH', 'IWC'].map((s) => `prices/${s}.csv`),
  // IWM members with price files (contributions, breadth over the IWM holdings)
  ...['ALMS', 'AVAV', 'BE', 'BKKT', 'CRML', 'ERAS', 'HL', 'KTOS', 'TTMI'].map((s) => `prices/${s}.csv`),
  'prices/alt/IWM__aurum.csv',
  'factors/F-F_Research_Data_Factors_daily.csv',
  'constituents/IWM_holdings_2026-05-05.csv',
  'constituents/sp500_constituents.csv',
  'constituents/sp500_constituents-financials.csv',
];

/** A small hand-made flows file (IWM and SPY, 8 sessions) for the flows endpoint and command. */
export const FLOWS_CSV = [
  'fund,date,flow_usd,aum_usd',
  ...['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-20', '2026-01-21', '2026-01-22'].flatMap((d, i) => [
    `IWM,${d},${(i % 3 === 0 ? -1 : 1) * (100 + i * 37) * 1e6},${70e9 + i * 1e8}`,
    `SPY,${d},${(i % 2 === 0 ? 1 : -1) * (900 + i * 51) * 1e6},${650e9 + i * 1e9}`,
  ]),
].join('\n');

/** The hand-made files of the shared server store (imported with SERVER_FILES). */
export const SERVER_EXTRA = [{ rel: 'flows/etf_flows.csv', content: `${FLOWS_CSV}\n` }];
