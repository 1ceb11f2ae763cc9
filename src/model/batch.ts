/**
 * What an importer produces for one file: canonical rows, each with its provenance, plus
 * warnings. The store writes a batch in one transaction.
 */
import { barCount } from './bar-columns.ts';
import { observationCount } from './observation-columns.ts';
import type {
  Bar,
  Flow,
  Fundamentals,
  Holding,
  Instrument,
  Observation,
  SeriesMeta,
  WithProv,
} from './types.ts';

export interface ImportWarning {
  file: string;
  line: number | null;
  message: string;
}

/** A row skipped in lenient mode. */
export interface SkippedRow {
  file: string;
  line: number;
  reason: string;
}

export interface ImportBatch {
  /** The importer/provider that produced it, e.g. `price-csv`, `french`, `ishares`. */
  importer: string;
  /** Source name stored with each row, e.g. `file:prices`, `file:alt/aurum`, `stooq`. */
  source: string;
  /** Path (relative to the data root when under it) or request URL. */
  file: string;
  /** sha256 of the file bytes (or response body). */
  sha256: string;
  instruments: Instrument[];
  bars: WithProv<Bar>[];
  holdings: WithProv<Holding>[];
  fundamentals: WithProv<Fundamentals>[];
  flows: WithProv<Flow>[];
  seriesMeta: SeriesMeta[];
  observations: WithProv<Observation>[];
  warnings: ImportWarning[];
  skipped: SkippedRow[];
  /** For price batches: rank of this source when choosing a symbol's preferred source (higher wins). */
  priority?: number;
}

export function emptyBatch(
  importer: string,
  source: string,
  file: string,
  sha256: string,
): ImportBatch {
  return {
    importer,
    source,
    file,
    sha256,
    instruments: [],
    bars: [],
    holdings: [],
    fundamentals: [],
    flows: [],
    seriesMeta: [],
    observations: [],
    warnings: [],
    skipped: [],
  };
}

/** Total canonical rows in a batch. */
export function batchRowCount(b: ImportBatch): number {
  return barCount(b) + b.holdings.length + b.fundamentals.length + b.flows.length + observationCount(b);
}
