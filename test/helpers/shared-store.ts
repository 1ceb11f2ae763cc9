/**
 * Shared store fixtures: each distinct set of real files is imported ONCE per test run into a DuckDB
 * file, whichever test file asks first; every other test file that names the same set (same files,
 * same order, same hand-written extras) gets that file instead of importing again. Sets are kept
 * apart rather than merged into one union, so a test never sees a symbol it did not ask for (several
 * depend on what is absent: missing-data reports, the checker's proxies, the alerts' symbol lists).
 *
 * The slow project's global setup (test/global-store.ts) makes the folder for the run and provides it
 * as `sharedStoreDir`; builders in different worker processes coordinate through an exclusive lock
 * file and an atomic rename, so a half-built store is never opened. Readers open the file read-only
 * (`openSharedStore`); a test that writes, spawns a command that may write, or keeps files beside the
 * store (alerts state, a server's socket) takes a private copy (`copySharedStore`, a few ms).
 * Without the global setup (the fast project, a script), each call imports into a private temp file.
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { DATA_DIR, tempDir } from './temp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of this run's shared stores (test/global-store.ts); empty outside the slow project. */
    sharedStoreDir: string;
  }
}

/** A hand-written file imported with the real ones (path relative to a temp data folder). */
export interface ExtraFile {
  rel: string;
  content: string;
}

/**
 * Import real files (relative to the data folder) plus hand-written extras into a new DuckDB file.
 * The extras are written under `extraDir` (default: the store's folder) and stay there, as the
 * import's provenance names them.
 */
export async function importInto(path: string, files: string[], extra: ExtraFile[] = [], extraDir = dirname(path)): Promise<void> {
  const paths = files.map((f) => join(DATA_DIR, f));
  for (const e of extra) {
    const p = join(extraDir, e.rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, e.content);
    paths.push(p);
  }
  const w = await DuckDbStore.open(path);
  const summary = await importPaths(w, paths, { dataRoot: DATA_DIR, lenient: false }).finally(() => w.close());
  const failed = summary.files.filter((f) => f.status === 'failed');
  if (failed.length) throw new Error(`test store: import failed: ${failed.map((f) => `${f.file}: ${f.error}`).join('; ')}`);
}

function sharedDir(): string | undefined {
  try {
    return inject('sharedStoreDir') || undefined;
  } catch {
    return undefined; // not inside a vitest worker
  }
}

const keyOf = (files: string[], extra: ExtraFile[]) =>
  createHash('sha256').update(JSON.stringify({ files, extra })).digest('hex').slice(0, 16);

/**
 * Path of the run's shared store holding exactly `files` (+ `extra`), built on first use. Returns
 * undefined outside the slow project (no run folder): callers then import privately.
 */
export async function sharedStorePath(files: string[], extra: ExtraFile[] = []): Promise<string | undefined> {
  const dir = sharedDir();
  if (!dir) return undefined;
  const key = keyOf(files, extra);
  const ready = join(dir, `${key}.duckdb`);
  const failed = join(dir, `${key}.failed`);
  if (existsSync(ready)) return ready;
  let lock: number;
  try {
    lock = openSync(join(dir, `${key}.lock`), 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another test file is building this set: wait for it (the hook timeout bounds the wait).
    while (!existsSync(ready)) {
      if (existsSync(failed)) throw new Error(`shared store ${files.join(', ')}: ${readFileSync(failed, 'utf8')}`);
      await sleep(50);
    }
    return ready;
  }
  try {
    const building = join(dir, `${key}.building.duckdb`);
    await importInto(building, files, extra, join(dir, `${key}-files`));
    if (existsSync(`${building}.wal`)) throw new Error(`shared store ${key}: write-ahead log left after close`);
    renameSync(building, ready);
    return ready;
  } catch (e) {
    writeFileSync(failed, String((e as Error).message ?? e));
    throw e;
  } finally {
    closeSync(lock);
  }
}

/** The shared store for `files`, opened read-only (as read commands and `serve` open it). */
export async function openSharedStore(files: string[], extra: ExtraFile[] = []): Promise<{ path: string; store: DuckDbStore; cleanup: () => Promise<void> }> {
  const shared = await sharedStorePath(files, extra);
  if (shared) {
    const store = await DuckDbStore.open(shared, { readOnly: true });
    return { path: shared, store, cleanup: () => store.close() };
  }
  return openPrivateStore('md-store-', (path) => importInto(path, files, extra));
}

/**
 * A store in a new temp folder (`store.duckdb`, written by `fill`), opened read-only; `cleanup`
 * closes it and removes the folder.
 */
export async function openPrivateStore(prefix: string, fill: (path: string) => Promise<void>): Promise<{ path: string; store: DuckDbStore; cleanup: () => Promise<void> }> {
  const tmp = tempDir(prefix);
  const path = join(tmp.dir, 'store.duckdb');
  try {
    await fill(path);
  } catch (e) {
    tmp.cleanup();
    throw e;
  }
  const store = await DuckDbStore.open(path, { readOnly: true });
  return {
    path,
    store,
    cleanup: async () => {
      await store.close();
      tmp.cleanup();
    },
  };
}

/** A private copy of the shared store for `files` at `dest` (imported there directly without the global setup). */
export async function copySharedStore(files: string[], dest: string, extra: ExtraFile[] = []): Promise<void> {
  const shared = await sharedStorePath(files, extra);
  if (!shared) return importInto(dest, files, extra);
  rmSync(dest, { force: true });
  copyFileSync(shared, dest);
}
