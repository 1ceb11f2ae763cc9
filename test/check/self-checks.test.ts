/**
 * The article checked against itself (no data): discounts and premiums between two multiples, sums of
 * table columns stated in the text, averages and counts over a table, the distance to a target level,
 * contributions as weight × return (start weights, and end weights recovered to start weights),
 * weekday names that do not match their dates, events on days the NYSE was closed. True and false.
 */
import { describe, expect, it } from 'vitest';
import { computeContributions } from '../../src/analytics/contributions.ts';
import { claimAt, check } from './helpers/data.ts';

describe('discounts and premiums between two multiples', () => {
  it('true: 30% discount = 1 − 15.2/21.7 (29.95%); premium 43% = 21.7/15.2 − 1 (42.8%)', async () => {
    const r = await check(
      "Small caps trade at 15.2 times forward earnings, a 30% discount to the S&P 500's 21.7 times. Large caps trade at 21.7 times, a 43% premium to small caps at 15.2 times.",
    );
    const d = claimAt(r, '30%');
    expect([d.type, d.verdict]).toEqual(['multiple', 'supported']);
    expect(d.evidence.formula).toBe('discount = (1 − 15.2/21.7) × 100 = 29.95%');
    expect(d.tolerance?.abs).toBeGreaterThan(0.5); // rounding of 30 plus the rounding of both multiples
    expect(claimAt(r, '43%')).toMatchObject({ type: 'multiple', verdict: 'supported' });
  });
  it('false: a 40% discount; a "discount" that is really a premium', async () => {
    const r = await check(
      "Small caps trade at 15.2 times forward earnings, a 40% discount to the S&P 500's 21.7 times. Large caps trade at 21.7 times, a 30% discount to small caps at 15.2 times.",
    );
    expect(claimAt(r, '40%')).toMatchObject({ verdict: 'contradicted', computed: { text: '29.95' } });
    const p = claimAt(r, '30%');
    expect(p.verdict).toBe('contradicted');
    expect(p.evidence.notes.join(' ')).toMatch(/that is a premium/);
  });
});

const FLOWS = `Weekly flows into small-cap ETFs:

| Fund | Flows ($ mn) |
|---|---|
| IWM | 1,450 |
| IJR | 980 |
| VB | 820 |
`;

describe('sums of table columns stated in the text', () => {
  it('true: "more than $3.2 billion" (3,250 mn)', async () => {
    const r = await check(`${FLOWS}\nThe three funds took in more than $3.2 billion combined.`);
    const s = claimAt(r, '$3.2 billion');
    expect([s.type, s.verdict, s.stated.qualifier, s.computed?.value]).toEqual([
      'sum',
      'supported',
      'more-than',
      3.25,
    ]);
    expect(s.evidence.formula).toBe('sum of "Flows ($ mn)" over 3 rows of table 1 = 3.25 billion');
  });
  it('false: "more than $3.5 billion"; "a combined $2.9 billion"', async () => {
    const r = await check(`${FLOWS}\nThe three funds took in more than $3.5 billion combined.`);
    expect(claimAt(r, '$3.5 billion')).toMatchObject({ verdict: 'contradicted', computed: { value: 3.25 } });
    const r2 = await check(`${FLOWS}\nThe three funds took in a combined $2.9 billion.`);
    expect(claimAt(r2, '$2.9 billion')).toMatchObject({ verdict: 'contradicted' });
  });
  it('figures listed in the sentence itself', async () => {
    const t = await check(
      'Small-cap funds took in $1.2 billion, $850 million and $1.3 billion over three weeks, more than $3.2 billion in all.',
    );
    expect(claimAt(t, '$3.2 billion')).toMatchObject({ verdict: 'supported', computed: { value: 3.35 } });
    const f = await check(
      'Small-cap funds took in $1.2 billion, $850 million and $1.3 billion over three weeks, more than $3.6 billion in all.',
    );
    expect(claimAt(f, '$3.6 billion').verdict).toBe('contradicted');
  });
});

const EPISODES = `| Streak ended | Length | Next 3 months (pts) |
|---|---|---|
| 2008-06-06 | 13 | -2.0 |
| 2011-03-01 | 10 | +4.5 |
| 2013-01-15 | 11 | +6.0 |
| 2016-12-09 | 12 | +5.0 |
| 2021-02-10 | 10 | +2.0 |
`;

