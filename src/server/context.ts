/**
 * What every route and page shares: the read-only cached store, the result cache, and `call`,
 * which runs one API endpoint (validation, computation, cache) for HTTP handlers and pages alike,
 * so a page shows exactly what the API returns for the URL it names.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { parseParams } from '../facts/params.ts';
import { UserError } from '../model/errors.ts';
import { openReadCache, type ReadCache } from '../store/read-cache.ts';
import type { MarketStore } from '../store/store.ts';
import { ENDPOINT_BY_PATH, type Endpoint } from './endpoints.ts';
import { HttpError } from './errors.ts';
import type { WorkerPool } from './pool.ts';
import { canonicalUrl, type Entry, ResultCache } from './results.ts';
import { ReadOnlyCachedStore } from './store-cache.ts';

export type Query = Record<string, string | string[] | undefined>;

/** Set (true) around work done ahead of requests (pages pre-rendered at start): its pool tasks yield to requests. */
export const BACKGROUND = new AsyncLocalStorage<boolean>();

export interface ServerOptions {
  /** Token for write endpoints (MARKETDASH_TOKEN). Without one, write endpoints answer 403. */
  token?: string | null;
  /** Largest accepted body of POST /api/check, bytes (default 512 KiB). */
  checkBodyLimit?: number;
  /** Host names accepted in the Host header (DNS-rebinding guard); null = any. */
  allowedHosts?: string[] | null;
  /** Answer reads from the store file's read cache while it is fresh (default true; MARKETDASH_READ_CACHE=0 turns it off). */
  readCache?: boolean;
  /**
   * Render the overview and the default pair page at start, so their first request is as fast as the
   * next: true (default) in the background, 'before-listen' before the server listens (what `serve` does), false not.
   */
  warm?: boolean | 'before-listen';
  /** Result cache bounds. */
  cacheEntries?: number;
  cacheBytes?: number;
  /** Worker threads for checks, reports and uncached facts (0: run them on the event loop; default: see pool.ts). */
  workers?: number;
  /** Tasks that may wait for a worker before requests get 503 + Retry-After. */
  maxQueue?: number;
  /** The socket of the server that owns the store file: pool workers ask it rather than open the file. */
  storeSocket?: string | null;
}

export class ServerContext {
  readonly store: ReadOnlyCachedStore;
  readonly results: ResultCache;
  readonly startedAt = new Date().toISOString();
  /** Worker pool for CPU-heavy work (null: computed on the event loop). */
  pool: WorkerPool | null = null;
  private watcher: NodeJS.Timeout | null = null;
  /** The store's read cache while reads are answered from it (null: from the store itself). */
  private cache: ReadCache | null = null;
  /** The pages rendered at start (and after an import): settles when they are. */
  warming: Promise<void> = Promise.resolve();
  /** A write went through this server since it started (its read cache is to be rebuilt when it stops). */
  wrote = false;

  constructor(
    private readonly inner: MarketStore,
    dataVersion: string,
    readonly opts: ServerOptions,
  ) {
    this.store = new ReadOnlyCachedStore(inner);
    this.results = new ResultCache({ dataVersion, maxEntries: opts.cacheEntries, maxBytes: opts.cacheBytes });
  }

  /**
   * Answer reads from the store file's read cache when it is present and fresh (as the CLI's read
   * commands do: no DuckDB query for a price series); the pool workers are told to use it too. Returns
   * whether it is used. What the cache does not answer goes to the store itself.
   */
  useReadCache(): boolean {
    this.dropReadCache();
    const cache = openReadCache(this.inner.location, () => Promise.resolve(this.inner));
    if (!cache) return false;
    this.cache = cache;
    this.store.setReader(cache);
    if (this.pool) this.pool.readCache = cache.stamp;
    return true;
  }

  /** The read cache's stamp while reads are answered from it, else null. */
  get readCacheStamp(): string | null {
    return this.cache?.stamp ?? null;
  }

  /**
   * Stop answering from the read cache (before a write, or when the store file changed under it): reads
   * go to the store itself, memoised reads are forgotten, the workers stop using it with their next task.
   */
  dropReadCache(): void {
    const cache = this.cache;
    if (!cache) return;
    this.cache = null;
    this.store.setReader(null);
    if (this.pool) this.pool.readCache = null;
    // Closed after any read already running on it.
    void this.store.direct(async () => cache.release());
  }

  /** A write is about to go through this server (its socket): never answer from the cache again until rebuilt. */
  beforeWrite(): void {
    this.wrote = true;
    this.dropReadCache();
  }

