/**
 * Benchmark plumbing shared by the sections: the section contract, the context (data folder, temp
 * folder, the store built by the import section), timing with warm-up and repetitions, formatting.
 * Benchmarks are not tests: nothing here fails on a slow figure; checks are printed as agree yes/no.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../src/store/ingest.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Same rule as the CLI: MARKETDASH_DATA, else ../shared/data beside the project. */
export const DATA_DIR = resolve(process.env.MARKETDASH_DATA ?? resolve(REPO_ROOT, '..', 'shared', 'data'));

// ---------------------------------------------------------------------------------------------
// Timing

export interface Stat {
  /** Timed repetitions (warm-up runs excluded). */
  n: number;
  warmup: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

export interface MeasureOptions {
  /** Untimed runs first (JIT, caches). Default 1. */
  warmup?: number;
  /** Timed runs always done. Default 3. */
  minReps?: number;
  /** Timed runs at most. Default = minReps. */
  maxReps?: number;
  /** After minReps, keep repeating (up to maxReps) while the next run is expected to end within this budget (ms, timed runs only). */
  budgetMs?: number;
  /** Called before each run (warm-up or timed), untimed: e.g. to create a fresh store file. */
  before?: (run: number) => Promise<void> | void;
  /** Called after each run, untimed. */
  after?: (run: number) => Promise<void> | void;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function statOf(samplesMs: number[], warmup: number): Stat {
  return {
    n: samplesMs.length,
    warmup,
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    samplesMs: samplesMs.map((x) => Math.round(x * 1000) / 1000),
  };
}

/** Global overrides from the command line (--quick). */
export const timingOverrides: { quick: boolean } = { quick: false };

/** Run `fn` after warm-ups a few times; returns the statistics and the last result. */
export async function measure<T>(
  fn: () => Promise<T> | T,
  opts: MeasureOptions = {},
): Promise<{ stat: Stat; last: T }> {
  const quick = timingOverrides.quick;
  const warmup = quick ? 0 : (opts.warmup ?? 1);
  const minReps = quick ? 1 : (opts.minReps ?? 3);
  const maxReps = quick ? 1 : Math.max(minReps, opts.maxReps ?? minReps);
  const budget = opts.budgetMs ?? Number.POSITIVE_INFINITY;
  let run = 0;
  let last: T | undefined;
  for (let i = 0; i < warmup; i++) {
    await opts.before?.(run);
    last = await fn();
    await opts.after?.(run++);
  }
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < maxReps) {
    if (samples.length >= minReps && spent + median(samples) > budget) break;
    await opts.before?.(run);
    const t0 = performance.now();
    last = await fn();
    const dt = performance.now() - t0;
    await opts.after?.(run++);
    samples.push(dt);
    spent += dt;
  }
  return { stat: statOf(samples, warmup), last: last as T };
}

// ---------------------------------------------------------------------------------------------
// Results

export type Extra = Record<string, number | string | boolean | null>;

export interface ResultRow {
  /** What was measured, e.g. `import: whole data folder`. */
  name: string;
  stat: Stat | null;
  /** A derived figure for the table, e.g. `35,120 rows/s · 1.9 MB/s`. */
  figure?: string;
  /** Short remark for the table (what the call returned, what is included). */
  note?: string;
  /** Numbers for results.json (rows, bytes, rows/s, ratios…). */
  extra?: Extra;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SectionResult {
  rows: ResultRow[];
  checks: Check[];
  notes: string[];
}

export interface BenchSection {
  id: string;
  title: string;
  /** Why the section cannot run here (its module is missing…), or null. */
  skipReason?(ctx: BenchContext): Promise<string | null> | string | null;
  run(ctx: BenchContext): Promise<SectionResult>;
}

export function emptyResult(): SectionResult {
  return { rows: [], checks: [], notes: [] };
}

// ---------------------------------------------------------------------------------------------
// Context

export class BenchContext {
  readonly dataDir = DATA_DIR;
  readonly repoRoot = REPO_ROOT;
  /** Temp folder for store files and reports; removed at the end unless BENCH_KEEP=1. */
  readonly workDir = mkdtempSync(join(tmpdir(), 'marketdash-bench-'));
  /** The store the import section built (full data folder), reused by later sections. */
  store: DuckDbStore | null = null;
  storePath: string | null = null;
  /** Rows read by the full import (set by the import section). */
  importedRows: number | null = null;

  /** The store built from the whole data folder; imports it (untimed) when the import section did not run. */
  async ensureStore(log: (s: string) => void): Promise<DuckDbStore> {
    if (this.store) return this.store;
    const given = process.env.BENCH_STORE;
    if (given) {
      log(`  (using the existing store ${given} from BENCH_STORE)`);
      this.store = await DuckDbStore.open(resolve(given));
      this.storePath = resolve(given);
      return this.store;
    }
    const path = join(this.workDir, 'store-untimed.duckdb');
    log(`  (building a store from ${this.dataDir} first, untimed: the import section did not run)`);
    const store = await DuckDbStore.open(path);
    const s = await importPaths(store, [this.dataDir], { dataRoot: this.dataDir, lenient: false });
    if (s.totals.failed > 0) throw new Error(`${s.totals.failed} file(s) failed to import`);
    this.store = store;
    this.storePath = path;
    this.importedRows = s.totals.rowsRead;
    return store;
  }

  /** Close the store (another process needs the file); returns its path. */
  async releaseStore(): Promise<string> {
    if (!this.store || !this.storePath) throw new Error('no store to release');
    await this.store.close();
    this.store = null;
    return this.storePath;
  }

  /** Open the released store again. */
  async reopenStore(): Promise<DuckDbStore> {
    if (this.store) return this.store;
    if (!this.storePath) throw new Error('no store to reopen');
    this.store = await DuckDbStore.open(this.storePath);
    return this.store;
  }

  srcExists(rel: string): boolean {
    return existsSync(join(this.repoRoot, rel));
  }

  async cleanup(): Promise<void> {
    if (this.store) await this.store.close();
    this.store = null;
    if (process.env.BENCH_KEEP !== '1') rmSync(this.workDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtInt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

export function fmtRate(count: number, ms: number, unit: string): string {
  const perSec = count / (ms / 1000);
  return `${perSec >= 100 ? fmtInt(perSec) : perSec.toFixed(2)} ${unit}/s`;
}

export const MB = 1024 * 1024;

/** A plain text table; the columns listed in `right` are right-aligned. */
export function textTable(head: string[], rows: string[][], right: number[] = []): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    head
      .map((_, i) => (right.includes(i) ? (cells[i] ?? '').padStart(w[i]) : (cells[i] ?? '').padEnd(w[i])))
      .join('  ')
      .trimEnd();
  return [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}