describe('averages and counts over a table', () => {
  it('true: "four of five cases", "an average of +3.1 points"', async () => {
    const r = await check(
      `After past streaks this long, small caps beat large caps over the next three months in four of five cases, by an average of +3.1 points.\n\n${EPISODES}`,
    );
    expect(claimAt(r, 'four of five')).toMatchObject({
      type: 'count',
      verdict: 'supported',
      computed: { value: 4 },
    });
    expect(claimAt(r, '+3.1 points', 'average')).toMatchObject({
      verdict: 'supported',
      computed: { value: 3.1 },
    });
    expect(claimAt(r, '+3.1 points', 'average').evidence.formula).toMatch(
      /mean of "Next 3 months \(pts\)" over 5 rows/,
    );
  });
  it('false: "five of five cases", "four of six cases" (the table has five), "an average of +4.1 points"', async () => {
    const r = await check(
      `Small caps beat large caps over the next three months in five of five cases, by an average of +4.1 points.\n\n${EPISODES}`,
    );
    expect(claimAt(r, 'five of five')).toMatchObject({ verdict: 'contradicted', computed: { value: 4 } });
    expect(claimAt(r, '+4.1 points', 'average')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 3.1 },
    });
    const r2 = await check(
      `Small caps beat large caps over the next three months in four of six cases.\n\n${EPISODES}`,
    );
    const c = claimAt(r2, 'four of six');
    expect(c.verdict).toBe('contradicted');
    expect(c.reason).toMatch(/the table has 5 rows with a value, not 6/);
  });
});

describe('distance to a target level', () => {
  it('true: a 2,400 target is about 19% above the current 2,015.40 (19.08%)', async () => {
    const r = await check(
      'Analysts have a year-end target of 2,400 for the Russell 2000, about 19% above its current 2,015.40.',
    );
    expect(claimAt(r, '19%')).toMatchObject({ type: 'distance', verdict: 'supported' });
    expect(claimAt(r, '19%').evidence.formula).toBe('(2,400 / 2,015.4 − 1) × 100 = 19.08%');
    expect(claimAt(r, '2,400')).toMatchObject({ type: 'forecast', verdict: 'unverifiable' });
  });
  it('false: "29% above"', async () => {
    const r = await check(
      'Analysts have a year-end target of 2,400 for the Russell 2000, 29% above its current 2,015.40.',
    );
    expect(claimAt(r, '29%')).toMatchObject({
      type: 'distance',
      verdict: 'contradicted',
      computed: { text: '19.08' },
    });
  });
});

