/**
 * Figures inside tables: Markdown pipe tables, HTML tables, and rows whose cells ran together when
 * copied from a web page (`Acme Corp (ACME)1.12%48.20%+33`). True and false versions.
 */
import { describe, expect, it } from 'vitest';
import { aliasMatcher } from '../../src/check/aliases.ts';
import { findTables } from '../../src/check/tables.ts';
import { claimAt, check, series } from './helpers/data.ts';

const rut = series('^RUT', '2025-11-03', '2026-03-06', (_i, d) =>
  d <= '2025-12-31' ? 2000 : d === '2026-03-06' ? 2106 : d === '2026-03-05' ? 2100 : 2050,
);
const gspc = series('^GSPC', '2025-11-03', '2026-03-06', (_i, d) =>
  d <= '2025-12-31' ? 6000 : d === '2026-03-06' ? 5904 : 5950,
);

const md = (rutYtd: string, rutClose: string, spxYtd: string) => `NEW YORK – March 6, 2026

| Index | Close | 1-day % | YTD % |
|---|---|---|---|
| Russell 2000 | ${rutClose} | +0.3 | ${rutYtd} |
| S&P 500 | 5,904.00 | −0.8 | ${spxYtd} |
`;

describe('Markdown pipe tables', () => {
  it('true figures are supported (returns by the column period, levels on the as-of date)', async () => {
    const r = await check(md('+5.3', '2,106.00', '-1.6'), [rut, gspc]);
    expect(
      r.claims
        .filter((c) => c.type === 'table')
        .map((c) => [r.text.slice(c.focus.start, c.focus.end), c.verdict]),
    ).toEqual([
      ['2,106.00', 'supported'],
      ['+0.3', 'supported'],
      ['+5.3', 'supported'],
      ['5,904.00', 'supported'],
      ['−0.8', 'supported'],
      ['-1.6', 'supported'],
    ]);
    const ytd = claimAt(r, '+5.3');
    expect(ytd.evidence.dates).toEqual({ base: '2025-12-31', end: '2026-03-06' });
    expect(ytd.text).toBe('Russell 2000 | 2,106.00 | +0.3 | +5.3');
  });

  it('false figures are contradicted with the computed value', async () => {
    const r = await check(md('+3.5', '2,160.00', '+1.6'), [rut, gspc]);
    expect(claimAt(r, '+3.5')).toMatchObject({ verdict: 'contradicted', computed: { text: '+5.30%' } });
    expect(claimAt(r, '2,160.00')).toMatchObject({ verdict: 'contradicted', computed: { value: 2106 } });
    expect(claimAt(r, '+1.6')).toMatchObject({ verdict: 'contradicted', computed: { text: '−1.60%' } });
  });
});

describe('HTML tables', () => {
  it('a table in a page with scripts: rows become pipe rows, figures are checked', async () => {
    const html = `<html><head><script>document.write("The Russell 2000 rose 50% this year")</script></head><body>
      <p>NEW YORK &ndash; March 6, 2026</p>
      <table><tr><th>Index</th><th>YTD&nbsp;%</th></tr><tr><td>Russell&nbsp;2000</td><td>+5.3</td></tr><tr><td>S&amp;P 500</td><td>+2.0</td></tr></table>
      </body></html>`;
    const r = await check(html, [rut, gspc]);
    expect(r.format).toBe('html');
    expect(r.text).not.toMatch(/50%/);
    expect(claimAt(r, '+5.3')).toMatchObject({ type: 'table', verdict: 'supported' });
    expect(claimAt(r, '+2.0')).toMatchObject({
      type: 'table',
      verdict: 'contradicted',
      computed: { text: '−1.60%' },
    });
  });
});

describe('cells that ran together when copied from a web page', () => {
  const text = `Top contributors
CompanyWeightYTD returnContribution (bps)
Acme Corp (ACME)1.12%48.20%+54
Bolt Industries (BOLT)0.40%-10.00%-4
Russell 20002,106.00+5.3%+0.1
`;
  it('splits label | weight | return | contribution, keeping digits in names ("Russell 2000")', () => {
    const [t] = findTables(text, aliasMatcher());
    expect(t.layout).toBe('run-together');
    expect(t.header?.map((c) => c.text)).toEqual(['Company', 'Weight', 'YTD return', 'Contribution (bps)']);
    expect(t.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Acme Corp (ACME)', '1.12%', '48.20%', '+54'],
      ['Bolt Industries (BOLT)', '0.40%', '-10.00%', '-4'],
      ['Russell 2000', '2,106.00', '+5.3%', '+0.1'],
    ]);
    expect(t.columns.map((c) => c.kind)).toEqual(['label', 'weight', 'return', 'contribution']);
    // spans point at the cells in the text
    const cell = t.rows[0].cells[2];
    expect(text.slice(cell.span.start, cell.span.end)).toBe('48.20%');
  });

  it('the rows are checked: weight × return = contribution (54 = 1.12 × 48.2; −4 = 0.40 × −10.00)', async () => {
    const r = await check(text);
    const contrib = r.claims.filter((c) => c.type === 'contribution');
    expect(contrib.map((c) => [c.stated.value, c.verdict])).toEqual([
      [54, 'supported'],
      [-4, 'supported'],
      [0.1, 'contradicted'],
    ]);
    expect(contrib[0].evidence.formula).toBe('Acme Corp (ACME): 1.12% × 48.2% = 53.98 bps (weight × return)');
    // ACME has no data: its return figure is unverifiable, with the reason
    expect(claimAt(r, '48.20%')).toMatchObject({ type: 'table', verdict: 'unverifiable' });
    const bad = await check(text.replace('+54', '+33'));
    expect(bad.claims.find((c) => c.type === 'contribution')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 53.984 },
    });
  });
});

