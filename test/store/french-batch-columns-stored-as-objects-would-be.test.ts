/**
 * The Ken French importer keeps a file's observations as columns (model/observation-columns.ts) and
 * the DuckDB import stages them as they are. Hand-checked: a daily factor file (percent → fraction,
 * a missing value dropped) gives the columns worked out below without an object per value; reading
 * `observations` builds the objects (one provenance per line) and drops the columns. Second method:
 * the file written from its columns and from its objects leaves the same rows; two files of one
 * write that share a series (a revision of a stored value) give what writing them one by one gives.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dayToIso } from '../../src/model/days.ts';
import { FREQS, observationColumnsOf, observationCount, UNITS } from '../../src/model/observation-columns.ts';
import { french } from '../../src/sources/files/french.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';

const FILE = 'factors/F-F_Research_Data_Factors_daily.csv';
// Lines 1–6: a title, a blank, the header, three daily rows (SMB missing on line 5).
const text = (smbLast: string) =>
  ['This file was created using the 202604 CRSP database.', '', ',Mkt-RF,SMB,HML,RF', '20260120,    0.52,   -0.31,    0.10,    0.02', '20260121,   -1.05,  -99.99,    0.25,    0.02', `20260122,    0.33,   ${smbLast},   -0.07,    0.02`].join('\n');
const parse = (smbLast = '0.45', file = FILE) => french.parse({ path: file, relPath: file, text: text(smbLast), sha256: smbLast }, { lenient: false });
const stores: DuckDbStore[] = [];

afterAll(async () => {
  for (const s of stores) await s.close();
});

describe('French observations as columns', () => {
  it('holds the values as columns, row by row, without objects until asked', () => {
    const b = parse();
    expect(observationCount(b)).toBe(11);
    const c = observationColumnsOf(b)!;
    expect(c).toBeDefined();
    const rows = [...c.series].map((s, i) => [c.names[s], FREQS[c.freq[i]], dayToIso(c.day[i]), c.value[i], UNITS[c.unit[i]], c.line[i]]);
    expect(rows).toEqual([
      ['FF.Mkt-RF', 'D', '2026-01-20', 0.0052, 'fraction', 4],
      ['FF.SMB', 'D', '2026-01-20', -0.0031, 'fraction', 4],
      ['FF.HML', 'D', '2026-01-20', 0.001, 'fraction', 4],
      ['FF.RF', 'D', '2026-01-20', 0.0002, 'fraction', 4],
      ['FF.Mkt-RF', 'D', '2026-01-21', -0.0105, 'fraction', 5],
      ['FF.HML', 'D', '2026-01-21', 0.0025, 'fraction', 5],
      ['FF.RF', 'D', '2026-01-21', 0.0002, 'fraction', 5],
      ['FF.Mkt-RF', 'D', '2026-01-22', 0.0033, 'fraction', 6],
      ['FF.SMB', 'D', '2026-01-22', 0.0045, 'fraction', 6],
      ['FF.HML', 'D', '2026-01-22', -0.0007, 'fraction', 6],
      ['FF.RF', 'D', '2026-01-22', 0.0002, 'fraction', 6],
    ]);
    expect(b.warnings.map((w) => w.message)).toEqual(['FF.SMB: 1 missing value (-99.99 or -999) not stored (first at line 5)']);
    expect(observationColumnsOf(b)).toBe(c);
  });

  it('builds the objects on first read, one provenance per line, and then they are the batch’s observations', () => {
    const b = parse();
    const obs = b.observations;
    expect(observationColumnsOf(b)).toBeUndefined();
    expect(obs[1]).toEqual({ series: 'FF.SMB', freq: 'D', date: '2026-01-20', value: -0.0031, unit: 'fraction', prov: { source: 'french', file: FILE, line: 4 } });
    expect(obs[0].prov).toBe(obs[3].prov);
    expect(obs[4].prov).not.toBe(obs[3].prov);
    expect(obs.length).toBe(11);
  });

  it('stores the same rows from columns as from objects; a write of two files sharing a series is the one-by-one result', async () => {
    const [fromColumns, fromObjects, together, oneByOne] = await Promise.all([0, 1, 2, 3].map(() => DuckDbStore.open(':memory:')));
    stores.push(fromColumns, fromObjects, together, oneByOne);
    await fromColumns.writeBatches!([parse()]);
    const objects = parse();
    void objects.observations;
    await fromObjects.writeBatches!([objects]);
    const smb = async (s: DuckDbStore) => {
      const r = await s.getReturnSeries('FF.SMB', 'D');
      return [r.dates, [...r.ret]];
    };
    expect(await smb(fromColumns)).toEqual([['2026-01-20', '2026-01-22'], [-0.0031, 0.0045]]);
    expect(await smb(fromObjects)).toEqual(await smb(fromColumns));
    expect((await fromColumns.getReturnSeries('FF.Mkt-RF', 'D')).ret).toEqual((await fromObjects.getReturnSeries('FF.Mkt-RF', 'D')).ret);

    // The same series from two files in one write: the second revises 2026-01-22's SMB.
    const second = 'factors/copy/F-F_Research_Data_Factors_daily.csv';
    const r = await together.writeBatches!([parse('0.45'), parse('0.50', second)]);
    await oneByOne.writeBatches!([parse('0.45')]);
    const r2 = await oneByOne.writeBatches!([parse('0.50', second)]);
    expect(await smb(together)).toEqual([['2026-01-20', '2026-01-22'], [-0.0031, 0.005]]);
    expect(await smb(together)).toEqual(await smb(oneByOne));
    expect(r.map((x) => (x instanceof Error ? x.message : [x.rowsNew, x.rowsRevised]))).toEqual([[11, 0], [0, 1]]);
    expect(r2.map((x) => (x instanceof Error ? x.message : [x.rowsNew, x.rowsRevised]))).toEqual([[0, 1]]);
  });
});
