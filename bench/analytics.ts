/**
 * Section 2: every analytics capability on the full real data, through the facts layer (what each
 * CLI command and API endpoint calls), against the store built by the import section. Each timing
 * includes loading the series from DuckDB, validation and the computation.
 */
import * as core from '../src/facts/core.ts';
import * as market from '../src/facts/market.ts';
import type { MarketStore } from '../src/store/store.ts';
import {
  type BenchContext,
  type BenchSection,
  emptyResult,
  fmtInt,
  measure,
  type SectionResult,
} from './lib.ts';

type Json = Record<string, unknown>;

interface Case {
  name: string;
  /** The equivalent CLI command, for the table. */
  cli: string;
  call: (store: MarketStore) => Promise<unknown>;
  /** One line saying what came back (so the figure is for a real answer). */
  says: (r: Json) => string;
  /** Slow calls get fewer repetitions. */
  slow?: boolean;
}

const len = (x: unknown) => (Array.isArray(x) ? x.length : 0);
const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(2)}%` : String(x));
const cur = (r: Json) => {
  const c = r.current as { length: number; end: string | null };
  return `current ${c.length}${c.end ? ` (to ${c.end})` : ''}, ${fmtInt(len(r.history))} streaks`;
};

export const ANALYTICS_CASES: Case[] = [
  {
    name: 'perf IWM SPY QQQ MAGS RSP ytd',
    cli: 'perf IWM SPY QQQ MAGS RSP --period ytd',
    call: (s) => core.perfFacts(s, { symbols: ['IWM', 'SPY', 'QQQ', 'MAGS', 'RSP'], period: 'ytd' }),
    says: (r) => `as of ${r.asOf}, ${len(r.rows)} rows`,
  },
  {
    name: 'streak IWM SPY',
    cli: 'streak IWM SPY',
    call: (s) => core.streakFacts(s, { a: 'IWM', b: 'SPY' }),
    says: cur,
  },
  {
    name: 'streak FF.SMB --positive',
    cli: 'streak FF.SMB --positive',
    call: (s) => core.streakFacts(s, { a: 'FF.SMB', positive: true }),
    says: (r) => `${cur(r)} since ${r.dataStart}`,
  },
  {
    name: 'records ^GSPC (close)',
    cli: 'records ^GSPC --basis close',
    call: (s) => core.recordsFacts(s, { symbol: '^GSPC', basis: 'close' }),
    says: (r) => `ATH ${(r.allTimeHigh as { date: string } | null)?.date ?? '–'}, as of ${r.asOf}`,
  },
  {
    name: 'analogs IWM SPY minStreak 8',
    cli: 'analogs IWM SPY --min-streak 8',
    call: (s) => core.analogsFacts(s, { a: 'IWM', b: 'SPY', minStreak: 8 }),
    says: (r) => `${len(r.episodes)} episodes`,
  },
  {
    name: 'breadth panel (505 stocks)',
    cli: 'breadth panel',
    call: (s) => market.breadthFacts(s, { universe: 'panel' }),
    says: (r) => `${r.members} members, ${len(r.adLine)} A/D sessions, as of ${r.asOf}`,
    slow: true,
  },
  {
    name: 'ladder etf',
    cli: 'ladder --ladder etf',
    call: (s) => market.ladderFacts(s, { ladder: 'etf' }),
    says: (r) => `${len(r.rows)} segments, as of ${r.asOf}`,
  },
  {
    name: 'ladder french',
    cli: 'ladder --ladder french',
    call: (s) => market.ladderFacts(s, { ladder: 'french' }),
    says: (r) => `${len(r.rows)} segments, as of ${r.asOf}`,
  },
  {
    name: 'sectors etf',
    cli: 'sectors etf',
    call: (s) => market.sectorsFacts(s, { universe: 'etf' }),
    says: (r) => `${len(r.rows)} sectors`,
  },
  {
    name: 'volatility SPY max',
    cli: 'volatility SPY --period max',
    call: (s) => core.volatilityFacts(s, { symbol: 'SPY', period: 'max' }),
    says: (r) =>
      `${fmtInt((r.volatility as { n: number }).n)} returns, ann. ${pct((r.volatility as { annualised: number }).annualised)}`,
  },
  {
    name: 'levels ^GSPC',
    cli: 'levels ^GSPC',
    call: (s) => core.levelsFacts(s, { symbol: '^GSPC' }),
    says: (r) => `as of ${r.asOf}`,
  },
  {
    name: 'valuation (default)',
    cli: 'valuation',
    call: (s) => market.valuationFacts(s, {}),
    says: (r) => `${len(r.rows)} metrics`,
  },
  {
    name: 'contributions IWM end ytd 2026-05-05',
    cli: 'contributions --fund IWM --weights end --period ytd --as-of 2026-05-05',
    call: (s) =>
      market.contributionsFacts(s, { fund: 'IWM', weights: 'end', period: 'ytd', asOf: '2026-05-05' }),
    says: (r) =>
      `${fmtInt(len(r.rows))} members priced, ${fmtInt(r.membersWithoutPrices as number)} without prices`,
    slow: true,
  },
];

export const analyticsSection: BenchSection = {
  id: 'analytics',
  title: 'Analytics through the facts layer (store → result), full real data',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    const store = await ctx.ensureStore(log);
    res.notes.push(
      'each call: resolve names, load series from DuckDB, validate, compute (facts/*.ts, as the CLI commands do); 1 warm-up run',
    );
    for (const c of ANALYTICS_CASES) {
      let said = '';
      try {
        const m = await measure(
          () => c.call(store),
          c.slow
            ? { warmup: 1, minReps: 2, maxReps: 3, budgetMs: 7000 }
            : { warmup: 1, minReps: 5, maxReps: 15, budgetMs: 1000 },
        );
        said = c.says(m.last as Json);
        res.rows.push({
          name: c.name,
          stat: m.stat,
          note: said,
          extra: { cli: `marketdash ${c.cli}`, result: said },
        });
      } catch (e) {
        res.rows.push({ name: c.name, stat: null, note: `FAILED: ${(e as Error).message}` });
        res.checks.push({ name: c.name, ok: false, detail: (e as Error).message });
      }
    }
    return res;
  },
};
