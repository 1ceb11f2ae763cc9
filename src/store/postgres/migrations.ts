/**
 * PostgreSQL schema migrations (the store's own, beside DuckDB's). Text columns use the "C"
 * collation so ordering and comparisons are bytewise, exactly as in DuckDB; keys get indexes (not
 * unique constraints: the writer enforces keys with anti-joins, as in DuckDB).
 */
export const PG_MIGRATIONS: { version: number; name: string; sql: string[] }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: [
      `CREATE TABLE imports (id INTEGER NOT NULL PRIMARY KEY, file TEXT COLLATE "C" NOT NULL, sha256 TEXT NOT NULL,
         importer TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C" NOT NULL, imported_at TIMESTAMP NOT NULL,
         rows_read INTEGER NOT NULL, rows_new INTEGER NOT NULL, rows_revised INTEGER NOT NULL)`,
      'CREATE INDEX imports_file ON imports (file, sha256, importer)',
      `CREATE TABLE instruments (symbol TEXT COLLATE "C" NOT NULL PRIMARY KEY, name TEXT COLLATE "C", kind TEXT COLLATE "C" NOT NULL)`,
      `CREATE TABLE price_sources (symbol TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C" NOT NULL, priority INTEGER NOT NULL,
         adjustment TEXT COLLATE "C" NOT NULL, preferred_override BOOLEAN NOT NULL DEFAULT FALSE, PRIMARY KEY (symbol, source))`,
      `CREATE TABLE bars (symbol TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C" NOT NULL, date DATE NOT NULL,
         open DOUBLE PRECISION, high DOUBLE PRECISION, low DOUBLE PRECISION, close DOUBLE PRECISION NOT NULL,
         adj_close DOUBLE PRECISION, volume DOUBLE PRECISION, provisional BOOLEAN NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      'CREATE INDEX bars_key ON bars (symbol, source, date)',
      'CREATE INDEX bars_source ON bars (source, symbol)',
      `CREATE TABLE series_meta (series TEXT COLLATE "C" NOT NULL PRIMARY KEY, kind TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C",
         unit TEXT COLLATE "C" NOT NULL, is_return BOOLEAN NOT NULL)`,
      `CREATE TABLE observations (series TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C" NOT NULL, freq TEXT COLLATE "C" NOT NULL,
         date DATE NOT NULL, value DOUBLE PRECISION NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      'CREATE INDEX observations_key ON observations (series, source, freq, date)',
      `CREATE TABLE holdings (fund TEXT COLLATE "C" NOT NULL, as_of DATE NOT NULL, symbol TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C",
         sector TEXT COLLATE "C", sub_industry TEXT COLLATE "C", asset_class TEXT COLLATE "C", weight DOUBLE PRECISION,
         shares DOUBLE PRECISION, market_value DOUBLE PRECISION, price DOUBLE PRECISION, source TEXT COLLATE "C" NOT NULL,
         import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      'CREATE INDEX holdings_snapshot ON holdings (fund, as_of)',
      `CREATE TABLE fundamentals (symbol TEXT COLLATE "C" NOT NULL, as_of DATE NOT NULL, price DOUBLE PRECISION, pe DOUBLE PRECISION,
         forward_pe DOUBLE PRECISION, ps DOUBLE PRECISION, pb DOUBLE PRECISION, ev_ebitda DOUBLE PRECISION, debt_equity DOUBLE PRECISION,
         market_cap DOUBLE PRECISION, ebitda DOUBLE PRECISION, eps DOUBLE PRECISION, dividend_yield DOUBLE PRECISION,
         low52 DOUBLE PRECISION, high52 DOUBLE PRECISION, source TEXT COLLATE "C" NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      'CREATE INDEX fundamentals_key ON fundamentals (symbol, as_of, source)',
      `CREATE TABLE flows (fund TEXT COLLATE "C" NOT NULL, date DATE NOT NULL, flow DOUBLE PRECISION NOT NULL, aum DOUBLE PRECISION,
         source TEXT COLLATE "C" NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL)`,
      'CREATE INDEX flows_key ON flows (fund, date, source)',
    ],
  },
];

export const PG_LATEST_SCHEMA = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;