  /** Part of every ETag; changes when an import lands. */
  get dataVersion(): string {
    return this.results.dataVersion;
  }

  /** Re-read the data version from the store; on a change, drop every cached read and result. Returns true on a change. */
  async refresh(): Promise<boolean> {
    // Any change to the store file (a write not through this server's socket too) ends the cache's use.
    if (this.cache && !this.cache.isFresh()) this.dropReadCache();
    const v = await this.store.direct((s) => dataVersionOf(s));
    if (v === this.results.dataVersion) return false;
    this.forgetReads();
    this.results.setDataVersion(v);
    for (const fn of this.onChange) fn();
    return true;
  }

  /** Caches kept outside the context (rendered pages): dropped with the results, on a new data version or a clear. */
  private readonly onChange: (() => void)[] = [];
  onDataChange(fn: () => void): void {
    this.onChange.push(fn);
  }

  /** Poll the data version (other processes or machines import into a shared store). */
  watch(intervalMs: number): void {
    this.unwatch();
    this.watcher = setInterval(() => void this.refresh().catch(() => undefined), intervalMs);
    this.watcher.unref();
  }

  unwatch(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
  }

  /** Run the GET endpoint at `path` (OpenAPI-style, e.g. /api/bars/{symbol}) with a query. */
  call(path: string, query: Query): Promise<Entry> {
    const ep = ENDPOINT_BY_PATH.get(path);
    if (!ep) throw new Error(`no endpoint ${path}`);
    return this.run(ep, query);
  }

  run(ep: Endpoint, query: Query): Promise<Entry> {
    const clean: Query = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') clean[k] = v;
    let url = ep.path;
    const rest: Query = { ...clean };
    for (const p of ep.pathParams ?? []) {
      url = url.replace(`{${p}}`, encodeURIComponent(String(clean[p] ?? '')));
      delete rest[p];
    }
    const key = canonicalUrl(url, rest);
    const format = typeof clean.format === 'string' ? clean.format : undefined;
    const contentType = ep.contentType?.({ format });
    return this.results.get(
      key,
      async () => {
        const allowed = ep.schema.shape as Record<string, unknown>;
        for (const k of Object.keys(clean)) {
          if (!(k in allowed)) throw new HttpError(400, 'bad_input', `unknown parameter '${k}' (expected: ${Object.keys(allowed).join(', ')})`, k);
        }
        for (const [k, v] of Object.entries(clean)) {
          for (const x of Array.isArray(v) ? v : [v]) {
            if (typeof x === 'string' && hasControlChars(x)) throw new HttpError(400, 'bad_input', `${k}: control characters are not allowed`, k);
          }
        }
        const params = parseChecked(ep.schema, clean);
        return this.pool ? this.pool.run({ kind: 'endpoint', path: ep.path, params }, { background: BACKGROUND.getStore() === true }) : ep.run(this.store, params);
      },
      contentType,
    );
  }

  /** Forget the memoised store reads, here and in the pool's workers (with their next task). */
  private forgetReads(): void {
    this.store.clear();
    if (this.pool) this.pool.generation++;
  }

  /** Drop every cached result and store read. */
  clear(): void {
    this.results.clear();
    this.forgetReads();
    for (const fn of this.onChange) fn();
  }
}

function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * parseParams, but a schema that throws instead of reporting an issue (the shared date refinement
 * throws a RangeError on 'x' or 2026-13-01) is still a 400 naming the parameter, never a 500.
 */
function parseChecked(schema: Endpoint['schema'], raw: Query): Record<string, unknown> {
  try {
    return parseParams(schema, raw) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const shape = schema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
    for (const [k, field] of Object.entries(shape)) {
      if (!(k in raw)) continue;
      try {
        field.safeParse(raw[k]);
      } catch {
        let isDate = false;
        try {
          isDate = field.safeParse('2000-01-03').success;
        } catch {}
        const v = raw[k];
        const msg = !isDate ? 'invalid value' : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? 'not a real calendar date' : 'expected a date as YYYY-MM-DD';
        throw new HttpError(400, 'bad_input', `${k}: ${msg}`, k);
      }
    }
    throw e;
  }
}

/** A version string of the stored data (changes with every import), for ETags. */
export async function dataVersionOf(store: MarketStore): Promise<string> {
  try {
    const imports = await store.imports();
    const last = imports.at(-1);
    const s = `${imports.length}.${last?.id ?? 0}.${last?.sha256?.slice(0, 8) ?? ''}`;
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
    return `d${(h >>> 0).toString(36)}`;
  } catch {
    return `t${Date.now().toString(36)}`;
  }
}
