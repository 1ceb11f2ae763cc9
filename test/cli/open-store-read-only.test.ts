/** `openStore(opts, { readOnly: true })` is really read-only: no file is created, writes fail, two readers share a file. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/context.ts';
import { emptyBatch } from '../../src/model/batch.ts';
import { tempDir } from '../helpers/temp.ts';

describe('openStore readOnly', () => {
  const tmp = tempDir('md-ro-');
  afterAll(() => tmp.cleanup());

  it('a missing store is a not-found error and no file is created', async () => {
    const db = join(tmp.dir, 'missing.duckdb');
    await expect(openStore({ db }, { readOnly: true })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no store at/) });
    expect(existsSync(db)).toBe(false);
  });

  it('writes fail on a read-only store; two read-only opens share the file', async () => {
    const db = join(tmp.dir, 'store.duckdb');
    const w = await openStore({ db });
    const b = emptyBatch('test', 'file:x', 'x.csv', 'sha-x');
    b.instruments.push({ symbol: 'X', name: null, kind: 'stock' });
    await w.close();
    const r1 = await openStore({ db }, { readOnly: true });
    const r2 = await openStore({ db }, { readOnly: true });
    try {
      expect(await r1.schemaVersion()).toBeGreaterThan(0);
      await expect(r1.writeBatch(b)).rejects.toThrow(/read-only|read only/i);
      expect(await r2.listSeries()).toEqual([]);
    } finally {
      await r1.close();
      await r2.close();
    }
  });
});
