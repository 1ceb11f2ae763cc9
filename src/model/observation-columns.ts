/**
 * A file's observations as columns: what the Ken French importer builds (no object per value; a
 * daily factor file is a million of them), and what the DuckDB import stages straight from. One
 * file's observations share their source and file; each row names its series, frequency and unit by
 * index; dates are days since 1970-01-01 (model/days.ts). Reading the batch's `observations` builds
 * the objects once (lazy-rows.ts): the same values, order and provenance.
 */
import { dayToIso } from './days.ts';
import { grown } from './grow.ts';
import { attachColumns, columnsOf } from './lazy-rows.ts';
import type { Frequency, Observation, ObservationUnit, WithProv } from './types.ts';

export const FREQS: readonly Frequency[] = ['D', 'M', 'A'];
export const UNITS: readonly ObservationUnit[] = ['fraction', 'percent', 'level', 'count', 'usd_mn'];

export interface ObservationColumns {
  readonly n: number;
  readonly source: string;
  readonly file: string;
  /** The series' names; `series[i]` indexes it. */
  readonly names: string[];
  readonly series: Int32Array;
  /** Index into FREQS. */
  readonly freq: Int32Array;
  /** Index into UNITS. */
  readonly unit: Int32Array;
  readonly day: Int32Array;
  readonly value: Float64Array;
  readonly line: Int32Array;
}

const COLUMNS = Symbol('observation columns');
type ObservationBatch = { observations: WithProv<Observation>[] };

/** The batch's observations as columns, while it has them (undefined once `observations` was read, or for object-built batches). */
export function observationColumnsOf(batch: ObservationBatch): ObservationColumns | undefined {
  return columnsOf<ObservationColumns>(batch, COLUMNS);
}

/** Observations in the batch, without building objects. */
export function observationCount(batch: ObservationBatch): number {
  return observationColumnsOf(batch)?.n ?? batch.observations.length;
}

/** Give the batch its observations as columns: `observations` becomes the objects built from them on first read. */
export function setObservationColumns(batch: ObservationBatch, cols: ObservationColumns): void {
  attachColumns(batch, 'observations', COLUMNS, cols, observationsFromColumns);
}

/** The observations as objects, in row order (one provenance object per line, as the importer made them). */
export function observationsFromColumns(c: ObservationColumns): WithProv<Observation>[] {
  const out: WithProv<Observation>[] = new Array(c.n);
  let prov = { source: c.source, file: c.file, line: -1 };
  for (let i = 0; i < c.n; i++) {
    if (c.line[i] !== prov.line) prov = { source: c.source, file: c.file, line: c.line[i] };
    out[i] = { series: c.names[c.series[i]], freq: FREQS[c.freq[i]], date: dayToIso(c.day[i]), value: c.value[i], unit: UNITS[c.unit[i]], prov };
  }
  return out;
}

/** Growable columns, filled as a file is read. */
export class ObservationColumnsBuilder {
  private n = 0;
  private cap = 1024;
  private series = new Int32Array(this.cap);
  private freq = new Int32Array(this.cap);
  private unit = new Int32Array(this.cap);
  private day = new Int32Array(this.cap);
  private line = new Int32Array(this.cap);
  private value = new Float64Array(this.cap);
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  private lastFreq: Frequency | null = null;
  private freqAt = -1;
  private lastUnit: ObservationUnit | null = null;
  private unitAt = -1;

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  /** The index of a series name (added on first use). */
  seriesIndex(name: string): number {
    let k = this.nameIndex.get(name);
    if (k === undefined) {
      k = this.names.length;
      this.names.push(name);
      this.nameIndex.set(name, k);
    }
    return k;
  }

  push(series: number, freq: Frequency, unit: ObservationUnit, day: number, value: number, line: number): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.series[i] = series;
    // A file's rows come in tables of one frequency and unit: look their indexes up when they change.
    if (freq !== this.lastFreq) {
      this.lastFreq = freq;
      this.freqAt = FREQS.indexOf(freq);
    }
    if (unit !== this.lastUnit) {
      this.lastUnit = unit;
      this.unitAt = UNITS.indexOf(unit);
    }
    this.freq[i] = this.freqAt;
    this.unit[i] = this.unitAt;
    this.day[i] = day;
    this.value[i] = value;
    this.line[i] = line;
  }

  build(): ObservationColumns {
    const n = this.n;
    return {
      n,
      source: this.source,
      file: this.file,
      names: this.names,
      series: this.series.slice(0, n),
      freq: this.freq.slice(0, n),
      unit: this.unit.slice(0, n),
      day: this.day.slice(0, n),
      value: this.value.slice(0, n),
      line: this.line.slice(0, n),
    };
  }

  private grow(): void {
    this.cap *= 2;
    this.series = grown(this.series, this.cap);
    this.freq = grown(this.freq, this.cap);
    this.unit = grown(this.unit, this.cap);
    this.day = grown(this.day, this.cap);
    this.line = grown(this.line, this.cap);
    this.value = grown(this.value, this.cap);
  }
}
