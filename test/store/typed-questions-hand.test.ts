/**
 * The typed questions the facts and report layers ask the store (they replaced raw SQL above
 * src/store/). Hand-built batches, every answer worked out by hand. A PostgreSQL store must pass
 * the same cases (the `cases` function takes any MarketStore).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyBatch, type ImportBatch } from '../../src/model/batch.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { memoryStore } from '../helpers/temp.ts';

function bars(file: string, source: string, symbol: string, rows: [string, number, boolean?][]): ImportBatch {
  const b = emptyBatch('test', source, file, `sha-${file}`);
  b.instruments.push({ symbol, name: null, kind: 'stock' });
  rows.forEach(([date, close, provisional], i) => {
    b.bars.push({
      symbol, date, open: null, high: null, low: null, close, adjClose: null, volume: null,
      adjustment: 'split+dividend', provisional: provisional ?? false, prov: { source, file, line: i + 2 },
    });
  });
  return b;
}

function holdings(file: string, fund: string, asOf: string, members: [string, string | null][]): ImportBatch {
  const b = emptyBatch('test', 'file:holdings', file, `sha-${file}`);
  members.forEach(([symbol, assetClass], i) => {
    b.holdings.push({
      fund, asOf, symbol, name: null, sector: null, subIndustry: null, assetClass, weight: 0.1, shares: null,
      marketValue: null, price: null, prov: { source: 'file:holdings', file, line: i + 2 },
    });
  });
  return b;
}

describe('typed store questions (hand cases)', () => {
  let store: MarketStore;
  beforeAll(async () => {
    store = await memoryStore();
    await store.writeBatch(bars('prices/AAA.csv', 'file:prices', 'AAA', [['2026-01-02', 10], ['2026-01-05', 11], ['2026-01-06', 12, true]]));
    await store.writeBatch(bars('alt/AAA.csv', 'file:alt', 'AAA', [['2026-01-02', 10.1]]));
    await store.writeBatch(bars('panel/BBB.csv', 'panel', 'BBB', [['2026-01-02', 5], ['2026-01-05', 6]]));
    await store.writeBatch(bars('panel/CCC.csv', 'panel', 'CCC', [['2026-01-05', 7], ['2026-01-07', 8]]));
    await store.writeBatch(holdings('h/FUND-1.csv', 'FUND', '2025-12-31', [['AAA', 'Equity'], ['BBB', null], ['CASH', 'Cash']]));
    await store.writeBatch(holdings('h/FUND-2.csv', 'FUND', '2026-01-05', [['BBB', 'Equity'], ['CCC', 'Equity']]));
    await store.writeBatch(holdings('h/OTHER.csv', 'OTHER', '2026-01-02', [['AAA', 'Equity']]));
    const f = emptyBatch('test', 'file:ff', 'ff/daily.csv', 'sha-ff');
    f.seriesMeta.push({ series: 'FF.SMB', kind: 'factor', name: 'SMB', unit: 'fraction', isReturn: true });
    f.seriesMeta.push({ series: 'DGS10', kind: 'macro', name: '10y', unit: 'percent', isReturn: false });
    f.observations.push({ series: 'FF.SMB', freq: 'D', date: '2026-01-02', value: 0.001, unit: 'fraction', prov: { source: 'file:ff', file: 'ff/daily.csv', line: 5 } });
    f.observations.push({ series: 'DGS10', freq: 'D', date: '2026-01-02', value: 4.1, unit: 'percent', prov: { source: 'file:ff', file: 'ff/daily.csv', line: 6 } });
    await store.writeBatch(f);
  });
  afterAll(async () => store.close());

  it('resolveName: a price symbol by exact match, else a return series ignoring case, else null', async () => {
    expect(await store.resolveName({ symbol: 'AAA', series: 'aaa' })).toEqual({ kind: 'price', id: 'AAA' });
    expect(await store.resolveName({ symbol: 'FF.SMB', series: 'ff.smb' })).toEqual({ kind: 'returns', id: 'FF.SMB' });
    // DGS10 is stored but holds levels, not returns: not a name these layers can load as returns.
    expect(await store.resolveName({ symbol: 'DGS10', series: 'dgs10' })).toBeNull();
    expect(await store.resolveName({ symbol: 'ZZZ', series: 'zzz' })).toBeNull();
  });

  it('provenanceOf: files of the listed sources, provisional rows of the first source only', async () => {
    expect(await store.provenanceOf({ kind: 'price', symbol: 'AAA', sources: ['file:prices'] })).toEqual({
      files: [{ file: 'prices/AAA.csv', source: 'file:prices' }],
      provisional: 1,
    });
    const both = await store.provenanceOf({ kind: 'price', symbol: 'AAA', sources: ['file:alt', 'file:prices'] });
    expect(both).toEqual({
      files: [
        { file: 'alt/AAA.csv', source: 'file:alt' },
        { file: 'prices/AAA.csv', source: 'file:prices' },
      ],
      provisional: 0,
    });
    expect(await store.provenanceOf({ kind: 'returns', series: 'FF.SMB', freq: 'D', source: 'file:ff' })).toEqual({
      files: [{ file: 'ff/daily.csv', source: 'file:ff' }],
      provisional: 0,
    });
    expect(await store.provenanceOf({ kind: 'price', symbol: 'NOPE', sources: ['x'] })).toEqual({ files: [], provisional: 0 });
  });

  it('holdingsContaining: latest snapshot on or before the date that lists the symbol, per fund', async () => {
    expect(await store.holdingsContaining('AAA')).toEqual([
      { fund: 'FUND', asOf: '2025-12-31' },
      { fund: 'OTHER', asOf: '2026-01-02' },
    ]);
    expect(await store.holdingsContaining('BBB', '2026-01-04')).toEqual([{ fund: 'FUND', asOf: '2025-12-31' }]);
    expect(await store.holdingsContaining('BBB', '2026-01-05')).toEqual([{ fund: 'FUND', asOf: '2026-01-05' }]);
    expect(await store.holdingsContaining('AAA', '2025-12-30')).toEqual([]);
  });

  it('panelMembers and sourceSpan: symbols and non-provisional date range of one source', async () => {
    expect(await store.panelMembers('panel')).toEqual(['BBB', 'CCC']);
    expect(await store.panelMembers('none')).toEqual([]);
    expect(await store.sourceSpan('panel')).toEqual({ first: '2026-01-02', last: '2026-01-07' });
    // AAA's 2026-01-06 row is provisional: the span ends on 01-05.
    expect(await store.sourceSpan('file:prices')).toEqual({ first: '2026-01-02', last: '2026-01-05' });
    expect(await store.sourceSpan('none')).toBeNull();
  });

  it('holdingsPricedOn: equity members (or unknown class) with a close that day', async () => {
    // 2025-12-31 snapshot: AAA (Equity), BBB (unknown → equity), CASH (not equity).
    // 2026-01-02: AAA and BBB both have closes → 2; 2026-01-05: AAA 11, BBB 6 → 2; 2026-01-06: AAA's row is provisional → 0.
    expect(await store.holdingsPricedOn('FUND', '2025-12-31', '2026-01-02')).toBe(2);
    expect(await store.holdingsPricedOn('FUND', '2025-12-31', '2026-01-06')).toBe(0);
    // 2026-01-05 snapshot: BBB, CCC; on 2026-01-07 only CCC has a close.
    expect(await store.holdingsPricedOn('FUND', '2026-01-05', '2026-01-07')).toBe(1);
    expect(await store.holdingsPricedOn('FUND', '2026-01-05', '2026-01-05')).toBe(2);
  });
});
