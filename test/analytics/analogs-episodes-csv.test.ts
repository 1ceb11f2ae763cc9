import { describe, expect, it } from 'vitest';
import { analogsFromTable, parseEpisodesCsv } from '../../src/analytics/analogs.ts';
import { UserError } from '../../src/model/errors.ts';

describe('parseEpisodesCsv', () => {
  it('parses a header, quoted labels, CRLF, blank lines and an optional %', () => {
    const text = '\ufeffLabel, a_fwd_pct ,b_fwd_pct\r\n1979-03,5.2,1.1\r\n\r\n"2001, April",-3,2%\r\n';
    expect(parseEpisodesCsv(text)).toEqual([
      { label: '1979-03', aFwdPct: 5.2, bFwdPct: 1.1 },
      { label: '2001, April', aFwdPct: -3, bFwdPct: 2 },
    ]);
  });
  it('line-numbered UserErrors', () => {
    const bad = (t: string) => () => parseEpisodesCsv(t);
    expect(bad('')).toThrow(/episodes CSV is empty/);
    expect(bad('date,a,b\nx,1,2')).toThrow(/line 1: expected the header 'label,a_fwd_pct,b_fwd_pct'/);
    expect(bad('label,a_fwd_pct,b_fwd_pct\nx,1,2\ny,1')).toThrow(/line 3: expected 3 fields .* got 2/);
    expect(bad('label,a_fwd_pct,b_fwd_pct\nx,1,2\n\ny,abc,2')).toThrow(
      /line 4: a_fwd_pct 'abc' is not a number/,
    );
    expect(bad('label,a_fwd_pct,b_fwd_pct\n,1,2')).toThrow(/line 2: empty label/);
    expect(bad('label,a_fwd_pct,b_fwd_pct\nx,1,')).toThrow(/line 2: b_fwd_pct '' is not a number/);
    expect(bad('label,a_fwd_pct,b_fwd_pct\n"x,1,2')).toThrow(/line 2: unterminated quoted field/);
    expect(bad('label,a_fwd_pct,b_fwd_pct\n')).toThrow(/header but no rows/);
    expect(bad('label,a_fwd_pct,b_fwd_pct\nx,1e3x,2')).toThrow(UserError);
  });
});

describe('analogsFromTable', () => {
  it('same summary over the table: spreads 4.1 and −5', () => {
    const rows = parseEpisodesCsv('label,a_fwd_pct,b_fwd_pct\n1979-03,5.2,1.1\n"2001, April",-3,2%\n');
    const r = analogsFromTable(rows, { horizon: 63 });
    expect(r.episodes[0].spreadPts).toBeCloseTo(4.1, 12);
    expect(r.episodes[1].spreadPts).toBe(-5);
    expect(r.summary).toHaveLength(1);
    const s = r.summary[0];
    expect(s).toMatchObject({ horizon: 63, count: 2, hitRate: 0.5, min: -5, excludedIncomplete: 0 });
    expect(s.meanSpreadPts).toBeCloseTo(-0.45, 12); // (4.1 − 5)/2
    expect(s.medianSpreadPts).toBeCloseTo(-0.45, 12);
    expect(s.max).toBeCloseTo(4.1, 12);
    expect(analogsFromTable(rows).summary[0].horizon).toBeNull();
  });
  it('odd count median; bad rows', () => {
    const r = analogsFromTable([
      { label: 'a', aFwdPct: 3, bFwdPct: 1 },
      { label: 'b', aFwdPct: 0, bFwdPct: 1 },
      { label: 'c', aFwdPct: 10, bFwdPct: 0 },
    ]);
    expect(r.summary[0].medianSpreadPts).toBe(2); // spreads 2, −1, 10
    expect(r.summary[0].hitRate).toBeCloseTo(2 / 3, 15);
    expect(() => analogsFromTable([])).toThrow(/no episodes/);
    expect(() => analogsFromTable([{ label: 'x', aFwdPct: Number.NaN, bFwdPct: 1 }])).toThrow(
      /aFwdPct is not a finite number/,
    );
  });
});
