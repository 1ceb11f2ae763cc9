/**
 * Real FF5 monthly+annual file (F-F_Research_Data_5_Factors_2x3.csv, 202604 vintage, CRLF): a monthly
 * table (lines 6-759) and, after the title ` Annual Factors: January-December` (line 761) and a repeated
 * header (line 762), an annual table (lines 763-824). Counts re-derived from the raw text below.
 */
import { describe, expect, it } from 'vitest';
import { french } from '../../../src/sources/files/french.ts';
import { loadInput, rawText } from './helpers.ts';

describe('french: FF5 monthly and annual (F-F_Research_Data_5_Factors_2x3.csv)', () => {
  const rel = 'factors/F-F_Research_Data_5_Factors_2x3.csv';
  const b = french.parse(loadInput(rel), { lenient: false });
  const obsOf = (series: string, freq: string) =>
    b.observations.filter((o) => o.series === series && o.freq === freq);

  it('754 monthly rows 1963-07..2026-04 and 62 annual rows 1964..2025 for each series', () => {
    const lines = rawText(rel).split(/\r?\n/);
    expect(lines.filter((l) => /^\d{6},/.test(l)).length).toBe(754);
    expect(lines.filter((l) => /^\s*\d{4},/.test(l)).length).toBe(62);
    // (2026-1963)*12 + (4-7) + 1 = 754 months, 2025-1964+1 = 62 years.
    expect((2026 - 1963) * 12 + (4 - 7) + 1).toBe(754);

    expect(b.seriesMeta.map((m) => m.series)).toEqual([
      'FF5.Mkt-RF',
      'FF5.SMB',
      'FF5.HML',
      'FF5.RMW',
      'FF5.CMA',
      'FF5.RF',
    ]);
    for (const s of b.seriesMeta) {
      const m = obsOf(s.series, 'M');
      const a = obsOf(s.series, 'A');
      expect(m.length).toBe(754);
      expect(a.length).toBe(62);
      expect([m[0].date, m[m.length - 1].date]).toEqual(['1963-07-31', '2026-04-30']);
      expect([a[0].date, a[a.length - 1].date]).toEqual(['1964-12-31', '2025-12-31']);
    }
    expect(b.observations.length).toBe(6 * (754 + 62));
    expect(b.warnings).toEqual([]);
  });

  it('hand-checked values: 196307 Mkt-RF -0.39 (line 6), 202604 RMW -4.32 (line 759), 2025 Mkt-RF 13.30 and RF 4.25 (line 824)', () => {
    expect(obsOf('FF5.Mkt-RF', 'M')[0]).toMatchObject({
      date: '1963-07-31',
      value: -0.0039,
      prov: { line: 6 },
    });
    const rmw = obsOf('FF5.RMW', 'M').at(-1)!;
    expect(rmw).toMatchObject({ date: '2026-04-30', value: -0.0432, prov: { line: 759 } });
    expect(obsOf('FF5.Mkt-RF', 'A').at(-1)).toMatchObject({
      date: '2025-12-31',
      value: 0.133,
      prov: { line: 824 },
    });
    expect(obsOf('FF5.RF', 'A').at(-1)!.value).toBe(0.0425);
    // Monthly and annual December values share a date but are told apart by freq.
    const dec2025 = b.observations.filter((o) => o.series === 'FF5.Mkt-RF' && o.date === '2025-12-31');
    expect(dec2025.map((o) => o.freq).sort()).toEqual(['A', 'M']);
  });
});