describe('contributions: weight × return, with end weights recovered to start weights', () => {
  it('start weights (true and false): 1.12% × 48.2% = 54 bps', async () => {
    const t = await check(
      'Acme, which accounts for 1.12% of the index, rose 48.2% and added 54 basis points.',
    );
    expect(claimAt(t, '54 basis points')).toMatchObject({ type: 'contribution', verdict: 'supported' });
    const f = await check(
      'Acme, which accounts for 1.12% of the index, rose 48.2% and added 33 basis points.',
    );
    expect(claimAt(f, '33 basis points')).toMatchObject({
      verdict: 'contradicted',
      computed: { text: '53.98' },
    });
  });

  it('end weights: w_start = w_end × (1 + R)/(1 + r), R the index return the article states', async () => {
    // Acme's end weight 1.12%, return 48.2%, the Russell 2000's return 9.6%: w_start = 1.12 × 1.096/1.482 = 0.8283%
    const expected = computeContributions([{ symbol: 'ACME', weightEnd: 0.0112, return: 0.482 }], {
      weights: 'end',
      indexReturn: 0.096,
      wholeIndex: false,
    }).rows[0].contributionBps;
    expect(expected).toBeCloseTo(39.92, 2);
    const t = await check(
      'The Russell 2000 rose 9.6% this year. Acme, with a current weight of 1.12% in the Russell 2000, rose 48.2% this year and contributed 40 basis points.',
    );
    const c = claimAt(t, '40 basis points');
    expect([c.verdict, c.computed?.value]).toEqual(['supported', Math.round(expected * 1e6) / 1e6]);
    expect(c.evidence.formula).toMatch(/w_start = 1\.12% × \(1 \+ 9\.6%\)\/\(1 \+ 48\.2%\)/);
    // Using the end weight as if it were a start weight (54 bps) is contradicted
    const f = await check(
      'The Russell 2000 rose 9.6% this year. Acme, with a current weight of 1.12% in the Russell 2000, rose 48.2% this year and contributed 54 basis points.',
    );
    expect(claimAt(f, '54 basis points')).toMatchObject({ verdict: 'contradicted' });
    // Without the index return the start weight cannot be recovered: unverifiable, not guessed
    const u = await check(
      'Acme, with a current weight of 1.12% in the Russell 2000, rose 48.2% this year and contributed 40 basis points.',
    );
    expect(claimAt(u, '40 basis points').verdict).toBe('unverifiable');
    expect(claimAt(u, '40 basis points').reason).toMatch(/index return R over the period is needed/);
  });

  it('a table of end weights covering the whole index: R is solved from the weights (analytics engine)', async () => {
    // Two members, end weights 60/40, returns +20%/−10%: 1+R = 1/(0.6/1.2 + 0.4/0.9) = 1.0588; contributions 20×0.5294… etc.
    const res = computeContributions(
      [
        { symbol: 'A', weightEnd: 0.6, return: 0.2 },
        { symbol: 'B', weightEnd: 0.4, return: -0.1 },
      ],
      { weights: 'end' },
    );
    const [a, b] = ['A', 'B'].map(
      (s) => (res.rows.find((r) => r.symbol === s) as { contributionBps: number }).contributionBps,
    );
    const table = (ca: string, cb: string) => `| Member | Weight (May 5) | Return | Contribution (bps) |
|---|---|---|---|
| A | 60.0% | 20.0% | ${ca} |
| B | 40.0% | -10.0% | ${cb} |
`;
    const t = await check(table(a.toFixed(0), b.toFixed(0)));
    expect(t.claims.filter((c) => c.type === 'contribution').map((c) => c.verdict)).toEqual([
      'supported',
      'supported',
    ]);
    expect(t.claims.find((c) => c.type === 'contribution')?.evidence.notes.join(' ')).toMatch(
      /index return solved from the end weights/,
    );
    const f = await check(table('1200', '-400')); // start-weight arithmetic on end weights
    expect(f.claims.filter((c) => c.type === 'contribution').map((c) => c.verdict)).toEqual([
      'contradicted',
      'contradicted',
    ]);
  });
});

describe('weekdays and closed days', () => {
  it('a weekday that matches its date (true) and one that does not (false)', async () => {
    const t = await check('On Thursday, March 5, 2026, the Russell 2000 fell 0.8%.');
    expect(claimAt(t, 'Thursday, March 5, 2026', 'weekday')).toMatchObject({
      verdict: 'supported',
      computed: { value: 'Thursday' },
    });
    const f = await check('On Wednesday, March 5, 2026, the Russell 2000 fell 0.8%.');
    const w = claimAt(f, 'Wednesday, March 5, 2026', 'weekday');
    expect([w.verdict, w.reason]).toEqual([
      'contradicted',
      'contradicted: 2026-03-05 is a Thursday, not a Wednesday',
    ]);
  });

  it('an event on a session (true) and on a holiday or weekend (false)', async () => {
    const t = await check('NEW YORK, Jan. 22, 2026 – The Russell 2000 rose 2.0% on Wednesday.');
    expect(claimAt(t, 'on Wednesday', 'closed-day')).toMatchObject({ verdict: 'supported' });
    const f = await check(
      'NEW YORK, Jan. 22, 2026 – The Russell 2000 rose 2.0% on Monday. The S&P 500 fell 1% on Jan. 17.',
    );
    const mlk = claimAt(f, 'on Monday', 'closed-day');
    expect([mlk.verdict, mlk.computed?.text]).toEqual([
      'contradicted',
      'the NYSE was closed on Mon 2026-01-19 (Martin Luther King, Jr. Day)',
    ]);
    expect(claimAt(f, 'on Jan. 17', 'closed-day')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 'weekend' },
    });
    // the return itself cannot be checked on a closed day: unverifiable with that reason
    expect(claimAt(f, '2.0%', 'return').reason).toMatch(/no data to check it|closed/);
  });

  it('a sentence about the closure itself is not an event on a closed day', async () => {
    const r = await check(
      'NEW YORK, Jan. 22, 2026 – U.S. markets were closed on Monday for Martin Luther King Jr. Day.',
    );
    expect(r.claims.filter((c) => c.type === 'closed-day')).toEqual([]);
  });
});
