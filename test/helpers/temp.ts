/** Test helpers: temp folders with hand-written files, temp stores, the real data folder. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA_DIR = process.env.MARKETDASH_DATA ?? resolve(REPO_ROOT, '..', 'shared', 'data');

export function tempDir(prefix = 'md-test-'): { dir: string; write: (rel: string, content: string | Uint8Array) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(rel, content) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function memoryStore(): Promise<DuckDbStore> {
  return DuckDbStore.open(':memory:');
}

/** A fingerprint of everything stored, to assert that a failed import changed nothing. */
export async function storeFingerprint(store: DuckDbStore): Promise<string> {
  const tables = ['imports', 'instruments', 'price_sources', 'bars', 'series_meta', 'observations', 'holdings', 'fundamentals', 'flows'];
  const parts: string[] = [];
  for (const t of tables) {
    const r = await store.sql(`SELECT count(*) AS n, coalesce(sum(hash(columns(*))), 0)::VARCHAR AS h FROM (SELECT * FROM ${t})`);
    parts.push(`${t}:${JSON.stringify(r[0])}`);
  }
  return parts.join('|');
}
