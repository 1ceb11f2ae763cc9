/**
 * Real 10-industry daily file (10_Industry_Portfolios_Daily.csv): trimmed by its uploader (no preamble,
 * header `,NoDur,...`, CRLF, no footer, no trailing newline).
 */
import { describe, expect, it } from 'vitest';
import { french } from '../../../src/sources/files/french.ts';
import { headOf, loadInput, rawText } from './helpers.ts';

describe('french: 10 industry portfolios daily', () => {
  const rel = 'factors/10_Industry_Portfolios_Daily.csv';
  const input = loadInput(rel);
  const b = french.parse(input, { lenient: false });

  it('is detected by name and by its `,NoDur,Durbl` header', () => {
    expect(french.detect({ relPath: rel, head: headOf(input.text) })).toBe(true);
    expect(french.detect({ relPath: 'upload.csv', head: headOf(input.text) })).toBe(true);
  });

  it('10 series FF.IND10.<col>, 25,982 rows each, 1926-07-01..2025-04-30 (last line has no newline)', () => {
    const raw = rawText(rel);
    expect(raw.endsWith('\n')).toBe(false);
    expect(raw.split(/\r?\n/).filter((l) => /^\d{8},/.test(l)).length).toBe(25982);
    expect(b.seriesMeta.map((m) => m.series)).toEqual(
      ['NoDur', 'Durbl', 'Manuf', 'Enrgy', 'HiTec', 'Telcm', 'Shops', 'Hlth', 'Utils', 'Other'].map(
        (c) => `FF.IND10.${c}`,
      ),
    );
    for (const m of b.seriesMeta)
      expect(m).toMatchObject({ kind: 'portfolio', unit: 'fraction', isReturn: true });
    for (const m of b.seriesMeta) {
      const obs = b.observations.filter((o) => o.series === m.series);
      expect(obs.length).toBe(25982);
      expect([obs[0].date, obs.at(-1)!.date]).toEqual(['1926-07-01', '2025-04-30']);
    }
  });

  it('hand-checked values: 19260701 NoDur 0.02 and Hlth 0.97 (line 2); 20250430 Durbl -2.73 and Other 0.18 (line 25983)', () => {
    const at = (s: string, d: string) => b.observations.find((o) => o.series === s && o.date === d)!;
    expect(at('FF.IND10.NoDur', '1926-07-01')).toMatchObject({ value: 0.0002, prov: { line: 2 } });
    expect(at('FF.IND10.Hlth', '1926-07-01').value).toBe(0.0097);
    expect(at('FF.IND10.Durbl', '2025-04-30')).toMatchObject({ value: -0.0273, prov: { line: 25983 } });
    expect(at('FF.IND10.Other', '2025-04-30').value).toBe(0.0018);
  });
});
