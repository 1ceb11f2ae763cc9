/**
 * Plain DuckDB SQL for breadth, over a table (or view) with columns symbol, date, close.
 * Same conventions as ../breadth.ts (see there), so the two can check each other:
 * - sessions = distinct dates with a finite close in the table; the previous session of a date is
 *   the previous one in that calendar (not the member's own previous row);
 * - moving averages and 52-week highs/lows use each member's own last N finite closes up to asOf,
 *   and need a close on asOf.
 * `date` may be a DATE or an ISO `YYYY-MM-DD` VARCHAR column. Used as the benchmark baseline and as
 * the second method in the real-data tests.
 */
import { UserError } from '../../../model/errors.ts';
import { checkDate } from './port.ts';

function ident(table: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(table)) {
    throw new UserError(`table name "${table}" is not a plain identifier`);
  }
  return table
    .split('.')
    .map((p) => `"${p}"`)
    .join('.');
}

function dateLit(d: string, what: string): string {
  return `'${checkDate(what, d)}'`;
}

function window(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new UserError(`window must be a whole number ≥ 1, got ${n}`);
  return n;
}

/**
 * Advancers/decliners/unchanged per session for sessions in (start, end], plus the cumulative
 * advance/decline line. Columns: date (VARCHAR), advancers, decliners, unchanged, cumulative.
 * A session where no member has both closes produces no row.
 */
export function advanceDeclineSql(table: string, opts: { start: string; end: string }): string {
  const t = ident(table);
  const s = dateLit(opts.start, 'start');
  const e = dateLit(opts.end, 'end');
  return `
WITH px AS (
  SELECT symbol, date, close FROM ${t} WHERE close IS NOT NULL AND isfinite(close)
),
cal AS (
  SELECT date, row_number() OVER (ORDER BY date) AS i FROM (SELECT DISTINCT date FROM px)
),
pxi AS (
  SELECT px.symbol, px.date, px.close, cal.i FROM px JOIN cal USING (date)
),
pairs AS (
  SELECT cur.date, cur.close AS c1, prev.close AS c0
  FROM pxi cur JOIN pxi prev ON prev.symbol = cur.symbol AND prev.i = cur.i - 1
  WHERE cur.date > ${s} AND cur.date <= ${e}
),
daily AS (
  SELECT date,
         count(*) FILTER (WHERE c1 > c0) AS advancers,
         count(*) FILTER (WHERE c1 < c0) AS decliners,
         count(*) FILTER (WHERE c1 = c0) AS unchanged
  FROM pairs GROUP BY date
)
SELECT CAST(date AS VARCHAR) AS date,
       CAST(advancers AS INTEGER) AS advancers,
       CAST(decliners AS INTEGER) AS decliners,
       CAST(unchanged AS INTEGER) AS unchanged,
       CAST(sum(advancers - decliners) OVER (ORDER BY date ROWS UNBOUNDED PRECEDING) AS INTEGER) AS cumulative
FROM daily ORDER BY date`;
}

/** Members' own last N closes up to asOf, for members with a close on asOf. */
function lastN(t: string, asOf: string, n: number): string {
  return `
px AS (
  SELECT symbol, date, close FROM ${t} WHERE close IS NOT NULL AND isfinite(close) AND date <= ${asOf}
),
ranked AS (
  SELECT symbol, date, close, row_number() OVER (PARTITION BY symbol ORDER BY date DESC) AS rn FROM px
),
at_asof AS (
  SELECT symbol, close FROM ranked WHERE rn = 1 AND date = ${asOf}
),
win AS (
  SELECT r.symbol, count(*) AS n, avg(r.close) AS mean,
         max(r.close) FILTER (WHERE r.rn > 1) AS prior_max,
         min(r.close) FILTER (WHERE r.rn > 1) AS prior_min
  FROM ranked r JOIN at_asof a USING (symbol) WHERE r.rn <= ${n} GROUP BY r.symbol
)`;
}

/**
 * Share of members above their N-session simple moving average on asOf.
 * Columns: above, eligible, insufficient (integers), share (DOUBLE or NULL).
 */
export function shareAboveMaSql(table: string, opts: { asOf: string; window: number }): string {
  const t = ident(table);
  const a = dateLit(opts.asOf, 'asOf');
  const n = window(opts.window);
  return `
WITH ${lastN(t, a, n)}
SELECT CAST(count(*) FILTER (WHERE w.n = ${n} AND x.close > w.mean) AS INTEGER) AS above,
       CAST(count(*) FILTER (WHERE w.n = ${n}) AS INTEGER) AS eligible,
       CAST(count(*) FILTER (WHERE w.n < ${n}) AS INTEGER) AS insufficient,
       count(*) FILTER (WHERE w.n = ${n} AND x.close > w.mean) / nullif(count(*) FILTER (WHERE w.n = ${n}), 0) AS share
FROM at_asof x JOIN win w USING (symbol)`;
}

/**
 * New highs/lows on asOf, close basis: asOf close strictly above (below) the max (min) of the
 * previous window−1 closes. Columns: symbol, kind ('high' | 'low'), ordered by kind, symbol.
 */
export function newHighsLowsSql(table: string, opts: { asOf: string; window?: number }): string {
  const t = ident(table);
  const a = dateLit(opts.asOf, 'asOf');
  const n = window(opts.window ?? 252);
  return `
WITH ${lastN(t, a, n)}
SELECT symbol, kind FROM (
  SELECT x.symbol, 'high' AS kind FROM at_asof x JOIN win w USING (symbol) WHERE w.n = ${n} AND x.close > w.prior_max
  UNION ALL
  SELECT x.symbol, 'low' AS kind FROM at_asof x JOIN win w USING (symbol) WHERE w.n = ${n} AND x.close < w.prior_min
) ORDER BY kind, symbol`;
}