describe('contribution, valuation and prose-sum tables → verdict (hand cases)', () => {
  it('a contribution table in basis points: 2.50% × 12.00% = 30 bps and 1.20% × −5.00% = −6 bps hold; 0.80% × 25.00% = 20, not 25', async () => {
    const r = await check(`Top contributors this year:

| Company | Weight | YTD return | Contribution (bps) |
|---|---|---|---|
| Acme Corp | 2.50% | +12.00% | +30 |
| Bolt Industries | 1.20% | -5.00% | -6 |
| Core Labs | 0.80% | +25.00% | +25 |
`);
    const c = r.claims.filter((x) => x.type === 'contribution');
    expect(c.map((x) => [x.stated.value, x.verdict, x.computed?.value])).toEqual([
      [30, 'supported', 30],
      [-6, 'supported', -6],
      [25, 'contradicted', 20],
    ]);
    expect(c[2].evidence.formula).toBe('Core Labs: 0.8% × 25% = 20 bps (weight × return)');
  });

  const VALUATION = `Valuations at a glance:

| Group | Forward P/E |
|---|---|
| Small caps | 15.2 |
| Mid caps | 17.0 |
| Large caps | 21.7 |
`;
  it('a valuation table: the mean multiple (15.2 + 17.0 + 21.7)/3 = 17.97 and the discount 1 − 15.2/21.7 = 29.95%', async () => {
    const t = await check(
      `${VALUATION}\nThe three groups trade at an average of 18.0 times forward earnings. Small caps trade at 15.2 times, a 30% discount to large caps at 21.7 times.`,
    );
    expect(claimAt(t, '18.0 times', 'average')).toMatchObject({ verdict: 'supported' });
    expect(claimAt(t, '18.0 times', 'average').computed?.value).toBeCloseTo(53.9 / 3, 5); // rounded to 6 decimals in the outcome
    expect(claimAt(t, '30%', 'multiple')).toMatchObject({ verdict: 'supported' });
    const f = await check(
      `${VALUATION}\nThe three groups trade at an average of 19.5 times forward earnings. Small caps trade at 15.2 times, a 20% discount to large caps at 21.7 times.`,
    );
    expect(claimAt(f, '19.5 times', 'average').verdict).toBe('contradicted');
    expect(claimAt(f, '20%', 'multiple')).toMatchObject({
      verdict: 'contradicted',
      computed: { text: '29.95' },
    });
  });

  const FLOWS = `Weekly flows into small-cap ETFs:

| Fund | Flows ($ mn) |
|---|---|
| IWM | 1,450 |
| IJR | 980 |
| VB | 820 |
`;
  it('a sum stated in prose: the whole column (1,450 + 980 + 820 = 3,250 mn), or the rows the sentence names (1,450 + 980 = 2,430 mn)', async () => {
    const t = await check(
      `${FLOWS}\nThe three funds took in a combined $3.25 billion. Together IWM and IJR took in $2.43 billion.`,
    );
    expect(claimAt(t, '$3.25 billion', 'sum')).toMatchObject({
      verdict: 'supported',
      computed: { value: 3.25 },
    });
    const two = claimAt(t, '$2.43 billion', 'sum');
    expect(two).toMatchObject({ verdict: 'supported', computed: { value: 2.43 } });
    expect(two.evidence.formula).toMatch(/over 2 rows of table 1 named in the sentence \(IWM, IJR\)/);
    const f = await check(
      `${FLOWS}\nThe three funds took in a combined $3.5 billion. Together IWM and IJR took in $2.6 billion.`,
    );
    expect(claimAt(f, '$3.5 billion', 'sum')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 3.25 },
    });
    expect(claimAt(f, '$2.6 billion', 'sum')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 2.43 },
    });
  });
});
