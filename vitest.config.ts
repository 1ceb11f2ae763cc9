import { defineConfig } from 'vitest/config';

/**
 * Two projects. "fast": hand cases and pure functions, listed in FAST below (under a minute:
 * `npm run test:fast`); they share one module graph per worker (isolation off: most of their cost
 * was imports), so a test listed here must not leave global state behind (environment variables,
 * servers, module mocks). "slow": everything else — the whole data folder, DuckDB over real files,
 * servers, the browser, CLI processes, PostgreSQL/Redis — isolated per file; its global setup makes
 * the run's folder of shared stores (test/global-store.ts, test/helpers/shared-store.ts: each set of
 * real files imported once per run, not once per test file). `npm test` runs both.
 * A new test lands in "slow" by default; move it to FAST only when it is a pure hand case.
 */
const FAST = [
  'test/analytics/align-gap-reported.test.ts',
  'test/analytics/analogs-episode-dating.test.ts',
  'test/analytics/analogs-episodes-csv.test.ts',
  'test/analytics/basis-splice-repair.test.ts',
  'test/analytics/breadth-six-members-and-ma-windows-hand.test.ts',
  'test/analytics/contributions-start-end-weights-hand.test.ts',
  'test/analytics/flows-largest-since-hand.test.ts',
  'test/analytics/last-at-least-most-hand.test.ts',
  'test/analytics/moving-average-windows-hand.test.ts',
  'test/analytics/perf-period-bounds.test.ts',
  'test/analytics/perf-spreads-hand.test.ts',
  'test/analytics/records-first-session-not-record.test.ts',
  'test/analytics/source-compare-hand.test.ts',
  'test/analytics/spearman-average-ranks-ties-hand.test.ts',
  'test/analytics/streak-core-26000-sessions.test.ts',
  'test/analytics/streak-ties-break.test.ts',
  'test/analytics/volatility-drawdown-hand.test.ts',
  'test/architecture/file-and-function-size.test.ts',
  'test/check/forecasts-resolve.test.ts',
  'test/check/input-limits.test.ts',
  'test/check/records-levels-hand.test.ts',
  'test/check/returns-hand.test.ts',
  'test/check/self-checks.test.ts',
  'test/check/spreads-streaks-hand.test.ts',
  'test/check/tables-hand.test.ts',
  'test/cli/open-store-read-only.test.ts',
  'test/model/nyse-calendar.test.ts',
  'test/report/format-and-guard.test.ts',
  'test/report/headline-rule.test.ts',
  'test/sources/files/flows-csv-daily-flows.test.ts',
  'test/sources/files/fred-macro-series.test.ts',
  'test/sources/files/french-daily-factors.test.ts',
  'test/sources/files/french-industry-portfolios.test.ts',
  'test/sources/files/french-inline-and-bad-input.test.ts',
  'test/sources/files/french-monthly-annual-factors.test.ts',
  'test/sources/files/french-size-portfolios.test.ts',
  'test/sources/files/ishares-iwm-holdings.test.ts',
  'test/sources/files/plain-decimal-same-double-as-number.test.ts',
  'test/sources/files/price-csv-fast-path-bad-files-same-errors.test.ts',
  'test/sources/files/price-csv-layouts.test.ts',
  'test/sources/files/reference-files-detection.test.ts',
  'test/sources/files/sp500-constituents-list.test.ts',
  'test/sources/files/sp500-financials-snapshot.test.ts',
  'test/sources/live/french-zip.test.ts',
  'test/sources/live/http.test.ts',
  'test/sources/live/stooq.test.ts',
  'test/sources/live/yahoo.test.ts',
  'test/store/typed-questions-hand.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: FAST, isolate: false },
      },
      {
        extends: true,
        test: { name: 'slow', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: FAST, globalSetup: ['test/global-store.ts'] },
      },
    ],
  },
});
