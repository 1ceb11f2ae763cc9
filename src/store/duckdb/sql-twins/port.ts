/**
 * The SQL-twin port: plain DuckDB SQL used as a second method in tests and as the baseline in the
 * bench, never by the product. `DuckDbStore` implements it (its `sql()` is not on `MarketStore`);
 * dependency-cruiser forbids any module under src/ outside src/store/ from importing this folder.
 */
import { UserError } from '../../../model/errors.ts';
import { IsoDate } from '../../../model/types.ts';

/** Runs one SQL statement and returns its rows (BIGINT values as numbers). */
export interface SqlPort {
  sql(query: string): Promise<Record<string, unknown>[]>;
}

/** A date literal's text, checked: a real calendar date `YYYY-MM-DD` or a UserError naming `label`. */
export function checkDate(label: string, d: unknown): string {
  if (typeof d !== 'string' || !IsoDate.safeParse(d).success)
    throw new UserError(`${label} '${String(d)}' is not a valid date (expected YYYY-MM-DD)`);
  return d;
}
