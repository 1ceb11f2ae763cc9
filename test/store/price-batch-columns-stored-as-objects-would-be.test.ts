/**
 * The price importer keeps a file's bars as columns (model/bar-columns.ts) and the DuckDB import
 * stages them as they are. Hand-checked: a file with its rows out of order, an identical duplicate and
 * a weekend row gives the columns worked out below, without an object per bar; reading `bars` builds
 * the objects (the same values, provenance and order) and from then on those objects are the batch's
 * bars, so a change made to one is what a writer stores. Second method: the same file written once
 * from its columns and once from its objects leaves the same rows in the store.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { barColumnsOf, barCount } from '../../src/model/bar-columns.ts';
import { dayToIso } from '../../src/model/days.ts';
import { priceCsvImporter } from '../../src/sources/files/price-csv.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';

// Lines 2–6. 2026-01-17 is a Saturday; line 5 repeats line 3 exactly; line 6 comes before line 2 in date order.
const TEXT = [
  'date,open,high,low,close,volume',
  '2026-01-21,10.5,11,10,10.8,120',
  '2026-01-20,10,11,9,10.5,100',
  '2026-01-17,9.5,10,9,9.8,50',
  '2026-01-20,10,11,9,10.5,100',
  '2026-01-16,9,9.6,8.9,9.4,80',
].join('\n');

const parse = () => priceCsvImporter.parse({ path: 'prices/ZZT.csv', relPath: 'prices/ZZT.csv', text: TEXT, sha256: 'x' }, { lenient: false });
const stores: DuckDbStore[] = [];

afterAll(async () => {
  for (const s of stores) await s.close();
});

describe('price batch as columns', () => {
  it('holds the kept rows sorted by date as columns, with the warnings, and no objects until asked', () => {
    const b = parse();
    expect(barCount(b)).toBe(4);
    const c = barColumnsOf(b)!;
    expect(c).toBeDefined();
    expect(c.symbols).toEqual(['ZZT']);
    expect([...c.runStart]).toEqual([0, 4]);
    expect([...c.day].map(dayToIso)).toEqual(['2026-01-16', '2026-01-17', '2026-01-20', '2026-01-21']);
    expect([...c.line]).toEqual([6, 4, 3, 2]);
    expect([...c.close]).toEqual([9.4, 9.8, 10.5, 10.8]);
    expect([...c.volume]).toEqual([80, 50, 100, 120]);
    expect(c.adjClose.every(Number.isNaN)).toBe(true);
    expect([...c.provisional]).toEqual([0, 0, 0, 0]);
    expect(b.warnings.map((w) => w.message)).toEqual([
      'ZZT: rows were not in date order; sorted',
      'ZZT: duplicate of line 3 (2026-01-20), identical; kept one',
      'ZZT: 1 date(s) are not NYSE sessions: 2026-01-17 (line 4)',
    ]);
    // Still columns: nothing above read `bars`.
    expect(barColumnsOf(b)).toBe(c);
  });

  it('builds the same bars as objects on first read, and then the objects are the batch’s bars', () => {
    const b = parse();
    const bars = b.bars;
    expect(barColumnsOf(b)).toBeUndefined();
    expect(b.bars).toBe(bars);
    expect(bars[0]).toEqual({
      symbol: 'ZZT',
      date: '2026-01-16',
      open: 9,
      high: 9.6,
      low: 8.9,
      close: 9.4,
      adjClose: null,
      volume: 80,
      adjustment: b.bars[0].adjustment,
      provisional: false,
      prov: { source: b.source, file: 'prices/ZZT.csv', line: 6 },
    });
    expect(bars.map((x) => [x.date, x.prov.line])).toEqual([
      ['2026-01-16', 6],
      ['2026-01-17', 4],
      ['2026-01-20', 3],
      ['2026-01-21', 2],
    ]);
    expect(barCount(b)).toBe(4);
  });

  it('stores the same rows from columns as from objects, and stores a change made to an object', async () => {
    const fromColumns = await DuckDbStore.open(':memory:');
    const fromObjects = await DuckDbStore.open(':memory:');
    const changed = await DuckDbStore.open(':memory:');
    stores.push(fromColumns, fromObjects, changed);
    await fromColumns.writeBatches!([parse()]);
    const objects = parse();
    void objects.bars; // built: the columns are dropped
    await fromObjects.writeBatches!([objects]);
    const edited = parse();
    edited.bars[3].close = 10.9; // within [low 10, high 11]
    await changed.writeBatches!([edited]);

    const a = await fromColumns.getPriceSeries('ZZT');
    const o = await fromObjects.getPriceSeries('ZZT');
    expect(a.dates).toEqual(['2026-01-16', '2026-01-17', '2026-01-20', '2026-01-21']);
    expect([...a.close]).toEqual([9.4, 9.8, 10.5, 10.8]);
    expect([...a.open!]).toEqual([9, 9.5, 10, 10.5]);
    expect([...a.volume!]).toEqual([80, 50, 100, 120]);
    expect({ ...a, notes: undefined }).toEqual({ ...o, notes: undefined });
    expect([...(await changed.getPriceSeries('ZZT')).close]).toEqual([9.4, 9.8, 10.5, 10.9]);
  });
});
