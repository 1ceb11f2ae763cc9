/**
 * The layer rules of ARCHITECTURE.md, checked by `npm run lint` (dependency-cruiser).
 * Layers, lowest first: model → sources → store → analytics → facts → capabilities →
 * report / check / alerts → cli / server / worker. Paths are relative to the folder depcruise runs in
 * (the project root, or a fixture folder in test/architecture/).
 */
const below = (...layers) => `^src/(?!(${layers.join('|')})/)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'model-is-the-floor',
      comment: 'model imports nothing else from src/',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: below('model') },
    },
    {
      name: 'format-is-neutral',
      comment: 'src/format/ (numbers, JSON) is shared by every shell and imports only model',
      severity: 'error',
      from: { path: '^src/format/' },
      to: { path: below('model', 'format') },
    },
    {
      name: 'sources-only-model',
      severity: 'error',
      from: { path: '^src/sources/' },
      to: { path: below('model', 'sources') },
    },
    {
      name: 'store-below-analytics',
      comment: 'the store reads and writes model shapes; it knows nothing of analytics or above',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: below('model', 'sources', 'store') },
    },
    {
      name: 'analytics-is-pure',
      comment: 'analytics are pure functions over model shapes: no store, no I/O layers, no data-note imports',
      severity: 'error',
      from: { path: '^src/analytics/' },
      to: { path: below('model', 'analytics') },
    },
    {
      name: 'facts-below-the-shells',
      severity: 'error',
      from: { path: '^src/facts/' },
      to: { path: below('model', 'sources', 'store', 'analytics', 'facts') },
    },
    {
      name: 'capabilities-below-the-shells',
      severity: 'error',
      from: { path: '^src/capabilities/' },
      to: { path: below('model', 'format', 'store', 'analytics', 'facts', 'capabilities') },
    },
    {
      name: 'articles-below-the-shells',
      comment: 'report, check and alerts never import a shell (cli, server, worker), the registry, or each other',
      severity: 'error',
      from: { path: '^src/(report|check|alerts)/' },
      to: { path: '^src/(cli|server|worker|capabilities)/' },
    },
    {
      name: 'report-and-check-are-peers',
      severity: 'error',
      from: { path: '^src/(report|check|alerts)/' },
      // $1 is the importing folder: a folder may import itself
      to: { path: '^src/(report|check|alerts)/', pathNot: '^src/$1/' },
    },
    {
      name: 'upper-layers-reach-analytics-through-facts',
      comment:
        'report/check/alerts/capabilities/cli/server/worker may import analytics result *types*; values come through facts (facts/pure.ts for the store-free ones)',
      severity: 'error',
      from: { path: '^src/(report|check|alerts|capabilities|cli|server|worker)/' },
      to: { path: '^src/analytics/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-never-imports-cli',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-reaches-server-only-to-start-it',
      comment: 'shell → shell: the CLI may start the server (server/start.ts) and nothing else of it',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/server/', pathNot: '^src/server/start\\.ts$' },
    },
    {
      name: 'store-implementations-only-in-composition-roots',
      comment: 'only the store itself and the CLI code that opens a store name a concrete store',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(store/|cli/context\\.ts$|cli/commands/main-job\\.ts$)' },
      to: { path: '^src/store/duckdb/' },
    },
    {
      name: 'sql-twins-only-for-tests-and-bench',
      comment:
        'the SQL twins are second methods for tests and baselines for the bench, never product code (the DuckDB store implements their port)',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/duckdb/' },
      to: { path: '^src/store/duckdb/sql-twins/' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|test|bench)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
