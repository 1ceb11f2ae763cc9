import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Two projects. "fast": hand cases and pure functions, listed in FAST below (under a minute:
 * `npm run test:fast`); they share one module graph per worker (isolation off: most of their cost
 * was imports), so a test listed here must not leave global state behind (environment variables,
 * servers, module mocks). "slow": everything else — the whole data folder, DuckDB over real files,
 * servers, the browser, CLI processes, PostgreSQL/Redis — isolated per file; its global setup makes
 * the run's folder of shared stores (test/global-store.ts, test/helpers/shared-store.ts: each set of
 * real files imported once per run, not once per test file). `npm test` runs both.
 * A new test lands in "slow" by default; move it to FAST only when it is a pure hand case.
 *
 * Files run in parallel, one worker per core (at most 4; vitest's default is cores − 1, which ran the
 * whole suite one file at a time on 2 cores). Most slow files wait on child processes, PostgreSQL,
 * Redis or the browser: run one at a time, the suite used under one core on average. Every file
 * keeps to its own temp folders, PostgreSQL schemas, Redis prefixes and port-0 servers, and the
 * shared stores are built under a lock. A third project, "alone", holds the files that bound a
 * latency in ms (ALONE below): it runs after the others, one file at a time. Cores + 1 workers were
 * tried and made the browser and `serve` files hit their timeouts on a loaded machine.
 * `npx vitest run --maxWorkers 1` runs every file one by one.
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

/**
 * The longest files (half a minute or more each on 2 shared cores: imports of many real files into
 * DuckDB and PostgreSQL, processes killed mid-import, the load test, every data file parsed twice)
 * start first, longest first, so that none of them starts late and runs alone at the end: the short
 * files fill in behind them. Vitest orders the others by the durations of the previous run when it
 * has them (its cache in node_modules/.vite); without them (a fresh clone) it would keep the order
 * of the folders, and store/ comes late. Files bounded by wall-clock timeouts (servers started as
 * processes, the browser) are left out: started first, they would share the cores with the load test.
 */
const LONG_FIRST = [
  'test/worker/two-servers-three-workers-under-load.test.ts',
  'test/store/import-postgres-bulk-same-store-as-file-by-file.test.ts',
  'test/store/universe-members-batched-load-equals-per-symbol-load.test.ts',
  'test/store/import-bulk-same-store-as-file-by-file.test.ts',
  'test/worker/kill-9-worker-mid-import-retried.test.ts',
  'test/store/facts-identical-on-duckdb-and-postgres.test.ts',
  'test/cli/import-whole-data-folder.test.ts',
  'test/cli/first-run-killed-then-main.test.ts',
  'test/sources/files/price-csv-fast-path-every-data-file-same-as-general.test.ts',
  'test/check/self-consistency-reports.test.ts',
];

/**
 * Files that measure latency (a percentile bound in ms): they run after all the others, one at a
 * time, so no other test file shares the cores with them.
 */
const ALONE = ['test/server/health-under-parallel-checks.test.ts'];

class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG_FIRST.indexOf(relative(f.project.config.root, f.moduleId).replaceAll('\\', '/'));
      return i < 0 ? LONG_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
  }
}

const SLOW = { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], globalSetup: ['test/global-store.ts'] };

export default defineConfig({
  test: {
    testTimeout: 60_000,
    maxWorkers: Math.min(4, availableParallelism()),
    sequence: { sequencer: LongFirstSequencer },
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
        test: { name: 'slow', ...SLOW, exclude: [...FAST, ...ALONE] },
      },
      {
        extends: true,
        test: { name: 'alone', ...SLOW, include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
