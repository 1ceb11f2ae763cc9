/**
 * Import many files with few transactions (stores with `writeBatches`: DuckDB, PostgreSQL). Files are parsed
 * in order and collected until about FLUSH_ROWS rows are pending, then written together
 * (duckdb/bulk-write.ts, postgres/pg-bulk-write.ts: one transaction, staged and merged per table, each
 * file all or nothing).
 *
 * Every file still gets the source-preference decision it gets when files are written one by one:
 * the plan of a file reads the stored sources of its own symbols only, so a file whose symbols are
 * also in a pending (not yet written) file makes the pending files be written first, and its plan
 * then sees the store exactly as the one-by-one import would have left it. The chosen sources
 * (`setPreferred`) of each file are recorded after the write, file by file, as `writeBatch` does.
 *
 * While a write runs in DuckDB's threads or the PostgreSQL server, the next files are parsed (JavaScript, main thread); they
 * are planned only once the write has finished, so no read of the plan runs inside the transaction.
 * Ctrl-C (`shouldStop`) stops reading files; the files parsed so far are written, the rest are
 * reported as not reached, so the next run imports exactly those.
 */
import { barColumnsOf, barCount } from '../model/bar-columns.ts';
import { batchRowCount, type ImportBatch } from '../model/batch.ts';
import {
  type FileOutcome,
  failedOutcome,
  type ImportOptions,
  type ImportProgress,
  type ImportRun,
  type ParsedFile,
  parseFile,
  relToRoot,
  writtenOutcome,
} from './ingest-file.ts';
import { type PreferencePlan, planPreference } from './preference.ts';
import type { MarketStore, SourceInfo, WriteResult } from './store.ts';

/** Rows collected before a write: large enough that per-statement costs vanish, small enough to bound memory. */
export const FLUSH_ROWS = 300_000;

interface Planned {
  index: number;
  base: FileOutcome;
  batch: ImportBatch;
  plan: PreferencePlan;
}

interface Parsed {
  index: number;
  parsed: ParsedFile & { batch: ImportBatch };
  rows: number;
  symbols: Set<string>;
}

const noPlan = (): PreferencePlan => ({ decisions: [], setPreferred: [] });
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function barSymbols(batch: ImportBatch): Set<string> {
  const cols = barColumnsOf(batch);
  if (cols) return new Set(cols.symbols);
  const out = new Set<string>();
  let last = '';
  for (const b of batch.bars) {
    if (b.symbol === last) continue;
    last = b.symbol;
    out.add(last);
  }
  return out;
}

class BulkWriter {
  private planned: Planned[] = [];
  private plannedSymbols = new Set<string>();
  private plannedRows = 0;
  private parsed: Parsed[] = [];
  private parsedRows = 0;
  private inflight: Promise<void> | null = null;
  private inflightDone = false;
  private readonly limit: number;

  constructor(
    private readonly store: MarketStore & Required<Pick<MarketStore, 'writeBatches'>>,
    private readonly opts: ImportOptions,
    private readonly outcomes: FileOutcome[],
    private readonly progress: ImportProgress,
  ) {
    this.limit = opts.flushRows ?? FLUSH_ROWS;
  }

  /**
   * Take a parsed file. Files are planned together once a write's worth of rows is parsed (one
   * question for all their symbols' stored sources), then written while the next files are parsed.
   */
  async add(index: number, parsed: ParsedFile & { batch: ImportBatch }): Promise<void> {
    const rows = batchRowCount(parsed.batch);
    this.parsed.push({ index, parsed, rows, symbols: barSymbols(parsed.batch) });
    this.parsedRows += rows;
    if (this.parsedRows < this.limit) {
      if (this.inflight && !this.inflightDone) await yieldToLoop(); // let the write go on; the caller parses the next file meanwhile
      return;
    }
    await this.planQueued();
    if (this.plannedRows >= this.limit) this.startWrite();
  }

  /** Write everything parsed so far. */
  async finish(): Promise<void> {
    await this.planQueued();
    await this.write();
  }

