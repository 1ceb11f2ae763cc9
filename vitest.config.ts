import { defineConfig } from 'vitest/config';

/**
 * Two projects. "fast": hand cases and pure functions (under a minute: `npm run test:fast`).
 * "slow": the whole data folder, DuckDB over real files, servers, the browser, CLI processes; its
 * global setup builds the shared server store once per run (test/global-store.ts).
 * `npm test` runs both. A new test that imports real data, starts a server or spawns a process
 * goes in SLOW below.
 */
const SLOW = [
  'test/analytics/analogs-iwm-spy-8-sessions.test.ts',
  'test/analytics/breadth-505-stocks-ts-vs-sql.test.ts',
  'test/analytics/contributions-iwm-holdings-ytd-2026.test.ts',
  'test/analytics/iwm-vs-spy-streak-2026.test.ts',
  'test/analytics/iwm-vs-spy-ytd-2026.test.ts',
  'test/analytics/levels-breakout-hand-and-rut-2025-record.test.ts',
  'test/analytics/records-spy-iwm-real.test.ts',
  'test/analytics/sectors-etf-rank-and-cap-weighted-3-members.test.ts',
  'test/analytics/size-ladder-rho-hand-and-jan-2026.test.ts',
  'test/analytics/smb-positive-streak-ff.test.ts',
  'test/analytics/streak-sql-gaps-and-islands.test.ts',
  'test/analytics/valuation-aggregate-pe-hand-and-sp500.test.ts',
  'test/analytics/volatility-spy-iwm-real.test.ts',
  'test/architecture/layer-rules-wrong-way-imports.test.ts',
  'test/capabilities/contract.test.ts',
  'test/capabilities/highs-lows-hand-and-sp500-panel.test.ts',
  'test/check/article-real-data.test.ts',
  'test/check/cli-check.test.ts',
  'test/check/real-data.test.ts',
  'test/cli/fetch-stooq-local-server.test.ts',
  'test/cli/import-whole-data-folder.test.ts',
  'test/model/nyse-calendar-data.test.ts',
  'test/report/cli-report.test.ts',
  'test/report/missing-data.test.ts',
  'test/report/pair-report-real.test.ts',
  'test/report/symbol-report-real.test.ts',
  'test/server/api.test.ts',
  'test/server/dashboard.e2e.test.ts',
  'test/server/serve-cli.test.ts',
  'test/store/import-transactional-idempotent.test.ts',
  // PostgreSQL, Redis and child processes (stores, queues, servers, workers):
  'test/store/facts-identical-on-duckdb-and-postgres.test.ts',
  'test/store/postgres-connection-killed-mid-import.test.ts',
  'test/store/serve-and-cli-share-one-duckdb-store.test.ts',
  'test/store/store-contract-duckdb-and-postgres.test.ts',
  'test/worker/**/*.test.ts',
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
        // Pure tests share one module graph per worker (no re-import per file): most of their cost was imports.
        test: { name: 'fast', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: SLOW, isolate: false },
      },
      {
        extends: true,
        test: { name: 'slow', include: SLOW, globalSetup: ['test/global-store.ts'] },
      },
    ],
  },
});
