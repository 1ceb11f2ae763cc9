/** Quoted CSV (csv-parse) with each record's 1-based file line, for importers that must name lines in errors. */
import { parse as parseCsv } from 'csv-parse/sync';
import { ImportError } from '../../model/errors.ts';

export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Parse `lines[start..]` as CSV. `lineOf(r)` gives the file line a record starts on (a quoted field
 * spanning lines counts from its first line). Malformed CSV → ImportError naming the line.
 */
export function parseCsvRecords(
  file: string,
  lines: string[],
  start: number,
): { records: CsvRecord[]; lineOf: (r: CsvRecord) => number } {
  let records: CsvRecord[];
  try {
    records = parseCsv(lines.slice(start).join('\n'), {
      relax_column_count: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    throw new ImportError(file, start + (err.lines ?? 1), `malformed CSV: ${err.message ?? String(e)}`);
  }
  const lineOf = (r: CsvRecord) =>
    start + r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
  return { records, lineOf };
}
