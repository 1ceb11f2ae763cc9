/**
 * A file's bars as columns: what the price importer builds (no object per bar), and what the DuckDB
 * import stages straight from (typed arrays). One file's bars share their source, file and
 * adjustment; they come in runs of one symbol; a missing price or volume is NaN (null in a `Bar`);
 * dates are days since 1970-01-01 (model/days.ts).
 *
 * A batch that carries columns still has `bars`: reading it builds the objects once (the same values,
 * in the same order, with their provenance) and from then on the objects are the batch's bars
 * (lazy-rows.ts).
 * Hot paths ask `barColumnsOf` first and `barCount` rather than `bars.length`.
 */
import { dayToIso } from './days.ts';
import { grown } from './grow.ts';
import { attachColumns, columnsOf } from './lazy-rows.ts';
import type { Adjustment, Bar, WithProv } from './types.ts';

export interface BarColumns {
  readonly n: number;
  readonly source: string;
  readonly file: string;
  readonly adjustment: Adjustment;
  /** Runs of one symbol: rows runStart[k] … runStart[k + 1] − 1 are symbols[k]'s (runStart has one more entry). */
  readonly symbols: string[];
  readonly runStart: Int32Array;
  readonly day: Int32Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly adjClose: Float64Array;
  readonly volume: Float64Array;
  /** 1 for a provisional row, else 0. */
  readonly provisional: Int32Array;
  readonly line: Int32Array;
}

const COLUMNS = Symbol('bar columns');
/** A batch (model/batch.ts `ImportBatch`), as far as its bars go. */
type BarBatch = { bars: WithProv<Bar>[] };

/** The batch's bars as columns, while it has them (undefined once `bars` was read, or for object-built batches). */
export function barColumnsOf(batch: BarBatch): BarColumns | undefined {
  return columnsOf<BarColumns>(batch, COLUMNS);
}

/** Bars in the batch, without building objects. */
export function barCount(batch: BarBatch): number {
  return barColumnsOf(batch)?.n ?? batch.bars.length;
}

/** Give the batch its bars as columns: `bars` becomes the objects built from them on first read (lazy-rows.ts). */
export function setBarColumns(batch: BarBatch, cols: BarColumns): void {
  attachColumns(batch, 'bars', COLUMNS, cols, barsFromColumns);
}

const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** The bars as objects, in row order. */
export function barsFromColumns(c: BarColumns): WithProv<Bar>[] {
  const out: WithProv<Bar>[] = new Array(c.n);
  for (let k = 0; k < c.symbols.length; k++) {
    const symbol = c.symbols[k];
    for (let i = c.runStart[k]; i < c.runStart[k + 1]; i++) {
      out[i] = {
        symbol,
        date: dayToIso(c.day[i]),
        open: orNull(c.open[i]),
        high: orNull(c.high[i]),
        low: orNull(c.low[i]),
        close: c.close[i],
        adjClose: orNull(c.adjClose[i]),
        volume: orNull(c.volume[i]),
        adjustment: c.adjustment,
        provisional: c.provisional[i] === 1,
        prov: { source: c.source, file: c.file, line: c.line[i] },
      };
    }
  }
  return out;
}

/** Growable columns of one symbol's rows, as a file is read. */
export class BarRows {
  n = 0;
  day: Int32Array;
  line: Int32Array;
  /** open, high, low, close, adj close, volume: six values per row. */
  vals: Float64Array;

  /** `capacity`: rows expected (grown by doubling beyond it). */
  constructor(capacity = 64) {
    const cap = Math.max(16, Math.ceil(capacity));
    this.day = new Int32Array(cap);
    this.line = new Int32Array(cap);
    this.vals = new Float64Array(cap * 6);
  }

  push(day: number, line: number, open: number, high: number, low: number, close: number, adjClose: number, volume: number): void {
    if (this.n === this.day.length) this.grow();
    const i = this.n++;
    this.day[i] = day;
    this.line[i] = line;
    const v = this.vals;
    const o = i * 6;
    v[o] = open;
    v[o + 1] = high;
    v[o + 2] = low;
    v[o + 3] = close;
    v[o + 4] = adjClose;
    v[o + 5] = volume;
  }

  private grow(): void {
    const cap = this.day.length * 2;
    this.day = grown(this.day, cap);
    this.line = grown(this.line, cap);
    this.vals = grown(this.vals, cap * 6);
  }
}

/** The file's columns, filled symbol by symbol with the rows each keeps (see `BarColumnsBuilder.add`). */
export class BarColumnsBuilder {
  private readonly symbols: string[] = [];
  private readonly runs: number[] = [0];
  private readonly parts: { rows: BarRows; keep: Int32Array; provisionalLast: boolean }[] = [];
  private n = 0;

  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly adjustment: Adjustment,
  ) {}

  /** A symbol's rows `keep` (indexes into `rows`, in the order to store), the last one provisional or not. */
  add(symbol: string, rows: BarRows, keep: Int32Array, provisionalLast: boolean): void {
    if (keep.length === 0) return;
    this.symbols.push(symbol);
    this.parts.push({ rows, keep, provisionalLast });
    this.n += keep.length;
    this.runs.push(this.n);
  }

  build(): BarColumns {
    const n = this.n;
    const day = new Int32Array(n);
    const line = new Int32Array(n);
    const provisional = new Int32Array(n);
    const cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(n));
    let at = 0;
    for (const { rows, keep, provisionalLast } of this.parts) {
      for (let j = 0; j < keep.length; j++, at++) {
        const i = keep[j];
        day[at] = rows.day[i];
        line[at] = rows.line[i];
        const o = i * 6;
        for (let c = 0; c < 6; c++) cols[c][at] = rows.vals[o + c];
      }
      if (provisionalLast) provisional[at - 1] = 1;
    }
    const [open, high, low, close, adjClose, volume] = cols;
    return {
      n,
      source: this.source,
      file: this.file,
      adjustment: this.adjustment,
      symbols: this.symbols,
      runStart: Int32Array.from(this.runs),
      day,
      open,
      high,
      low,
      close,
      adjClose,
      volume,
      provisional,
      line,
    };
  }
}
