/**
 * Importer for a simple fund-flows CSV: header `fund,date,flow_usd` or `fund,date,flow_usd,aum_usd`
 * (case-insensitive, spaces around names allowed), one row per fund and day:
 *   fund     fund ticker, stored as written (trimmed);
 *   date     YYYY-MM-DD (YYYYMMDD and YYYY/MM/DD are accepted too);
 *   flow_usd net flow in USD, required, may be negative; quoted numbers with thousands separators are fine;
 *   aum_usd  optional assets under management in USD, blank -> null, must not be negative.
 * Rows may come in any order (several funds interleaved).
 *
 * Output: Flow rows with prov {source: 'flows-csv', file, line}.
 * Malformed rows (wrong number of cells, empty fund, bad date, text or an empty flow, a negative AUM) and
 * the same (fund, date) twice with different values throw ImportError(file, line, problem) unless
 * options.lenient (row skipped, listed in batch.skipped). The same (fund, date) twice with identical
 * values is a warning and is kept once.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { ImportError } from '../../model/errors.ts';
import type { Flow, Provenance, WithProv } from '../../model/types.ts';
import type { FileImporter, FileInput, ParseOptions } from '../importer.ts';
import { isMissingToken, parseDate, parseNumber, splitLines } from './text.ts';

const SOURCE = 'flows-csv';

const HEADER = /^\s*fund\s*,\s*date\s*,\s*flow_usd\s*(,\s*aum_usd\s*)?$/i;

function detect(input: { relPath: string; head: string }): boolean {
  const first = splitLines(input.head.replace(/^\uFEFF/, '')).find((l) => l.trim() !== '');
  return first !== undefined && HEADER.test(first);
}

interface Rec {
  record: string[];
  info: { lines: number };
}

function parse(input: FileInput, options: ParseOptions): ImportBatch {
  const file = input.relPath;
  const batch = emptyBatch('flows-csv', SOURCE, file, input.sha256);
  const lines = splitLines(input.text.replace(/^\uFEFF/, ''));
  if (lines.every((l) => l.trim() === '')) throw new ImportError(file, 1, 'empty file: no flows header');
  let start = 0;
  while (lines[start].trim() === '') start++;
  const headerLine = start + 1;
  if (!HEADER.test(lines[start]))
    throw new ImportError(
      file,
      headerLine,
      `not a flows header: expected 'fund,date,flow_usd[,aum_usd]', found '${lines[start].trim()}'`,
    );
  const ncells = lines[start].split(',').length;
  const hasAum = ncells === 4;

  let records: Rec[];
  try {
    records = parseCsv(lines.slice(start + 1).join('\n'), {
      relax_column_count: true,
      info: true,
    }) as unknown as Rec[];
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    throw new ImportError(file, headerLine + (err.lines ?? 1), `malformed CSV: ${err.message ?? String(e)}`);
  }

  const reject = (line: number, problem: string): void => {
    if (!options.lenient) throw new ImportError(file, line, problem);
    batch.skipped.push({ file, line, reason: problem });
  };

  const seen = new Map<string, { flow: number; aum: number | null; line: number }>();
  let rows = 0;
  for (const rec of records) {
    const cells = rec.record;
    const line = headerLine + rec.info.lines - cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    if (cells.length === 1 && cells[0].trim() === '') continue;
    rows++;
    if (cells.length !== ncells) {
      reject(line, `expected ${ncells} cells as in the header at line ${headerLine}, found ${cells.length}`);
      continue;
    }
    const fund = cells[0].trim();
    if (fund === '') {
      reject(line, 'empty fund');
      continue;
    }
    const date = parseDate(cells[1]);
    if (date === null) {
      reject(line, `bad date '${cells[1].trim()}' (expected YYYY-MM-DD)`);
      continue;
    }
    const flow = parseNumber(cells[2]);
    if (!Number.isFinite(flow)) {
      reject(
        line,
        cells[2].trim() === '' ? 'empty flow_usd' : `not a number in flow_usd: '${cells[2].trim()}'`,
      );
      continue;
    }
    let aum: number | null = null;
    if (hasAum && !isMissingToken(cells[3])) {
      aum = parseNumber(cells[3]);
      if (!Number.isFinite(aum)) {
        reject(line, `not a number in aum_usd: '${cells[3].trim()}'`);
        continue;
      }
      if (aum < 0) {
        reject(line, `negative aum_usd: ${aum}`);
        continue;
      }
    }
    const key = `${fund}\u0000${date}`;
    const prev = seen.get(key);
    if (prev) {
      if (prev.flow === flow && prev.aum === aum) {
        batch.warnings.push({
          file,
          line,
          message: `${fund} ${date} repeats line ${prev.line} with the same values; kept once`,
        });
      } else {
        reject(line, `${fund} ${date} appears twice with different values (first at line ${prev.line})`);
      }
      continue;
    }
    seen.set(key, { flow, aum, line });
    const prov: Provenance = { source: SOURCE, file, line };
    const f: WithProv<Flow> = { fund, date, flow, aum, prov };
    batch.flows.push(f);
  }
  if (rows === 0) throw new ImportError(file, headerLine, 'no data rows after the header');
  return batch;
}

export const flowsCsv: FileImporter = { name: 'flows-csv', detect, parse };
/** Same importer under the name the registry imports. */
export const flowsCsvImporter = flowsCsv;
