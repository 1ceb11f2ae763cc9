/**
 * Plain DuckDB SQL for relative-strength streaks (gaps-and-islands over aligned returns). It is the
 * baseline for benchmarks and an independent second method in tests; it must give the same streaks
 * as streak.ts:
 * - pair mode (`b` given): join A and B on date (the intersection of sessions whose value is not NULL/NaN),
 *   returns = value/LAG(value) − 1 over the joined rows (i.e. on the aligned closes), a session
 *   qualifies when r_A > r_B (`over`) or r_A < r_B (`under`) strictly;
 * - zero mode (no `b`): one series vs zero, values are closes (`values: 'close'`, returns as above)
 *   or returns used as given (`values: 'return'`); a NULL/NaN return ends a streak.
 * Islands: rn_all − rn_qualifying is constant inside a run of consecutive qualifying sessions.
 * Output columns: `start` and `end` (VARCHAR, YYYY-MM-DD), `length` (INTEGER), most recent first.
 *
 * `source` strings are inserted verbatim as SQL table expressions (a table name or e.g.
 * `read_csv('/path/IWM.csv')`): pass only trusted text. Column names are quoted; asOf is validated.
 */
import { UserError } from '../../../model/errors.ts';
import { checkDate } from './port.ts';

export interface SqlSeriesSource {
  /** Table name or table function, e.g. `prices_iwm` or `read_csv('/data/IWM.csv')`. */
  source: string;
  dateColumn?: string;
  valueColumn?: string;
}

export interface StreakSqlOptions {
  a: SqlSeriesSource;
  /** Omit for a streak versus zero. */
  b?: SqlSeriesSource;
  /** `close` (default): returns are computed from the values; `return`: values are returns (zero mode only). */
  values?: 'close' | 'return';
  direction?: 'over' | 'under';
  /** Last session considered (inclusive). */
  asOf?: string;
  /** Minimum streak length to list (default 1). */
  min?: number;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function cleaned(s: SqlSeriesSource, alias: string): string {
  const d = ident(s.dateColumn ?? 'date');
  const v = ident(s.valueColumn ?? 'close');
  return `${alias} AS (SELECT CAST(${d} AS DATE) AS d, CAST(${v} AS DOUBLE) AS v FROM ${s.source} WHERE ${v} IS NOT NULL AND NOT isnan(CAST(${v} AS DOUBLE)))`;
}

/** Returns the SQL text listing every streak (start, end, length), most recent first. */
export function streakSql(opts: StreakSqlOptions): string {
  const values = opts.values ?? 'close';
  const dir = opts.direction ?? 'over';
  if (dir !== 'over' && dir !== 'under') throw new UserError(`direction must be 'over' or 'under'`);
  if (values !== 'close' && values !== 'return') throw new UserError(`values must be 'close' or 'return'`);
  if (opts.b && values === 'return')
    throw new UserError('pair mode needs closes: returns of two return series cannot be re-aligned in SQL');
  const min = opts.min ?? 1;
  if (!Number.isInteger(min) || min < 1) throw new UserError('min must be a whole number ≥ 1');
  const asOf = opts.asOf === undefined ? null : checkDate('asOf', opts.asOf);
  const asOfFilter = asOf === null ? '' : ` WHERE d <= DATE '${asOf}'`;
  const cmp = dir === 'over' ? '>' : '<';
  const ctes: string[] = [];
  let qualify: string;
  if (opts.b) {
    ctes.push(cleaned(opts.a, 'sa'), cleaned(opts.b, 'sb'));
    ctes.push(`j AS (SELECT sa.d, sa.v AS av, sb.v AS bv FROM sa JOIN sb ON sa.d = sb.d)`);
    ctes.push(`w AS (SELECT * FROM j${asOfFilter})`);
    ctes.push(
      `r AS (SELECT d, av / LAG(av) OVER (ORDER BY d) - 1 AS ra, bv / LAG(bv) OVER (ORDER BY d) - 1 AS rb FROM w)`,
    );
    qualify = `COALESCE(ra ${cmp} rb, FALSE)`;
  } else if (values === 'close') {
    ctes.push(cleaned(opts.a, 'sa'));
    ctes.push(`w AS (SELECT * FROM sa${asOfFilter})`);
    ctes.push(`r AS (SELECT d, v / LAG(v) OVER (ORDER BY d) - 1 AS ra FROM w)`);
    qualify = `COALESCE(ra ${cmp} 0, FALSE)`;
  } else {
    // Returns as given: a NULL/NaN return still occupies its session (it ends a streak), so no cleaning.
    const d = ident(opts.a.dateColumn ?? 'date');
    const v = ident(opts.a.valueColumn ?? 'close');
    ctes.push(`w AS (SELECT CAST(${d} AS DATE) AS d, CAST(${v} AS DOUBLE) AS v FROM ${opts.a.source})`);
    ctes.push(`r AS (SELECT d, v AS ra FROM w${asOfFilter})`);
    qualify = `COALESCE(ra ${cmp} 0 AND NOT isnan(ra), FALSE)`;
  }
  ctes.push(`f AS (SELECT d, ${qualify} AS q, ROW_NUMBER() OVER (ORDER BY d) AS rn FROM r)`);
  ctes.push(`g AS (SELECT d, rn - ROW_NUMBER() OVER (ORDER BY d) AS grp FROM f WHERE q)`);
  return [
    `WITH ${ctes.join(',\n')}`,
    `SELECT strftime(MIN(d), '%Y-%m-%d') AS "start", strftime(MAX(d), '%Y-%m-%d') AS "end", CAST(COUNT(*) AS INTEGER) AS "length"`,
    `FROM g GROUP BY grp HAVING COUNT(*) >= ${min} ORDER BY MAX(d) DESC`,
  ].join('\n');
}
