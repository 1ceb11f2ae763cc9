/**
 * In-memory cache of computed results, keyed by canonical URL. The store is read-only while
 * serving, so a result (or a user error) for a URL never changes: it is computed once, serialised
 * once, and served with a strong ETag. Concurrent requests for the same URL share one computation.
 * Bounded by entries and bytes (least recently used out first).
 */
import { createHash } from 'node:crypto';
import { toJson } from '../format/json.ts';
import { errorResponse } from './errors.ts';

export interface Entry {
  /** Canonical URL of the result (what to GET to see the same JSON). */
  key: string;
  status: number;
  /** The JSON text sent. */
  body: string;
  /** The result as an object (typed arrays already plain), or the error body. */
  value: unknown;
  etag: string;
  contentType: string;
  /** The body compressed (br / gzip), and as UTF-8 bytes, filled on first use by send(). */
  encoded?: Partial<Record<'br' | 'gzip', Uint8Array>>;
  raw?: Uint8Array;
  /** Extra headers of an error response (Retry-After on 503). */
  headers?: Record<string, string>;
}

/**
 * A result already serialised (toJson) by a pool worker: the event loop only keeps the text, and parses
 * it back into `Entry.value` if and when a page reads it.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** An entry whose `value` is parsed from its JSON body on first read. */
function jsonEntry(e: Omit<Entry, 'value'>): Entry {
  let parsed: { v: unknown } | null = null;
  return Object.defineProperty(e, 'value', {
    enumerable: true,
    get() {
      parsed ??= { v: JSON.parse(e.body) };
      return parsed.v;
    },
  }) as Entry;
}

export interface ResultCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** Part of every ETag: changes when the stored data changes. */
  dataVersion: string;
}

export class ResultCache {
  private readonly map = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  hits = 0;
  misses = 0;
  /** Bumped when the data changes: a computation started before that is answered but not cached. */
  private generation = 0;

  constructor(private readonly opts: ResultCacheOptions) {
    this.maxEntries = opts.maxEntries ?? 2000;
    this.maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
  }

  etagFor(body: string): string {
    return `"${this.opts.dataVersion}-${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  }

  /** Whether an answer for `key` is cached (nothing computed, not counted as a hit). */
  has(key: string): boolean {
    return this.map.has(key);
  }

  /** The cached entry for `key`, computing it with `compute` on a miss. Never throws. */
  async get(key: string, compute: () => Promise<unknown>, contentType = 'application/json; charset=utf-8'): Promise<Entry> {
    const hit = this.map.get(key);
    if (hit) {
      this.hits++;
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const inflight = this.pending.get(key);
    if (inflight) return inflight;
    this.misses++;
    const p = this.compute(key, compute, contentType);
    this.pending.set(key, p);
    try {
      return await p;
    } finally {
      this.pending.delete(key);
    }
  }

  private async compute(key: string, compute: () => Promise<unknown>, contentType: string): Promise<Entry> {
    const gen = this.generation;
    let entry: Entry;
    try {
      const result = await compute();
      if (typeof result === 'string') entry = { key, status: 200, body: result, value: result, etag: this.etagFor(result), contentType };
      else {
        const body = result instanceof JsonText ? result.text : toJson(result, 0);
        entry = jsonEntry({ key, status: 200, body, etag: this.etagFor(body), contentType: 'application/json; charset=utf-8' });
      }
    } catch (e) {
      const r = errorResponse(e);
      const body = JSON.stringify(r.body);
      entry = { key, status: r.status, body, value: r.body, etag: '', contentType: 'application/json; charset=utf-8', headers: r.headers };
      if (r.status >= 500) return entry; // not cached: may be transient
    }
    if (gen === this.generation) this.put(entry);
    return entry;
  }

  private put(e: Entry): void {
    const size = e.body.length * 2 + 256; // the compressed copies are a fraction of this
    if (size > this.maxBytes / 4) return; // too big to keep
    this.map.set(e.key, e);
    this.bytes += size;
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next().value as string;
      const old = this.map.get(oldest)!;
      this.map.delete(oldest);
      this.bytes -= old.body.length * 2 + 256;
    }
  }

  clear(): void {
    this.map.clear();
    this.pending.clear();
    this.bytes = 0;
    this.generation++;
  }

  get dataVersion(): string {
    return this.opts.dataVersion;
  }

  /** New data underneath: new ETags, nothing cached from before. */
  setDataVersion(v: string): void {
    this.opts.dataVersion = v;
    this.clear();
  }

  stats() {
    return { entries: this.map.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }
}

/** Canonical URL: path plus the query with keys sorted (values in given order), empty values dropped. */
export function canonicalUrl(path: string, query: Record<string, string | string[] | undefined>): string {
  const parts: string[] = [];
  for (const k of Object.keys(query).sort()) {
    const v = query[k];
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(x).replace(/%2C/g, ',').replace(/%3A/g, ':')}`);
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}