  private async planQueued(): Promise<void> {
    await this.settle();
    const queued = this.parsed.splice(0);
    let listed = await this.listSources(queued);
    for (let k = 0; k < queued.length; k++) {
      const q = queued[k];
      this.parsedRows -= q.rows;
      const { base, batch } = q.parsed;
      const symbols = q.symbols;
      if ([...symbols].some((s) => this.plannedSymbols.has(s)) || this.plannedRows >= this.limit) {
        await this.write();
        listed = await this.listSources(queued.slice(k)); // the write may have changed them
      }
      let plan = noPlan();
      try {
        if (barCount(batch)) plan = await planPreference(this.store, batch, { prefer: this.opts.prefer, listed });
      } catch (e) {
        this.outcomes[q.index] = failedOutcome(base, e);
        continue;
      }
      this.planned.push({ index: q.index, base, batch, plan });
      for (const s of symbols) this.plannedSymbols.add(s);
      this.plannedRows += q.rows;
    }
  }

  /** The stored sources of the queued files' symbols, in one question (instead of one per symbol). */
  private async listSources(queued: Parsed[]): Promise<Map<string, SourceInfo[]> | undefined> {
    const symbols = [...new Set(queued.flatMap((q) => [...q.symbols]))];
    if (symbols.length === 0) return undefined;
    try {
      const found = await this.store.listSourcesMany(symbols);
      return new Map(symbols.map((s) => [s, found[s] ?? []]));
    } catch {
      return undefined; // each file's plan then asks for its own symbols, and a failure is that file's
    }
  }

  private startWrite(): void {
    this.inflightDone = false;
    this.inflight = this.write().finally(() => {
      this.inflightDone = true;
    });
  }

  private async settle(): Promise<void> {
    if (!this.inflight) return;
    await this.inflight;
    this.inflight = null;
  }

  private async write(): Promise<void> {
    const todo = this.planned.splice(0);
    this.plannedSymbols.clear();
    this.plannedRows = 0;
    if (todo.length === 0) return;
    let results: (WriteResult | Error)[];
    try {
      results = await this.store.writeBatches(todo.map((t) => t.batch));
    } catch (e) {
      results = todo.map(() => e as Error);
    }
    for (let k = 0; k < todo.length; k++) {
      const t = todo[k];
      const r = results[k];
      if (r instanceof Error) {
        this.outcomes[t.index] = failedOutcome(t.base, r);
        continue;
      }
      try {
        // As writeBatch does: the plan's chosen sources, right after the file, also when it was unchanged.
        for (const sp of t.plan.setPreferred) await this.store.setPreferredSource(sp.symbol, sp.source);
        this.outcomes[t.index] = writtenOutcome(t.base, r, t.plan.decisions, this.opts.prefer);
        this.progress.filesCommitted++;
      } catch (e) {
        this.outcomes[t.index] = failedOutcome(t.base, e);
      }
    }
  }
}

/** The bulk counterpart of the one-file-per-transaction loop in ingest.ts (same outcomes, same progress calls). */
export async function importBulk(
  store: MarketStore,
  files: string[],
  sizes: number[],
  opts: ImportOptions,
  p: ImportProgress,
): Promise<ImportRun> {
  if (!store.writeBatches) throw new Error('importBulk: this store has no writeBatches');
  const outcomes: FileOutcome[] = [];
  const writer = new BulkWriter(
    store as MarketStore & Required<Pick<MarketStore, 'writeBatches'>>,
    opts,
    outcomes,
    p,
  );
  let interrupted: ImportRun['interrupted'] = null;
  let reached = files.length;
  for (let i = 0; i < files.length; i++) {
    if (opts.shouldStop?.()) {
      interrupted = { filesLeft: files.length - i };
      reached = i;
      break;
    }
    opts.onFile?.(i, files.length, files[i]);
    opts.onProgress?.({ ...p, file: relToRoot(files[i], opts.dataRoot) });
    const parsed = parseFile(files[i], opts);
    p.filesDone++;
    p.bytesDone += sizes[i];
    if (parsed.batch) {
      p.rowsRead += batchRowCount(parsed.batch);
      await writer.add(i, parsed as ParsedFile & { batch: ImportBatch });
    } else {
      outcomes[i] = parsed.base;
      if (parsed.base.status === 'unchanged') p.filesUnchanged++;
    }
  }
  await writer.finish();
  return { outcomes: outcomes.slice(0, reached), interrupted };
}
