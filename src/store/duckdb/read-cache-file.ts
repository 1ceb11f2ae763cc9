/**
 * The read cache's file: `<store>.read-cache`, beside a DuckDB store, holding what the read commands
 * ask for (price bars per symbol and source, return series, holdings snapshots, fundamentals, flows,
 * source lists) so that a command can answer without loading DuckDB at all.
 *
 * Layout: 8 bytes magic, uint32 header length, the header (JSON), padding to 8 bytes, then the data
 * blocks (typed arrays, or JSON), each at an 8-byte aligned offset the header gives.
 *
 * Invalidation: the header records the stamp of the store file and of its write-ahead log (device,
 * inode, size, modification and change times in nanoseconds) taken when the cache was built. A reader
 * compares them with the files as they are now; any difference (an import, `sources prefer`, a
 * server's write, a checkpoint) makes the cache stale and it is not used. It is written to a temporary
 * file and renamed, so a reader holding the old one keeps reading a whole file.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import type { Adjustment, Flow, Fundamentals, Holding } from '../../model/types.ts';
import type { SourceInfo } from '../store.ts';

const MAGIC = 'MDRCACHE';
export const CACHE_VERSION = 1;

export const readCachePath = (db: string): string => `${db}.read-cache`;

/** What identifies one state of a file: changed by any write to it. */
type FileStamp = string | null;

function fileStamp(path: string): FileStamp {
  if (!existsSync(path)) return null;
  const s = statSync(path, { bigint: true });
  return [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(':');
}

/** The stamp of a store: its file and its write-ahead log. */
export function storeStamp(db: string): string {
  return `${fileStamp(db)}|${fileStamp(`${db}.wal`)}`;
}

/** One (symbol, source)'s bars: dates as days, then open, high, low, close, volume, adj_close, provisional flags. */
export interface BarBlock {
  at: number;
  /** Rows, provisional included. */
  n: number;
  /** Provisional rows (when > 0 the block ends with one byte per row, 1 = provisional). */
  prov: number;
  /** First and last date of the non-provisional rows (null when none). */
  npFirst: string | null;
  npLast: string | null;
  /** Import ids of the files the rows came from. */
  files: number[];
}

export interface ObsBlock {
  source: string;
  at: number;
  n: number;
  files: number[];
}

export interface HoldingSnap {
  fund: string;
  asOf: string;
  /** Rows of the snapshot (listHoldingSnapshots). */
  rows: number;
  /** The getHoldings answer for this snapshot: a JSON block. */
  block: JsonBlock;
}

export interface JsonBlock {
  at: number;
  len: number;
}

export interface CacheHeader {
  version: number;
  stamp: string;
  /** Price sources per symbol, in preference order (override, priority, name). */
  sources: Record<string, { source: string; priority: number; adjustment: Adjustment }[]>;
  /** listSources per symbol, as the store answers it. */
  listSources: Record<string, SourceInfo[]>;
  /** Bars by symbol, then source. */
  bars: Record<string, Record<string, BarBlock>>;
  /** Imported file names by import id. */
  files: Record<string, string>;
  /** series_meta: series → is_return. */
  seriesMeta: Record<string, boolean>;
  /** Observations by `series\u0000freq`, sources in name order. */
  obs: Record<string, ObsBlock[]>;
  /** Holdings snapshots, ordered by fund then date. */
  holdings: HoldingSnap[];
  /** symbol → indexes in `holdings` of the snapshots listing it. */
  members: JsonBlock;
  fundamentals: JsonBlock;
  flows: JsonBlock;
}

export type HoldingsAnswer = { asOf: string; source: string; file: string; rows: Holding[] };
export type { Flow, Fundamentals };

/** Collects the data blocks while the header is assembled; `write` puts both in the file. */
export class CacheWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): number {
    const at = this.size;
    this.parts.push(bytes);
    this.size += bytes.byteLength;
    const pad = (8 - (this.size % 8)) % 8;
    if (pad) {
      this.parts.push(new Uint8Array(pad));
      this.size += pad;
    }
    return at;
  }

  /** Typed arrays one after the other, each 8-byte aligned; returns the offset of the first. */
  arrays(list: (Int32Array | Float64Array | Uint8Array)[]): number {
    const at = this.size;
    for (const a of list) this.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    return at;
  }

  /** A JSON value; non-finite numbers are refused (JSON cannot carry them back). */
  json(value: unknown): JsonBlock {
    const text = JSON.stringify(value, (_k, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('read cache: a non-finite number in a JSON block');
      return v;
    });
    const bytes = Buffer.from(text, 'utf8');
    return { at: this.push(bytes), len: bytes.byteLength };
  }

  /** Write header and blocks to `path` (through a temporary file renamed over it). */
  write(path: string, header: CacheHeader): void {
    const head = Buffer.from(JSON.stringify(header), 'utf8');
    const lead = Buffer.alloc(12);
    lead.write(MAGIC, 0, 'latin1');
    lead.writeUInt32LE(head.byteLength, 8);
    const pad = (8 - ((12 + head.byteLength) % 8)) % 8;
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      for (const b of [lead, head, new Uint8Array(pad), ...this.parts]) writeSync(fd, b);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }
}

/** An open cache file: its header and reads of its blocks. */
export class CacheFile {
  private constructor(
    private readonly fd: number,
    readonly header: CacheHeader,
    private readonly dataStart: number,
  ) {}

  /** The cache of `db` when present, of this version and built from the store as it is now; else null. */
  static open(db: string): CacheFile | null {
    const path = readCachePath(db);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return null;
    }
    try {
      const lead = Buffer.alloc(12);
      if (fstatSync(fd).size < 12 || readSync(fd, lead, 0, 12, 0) !== 12 || lead.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a cache');
      const len = lead.readUInt32LE(8);
      const head = Buffer.alloc(len);
      if (readSync(fd, head, 0, len, 12) !== len) throw new Error('short header');
      const header = JSON.parse(head.toString('utf8')) as CacheHeader;
      if (header.version !== CACHE_VERSION || header.stamp !== storeStamp(db)) throw new Error('stale');
      return new CacheFile(fd, header, 12 + len + ((8 - ((12 + len) % 8)) % 8));
    } catch {
      closeSync(fd);
      return null;
    }
  }

  bytes(at: number, len: number): ArrayBuffer {
    const buf = new ArrayBuffer(len);
    if (len > 0 && readSync(this.fd, new Uint8Array(buf), 0, len, this.dataStart + at) !== len) throw new Error('read cache: short read');
    return buf;
  }

  json<T>(b: JsonBlock): T {
    return JSON.parse(Buffer.from(this.bytes(b.at, b.len)).toString('utf8')) as T;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Byte length of a bars block of n rows (prov > 0: with the provisional flags). */
export function barBlockLayout(n: number, prov: number): { colsAt: number; flagsAt: number; len: number } {
  const colsAt = Math.ceil((4 * n) / 8) * 8;
  const flagsAt = colsAt + 6 * 8 * n;
  return { colsAt, flagsAt, len: flagsAt + (prov > 0 ? n : 0) };
}

export function removeReadCache(db: string): void {
  rmSync(readCachePath(db), { force: true });
}
