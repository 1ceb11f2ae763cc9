/**
 * Real Ken French daily factor files (202604 CRSP vintage): FF3 daily, FF5 daily, momentum daily.
 * Expected counts and values were worked out from the raw files independently (awk/grep on the files,
 * SOURCES-reference.md), and are re-derived here with a regex over the raw text as a second method.
 */
import { describe, expect, it } from 'vitest';
import type { ImportBatch } from '../../../src/model/batch.ts';
import { Observation, SeriesMeta } from '../../../src/model/types.ts';
import { french } from '../../../src/sources/files/french.ts';
import { headOf, loadInput, rawText } from './helpers.ts';

function seriesStats(b: ImportBatch) {
  const m = new Map<string, { n: number; first: string; last: string; freq: string }>();
  for (const o of b.observations) {
    const k = `${o.series}|${o.freq}`;
    const s = m.get(k);
    if (!s) m.set(k, { n: 1, first: o.date, last: o.date, freq: o.freq });
    else {
      s.n++;
      s.last = o.date;
    }
  }
  return m;
}

function valueAt(b: ImportBatch, series: string, date: string) {
  return b.observations.find((o) => o.series === series && o.date === date);
}

/** Second method: count the dated rows directly in the raw text. */
function countIsoRows(text: string): number {
  return text.split(/\r?\n/).filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l)).length;
}

describe('french: FF3 daily (F-F_Research_Data_Factors_daily.csv)', () => {
  const rel = 'factors/F-F_Research_Data_Factors_daily.csv';
  const input = loadInput(rel);
  const b = french.parse(input, { lenient: false });
  const stats = seriesStats(b);

  it('is detected', () => {
    expect(french.detect({ relPath: rel, head: headOf(input.text) })).toBe(true);
    // By content alone too (header `Date,Mkt-RF,...`).
    expect(french.detect({ relPath: 'upload.csv', head: headOf(input.text) })).toBe(true);
  });

  it('has 26,233 daily rows per series, 1926-07-01..2026-04-30', () => {
    expect(countIsoRows(rawText(rel))).toBe(26233);
    expect([...stats.keys()].sort()).toEqual(['FF.HML|D', 'FF.Mkt-RF|D', 'FF.RF|D', 'FF.SMB|D']);
    for (const s of stats.values()) {
      expect(s).toEqual({ n: 26233, first: '1926-07-01', last: '2026-04-30', freq: 'D' });
    }
    expect(b.observations.length).toBe(4 * 26233);
    expect(b.warnings).toEqual([]);
    expect(b.skipped).toEqual([]);
  });

  it('stores percent as fractions: FF.SMB 1926-07-01 = -0.25% -> -0.0025 (raw line 6)', () => {
    // Raw line 6: `1926-07-01,    0.09,   -0.25,   -0.27,    0.01`
    const o = valueAt(b, 'FF.SMB', '1926-07-01')!;
    expect(o.value).toBe(-0.0025);
    expect(o.unit).toBe('fraction');
    expect(o.prov).toEqual({ source: 'french', file: rel, line: 6 });
    expect(valueAt(b, 'FF.Mkt-RF', '1926-07-01')!.value).toBe(0.0009);
    // Last row, raw line 26238: `2026-04-30,    1.13,    0.98,   -0.71,    0.01`
    const last = valueAt(b, 'FF.Mkt-RF', '2026-04-30')!;
    expect(last.value).toBe(0.0113);
    expect(last.prov.line).toBe(26238);
    expect(valueAt(b, 'FF.HML', '2026-04-30')!.value).toBe(-0.0071);
  });

  it('emits valid SeriesMeta (kind factor, fraction, isReturn) and valid Observations', () => {
    expect(b.seriesMeta.map((m) => m.series)).toEqual(['FF.Mkt-RF', 'FF.SMB', 'FF.HML', 'FF.RF']);
    for (const m of b.seriesMeta) {
      SeriesMeta.parse(m);
      expect(m).toMatchObject({ kind: 'factor', unit: 'fraction', isReturn: true });
    }
    for (let i = 0; i < b.observations.length; i += 997) Observation.parse(b.observations[i]);
  });
});

describe('french: FF5 daily (F-F_Research_Data_5_Factors_2x3_daily.csv)', () => {
  const rel = 'factors/F-F_Research_Data_5_Factors_2x3_daily.csv';
  const input = loadInput(rel);
  const b = french.parse(input, { lenient: false });
  const stats = seriesStats(b);

  it('has 15,813 rows for each of the six FF5 series, 1963-07-01..2026-04-30', () => {
    expect(countIsoRows(rawText(rel))).toBe(15813);
    expect(b.seriesMeta.map((m) => m.series)).toEqual([
      'FF5.Mkt-RF',
      'FF5.SMB',
      'FF5.HML',
      'FF5.RMW',
      'FF5.CMA',
      'FF5.RF',
    ]);
    expect(stats.size).toBe(6);
    for (const s of stats.values())
      expect(s).toEqual({ n: 15813, first: '1963-07-01', last: '2026-04-30', freq: 'D' });
  });

  it('hand-checked first row (raw line 6: -0.67, 0.00, -0.34, -0.01, 0.16, 0.01)', () => {
    expect(valueAt(b, 'FF5.Mkt-RF', '1963-07-01')!.value).toBe(-0.0067);
    expect(valueAt(b, 'FF5.SMB', '1963-07-01')!.value).toBe(0);
    expect(valueAt(b, 'FF5.RMW', '1963-07-01')!.value).toBe(-0.0001);
    expect(valueAt(b, 'FF5.CMA', '1963-07-01')!.value).toBe(0.0016);
    expect(valueAt(b, 'FF5.RF', '1963-07-01')!.prov.line).toBe(6);
  });
});

describe('french: momentum daily (F-F_Momentum_Factor_daily.csv)', () => {
  const rel = 'factors/F-F_Momentum_Factor_daily.csv';
  const b = french.parse(loadInput(rel), { lenient: false });

  it('has 26,132 dated rows, 1926-11-03..2026-04-30, and no missing values in the data', () => {
    // SOURCES-reference.md says the file "contains one -99.99"; the only -99.99 in the file is in the
    // preamble sentence on line 12 ("Missing data are indicated by -99.99 or -999."). Checked with
    // grep: no data row holds -99.99 or -999, so all 26,132 values are stored and no warning is raised.
    const raw = rawText(rel);
    const dataRows = raw.split(/\r?\n/).filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l));
    expect(dataRows.length).toBe(26132);
    expect(dataRows.filter((l) => /,\s*-99\.99\s*$|,\s*-999\s*$/.test(l))).toEqual([]);
    const lines = raw.split('\n');
    expect(lines.filter((l) => l.includes('-99.99')).length).toBe(1);
    expect(lines.findIndex((l) => l.includes('-99.99')) + 1).toBe(12);

    expect(b.seriesMeta.map((m) => m.series)).toEqual(['FF.Mom']);
    const stats = seriesStats(b);
    expect(stats.get('FF.Mom|D')).toEqual({ n: 26132, first: '1926-11-03', last: '2026-04-30', freq: 'D' });
    expect(b.warnings).toEqual([]);
  });

  it('hand-checked values: first row 0.54, the 1939-09-05 crash -18.50, last row 2.17', () => {
    expect(valueAt(b, 'FF.Mom', '1926-11-03')).toMatchObject({ value: 0.0054, prov: { line: 15 } });
    expect(valueAt(b, 'FF.Mom', '1939-09-05')!.value).toBe(-0.185);
    expect(valueAt(b, 'FF.Mom', '2026-04-30')!.value).toBe(0.0217);
  });
});
