/**
 * Versioned schema migrations. Each entry runs once, in order, inside a transaction; the applied
 * version is recorded in `schema_version`. Plain SQL that both DuckDB and PostgreSQL accept.
 * Keys are enforced by the writer (anti-join upserts), not by indexes, to keep bulk loads fast.
 */
export const MIGRATIONS: { version: number; name: string; sql: string[] }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: [
      `CREATE TABLE imports (id INTEGER NOT NULL, file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
         importer VARCHAR NOT NULL, source VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL,
         rows_read INTEGER NOT NULL, rows_new INTEGER NOT NULL, rows_revised INTEGER NOT NULL)`,
      `CREATE TABLE instruments (symbol VARCHAR NOT NULL, name VARCHAR, kind VARCHAR NOT NULL)`,
      `CREATE TABLE price_sources (symbol VARCHAR NOT NULL, source VARCHAR NOT NULL, priority INTEGER NOT NULL,
         adjustment VARCHAR NOT NULL, preferred_override BOOLEAN NOT NULL DEFAULT FALSE)`,
      `CREATE TABLE bars (symbol VARCHAR NOT NULL, source VARCHAR NOT NULL, date DATE NOT NULL,
         open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE NOT NULL, adj_close DOUBLE, volume DOUBLE,
         provisional BOOLEAN NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      `CREATE TABLE series_meta (series VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR,
         unit VARCHAR NOT NULL, is_return BOOLEAN NOT NULL)`,
      `CREATE TABLE observations (series VARCHAR NOT NULL, source VARCHAR NOT NULL, freq VARCHAR NOT NULL,
         date DATE NOT NULL, value DOUBLE NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      `CREATE TABLE holdings (fund VARCHAR NOT NULL, as_of DATE NOT NULL, symbol VARCHAR NOT NULL, name VARCHAR,
         sector VARCHAR, sub_industry VARCHAR, asset_class VARCHAR, weight DOUBLE, shares DOUBLE,
         market_value DOUBLE, price DOUBLE, source VARCHAR NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      `CREATE TABLE fundamentals (symbol VARCHAR NOT NULL, as_of DATE NOT NULL, price DOUBLE, pe DOUBLE,
         forward_pe DOUBLE, ps DOUBLE, pb DOUBLE, ev_ebitda DOUBLE, debt_equity DOUBLE, market_cap DOUBLE,
         ebitda DOUBLE, eps DOUBLE, dividend_yield DOUBLE, low52 DOUBLE, high52 DOUBLE,
         source VARCHAR NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      `CREATE TABLE flows (fund VARCHAR NOT NULL, date DATE NOT NULL, flow DOUBLE NOT NULL, aum DOUBLE,
         source VARCHAR NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
    ],
  },
];

export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1].version;
