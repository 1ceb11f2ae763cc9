import { describe, expect, it } from 'vitest';
import {
  bottom,
  computeContributions,
  parseContributionsCsv,
  top,
} from '../../src/analytics/contributions.ts';
import { ImportError, UserError } from '../../src/model/errors.ts';

// Three-member index, start weights summing to 1:
//   AAA w 0.50 r +10% → 0.50 × 0.10 × 10000 = +500 bps
//   BBB w 0.30 r  −5% → 0.30 × −0.05 × 10000 = −150 bps
//   CCC w 0.20 r  +2% → 0.20 × 0.02 × 10000 =  +40 bps
//   total = 390 bps = index return 3.90%
const THREE = [
  { symbol: 'AAA', weightStart: 0.5, return: 0.1 },
  { symbol: 'BBB', weightStart: 0.3, return: -0.05 },
  { symbol: 'CCC', weightStart: 0.2, return: 0.02 },
];

describe('contributions from start weights', () => {
  it('whole index: contributions, order, total and a zero-residual reconciliation', () => {
    const r = computeContributions(THREE, { period: { start: '2026-01-02', end: '2026-01-22' } });
    expect(r.rows.map((x) => x.symbol)).toEqual(['AAA', 'CCC', 'BBB']);
    expect(r.rows[0].contributionBps).toBeCloseTo(500, 9);
    expect(r.rows[1].contributionBps).toBeCloseTo(40, 9);
    expect(r.rows[2].contributionBps).toBeCloseTo(-150, 9);
    expect(r.totalBps).toBeCloseTo(390, 9);
    expect(r.wholeIndex).toBe(true);
    expect(r.reconciliation?.indexReturnMethod).toBe('start-weighted-mean');
    expect(r.reconciliation?.indexReturnBps).toBeCloseTo(390, 9);
    expect(r.reconciliation?.residualBps).toBeCloseTo(0, 9);
    // end weight derived: w_end = w_start (1+r)/(1+R): AAA 0.5 × 1.10 / 1.039 = 0.55/1.039
    expect(r.rows[0].weightEnd).toBeCloseTo(0.55 / 1.039, 12);
    expect(r.provenance.series).toHaveLength(3);
    expect(r.provenance.formula).toMatch(/w_start × r × 10000/);
  });

  it('top(n) and bottom(n)', () => {
    const r = computeContributions(THREE);
    expect(top(r, 1).map((x) => x.symbol)).toEqual(['AAA']);
    expect(bottom(r, 1).map((x) => x.symbol)).toEqual(['BBB']);
    // bottom is most negative first
    expect(bottom(r, 2).map((x) => x.symbol)).toEqual(['BBB', 'CCC']);
    expect(top(r, 10)).toHaveLength(3);
    expect(() => top(r, 0)).toThrow(UserError);
    expect(() => bottom(r, 1.5)).toThrow(UserError);
  });

  it('a given index return is reconciled against: residual = Σ − R', () => {
    // Σ = 390 bps, R = 4.00% = 400 bps → residual −10 bps
    const r = computeContributions(THREE, { indexReturn: 0.04 });
    expect(r.reconciliation?.indexReturnMethod).toBe('given');
    expect(r.reconciliation?.residualBps).toBeCloseTo(-10, 9);
  });

  it('partial list: no reconciliation, no end weight without R', () => {
    // weights sum to 0.3 → not the whole index
    const r = computeContributions([{ symbol: 'BBB', weightStart: 0.3, return: -0.05 }]);
    expect(r.wholeIndex).toBe(false);
    expect(r.reconciliation).toBeUndefined();
    expect(r.rows[0].weightEnd).toBeNull();
    expect(r.totalBps).toBeCloseTo(-150, 9);
    expect(r.provenance.notes.join(' ')).toMatch(/partial list/);
  });

  it('ties in contribution sort by symbol', () => {
    const r = computeContributions([
      { symbol: 'ZZZ', weightStart: 0.5, return: 0.02 },
      { symbol: 'AAA', weightStart: 0.5, return: 0.02 },
    ]);
    expect(r.rows.map((x) => x.symbol)).toEqual(['AAA', 'ZZZ']);
  });
});

describe('contributions from end weights', () => {
  it('solves R so start weights sum to 1 (two members, R = 0)', () => {
    // X w_end 0.6 r +20%, Y w_end 0.4 r −20%
    // Σ w_end/(1+r) = 0.6/1.2 + 0.4/0.8 = 0.5 + 0.5 = 1 → 1+R = 1/1 → R = 0
    // w_start X = 0.6 × 1/1.2 = 0.5; Y = 0.4 × 1/0.8 = 0.5
    // contributions: X 0.5 × 0.2 × 10000 = +1000; Y 0.5 × −0.2 × 10000 = −1000; Σ = 0 = R
    // (naively using end weights would give 0.6×0.2 − 0.4×0.2 = +4% = +400 bps: wrong)
    const r = computeContributions(
      [
        { symbol: 'X', weightEnd: 0.6, return: 0.2 },
        { symbol: 'Y', weightEnd: 0.4, return: -0.2 },
      ],
      { weights: 'end' },
    );
    expect(r.indexReturn).toBeCloseTo(0, 12);
    expect(r.rows[0]).toMatchObject({ symbol: 'X', weightEnd: 0.6 });
    expect(r.rows[0].weightStart).toBeCloseTo(0.5, 12);
    expect(r.rows[1].weightStart).toBeCloseTo(0.5, 12);
    expect(r.rows[0].contributionBps).toBeCloseTo(1000, 9);
    expect(r.rows[1].contributionBps).toBeCloseTo(-1000, 9);
    expect(r.reconciliation?.indexReturnMethod).toBe('solved-from-end-weights');
    expect(r.reconciliation?.residualBps).toBeCloseTo(0, 9);
  });

  it('round trip: end weights built from the three-member index give back its start weights', () => {
    // w_end = w_start (1+r)/(1+R), R = 0.039: AAA 0.55/1.039, BBB 0.285/1.039, CCC 0.204/1.039 (Σ = 1)
    const rows = [
      { symbol: 'AAA', weightEnd: 0.55 / 1.039, return: 0.1 },
      { symbol: 'BBB', weightEnd: 0.285 / 1.039, return: -0.05 },
      { symbol: 'CCC', weightEnd: 0.204 / 1.039, return: 0.02 },
    ];
    const r = computeContributions(rows, { weights: 'end' });
    expect(r.indexReturn).toBeCloseTo(0.039, 12);
    const bySym = Object.fromEntries(r.rows.map((x) => [x.symbol, x]));
    expect(bySym.AAA.weightStart).toBeCloseTo(0.5, 12);
    expect(bySym.BBB.weightStart).toBeCloseTo(0.3, 12);
    expect(bySym.CCC.weightStart).toBeCloseTo(0.2, 12);
    expect(r.totalBps).toBeCloseTo(390, 9);
  });

  it('rounded weights (Σ 99.9%) keep their total; residual = (S − 1)·R', () => {
    // X w_end 0.600 r +20%, Y w_end 0.399 r −20%; S = 0.999 (within the 0.5pp tolerance)
    // Σ w_end/(1+r) = 0.5 + 0.399/0.8 = 0.5 + 0.49875 = 0.99875
    // 1+R = S/0.99875 = 0.999/0.99875 = 1.000250312891114 → R = 2.50312891 bps
    // w_start X = 0.6 × 1.00025031/1.2 = 0.50012516; Y = 0.399 × 1.00025031/0.8 = 0.49887484 (Σ = 0.999)
    // Σ contributions = S·R = 0.999 × 2.50312891 = 2.50062578 bps; residual = −0.001 × R = −0.00250313 bps
    const r = computeContributions(
      [
        { symbol: 'X', weightEnd: 0.6, return: 0.2 },
        { symbol: 'Y', weightEnd: 0.399, return: -0.2 },
      ],
      { weights: 'end' },
    );
    const R = 0.999 / 0.99875 - 1;
    expect(r.indexReturn).toBeCloseTo(R, 14);
    expect(r.reconciliation?.indexReturnBps).toBeCloseTo(2.50312891, 7);
    expect(r.totalBps).toBeCloseTo(2.50062578, 7);
    expect(r.reconciliation?.residualBps).toBeCloseTo(-0.00250313, 7);
    expect(r.reconciliation?.weightSum).toBeCloseTo(0.999, 14);
    expect(r.provenance.notes.join(' ')).toMatch(/99\.9000%/);
  });

  it('partial list with a given index return', () => {
    // top holding X: w_end 10%, r +30%, index R +10%
    // w_start = 0.10 × 1.10/1.30 = 0.0846153846; contribution = 0.0846153846 × 0.30 × 10000 = 253.846153846 bps
    const r = computeContributions([{ symbol: 'X', weightEnd: 0.1, return: 0.3 }], {
      weights: 'end',
      indexReturn: 0.1,
    });
    expect(r.rows[0].weightStart).toBeCloseTo(0.11 / 1.3, 12);
    expect(r.rows[0].contributionBps).toBeCloseTo(3300 / 13, 9);
    expect(r.reconciliation).toBeUndefined();
  });

  it('partial list without an index return is a UserError', () => {
    expect(() =>
      computeContributions([{ symbol: 'X', weightEnd: 0.1, return: 0.3 }], { weights: 'end' }),
    ).toThrow(/give indexReturn/);
  });

  it('a −100% return cannot be converted from an end weight', () => {
    expect(() =>
      computeContributions(
        [
          { symbol: 'X', weightEnd: 1, return: 0.1 },
          { symbol: 'Y', weightEnd: 0, return: -1 },
        ],
        { weights: 'end' },
      ),
    ).toThrow(/−100%/);
  });
});

describe('contributions input errors', () => {
  it('empty, duplicate, missing weight, impossible return', () => {
    expect(() => computeContributions([])).toThrow(UserError);
    expect(() =>
      computeContributions([
        { symbol: 'A', weightStart: 0.5, return: 0 },
        { symbol: 'A', weightStart: 0.5, return: 0 },
      ]),
    ).toThrow(/more than once/);
    expect(() => computeContributions([{ symbol: 'A', weightEnd: 1, return: 0 }])).toThrow(/no start weight/);
    expect(() => computeContributions([{ symbol: 'A', weightStart: 1, return: -1.5 }])).toThrow(
      /below −100%/,
    );
    expect(() => computeContributions([{ symbol: 'A', weightStart: Number.NaN, return: 0 }])).toThrow(
      /finite/,
    );
  });
});

describe('parseContributionsCsv', () => {
  it('reads percent units into fractions', () => {
    const rows = parseContributionsCsv(
      'symbol,weight_pct,return_pct\nAAA,50,10\nBBB,30,-5\n\n# comment\nCCC,20%,2\n',
    );
    expect(rows).toEqual([
      { symbol: 'AAA', weightStart: 0.5, return: 0.1 },
      { symbol: 'BBB', weightStart: 0.3, return: -0.05 },
      { symbol: 'CCC', weightStart: 0.2, return: 0.02 },
    ]);
    // same figures as the hand case: 390 bps
    expect(computeContributions(rows).totalBps).toBeCloseTo(390, 9);
  });

  it('end weights, BOM, CRLF, column order and quotes', () => {
    const rows = parseContributionsCsv('\uFEFFReturn_pct,Symbol,Weight_pct\r\n"1,000.5","BRK.B",1.5\r\n', {
      weights: 'end',
    });
    expect(rows).toEqual([{ symbol: 'BRK.B', weightEnd: 0.015, return: 10.005 }]);
  });

  it('line-numbered errors', () => {
    const bad = (text: string) => {
      try {
        parseContributionsCsv(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        expect(e).toBeInstanceOf(UserError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(bad('symbol,weight_pct,return_pct\nAAA,50,10\nBBB,abc,2\n')).toBe(
      'contributions CSV:3: weight_pct: "abc" is not a number',
    );
    expect(bad('symbol,weight_pct\nAAA,50\n')).toMatch(/^contributions CSV:1: .*missing "return_pct"/);
    expect(bad('symbol,weight_pct,return_pct\nAAA,50\n')).toMatch(/^contributions CSV:2: expected 3 fields/);
    expect(bad('symbol,weight_pct,return_pct\nAAA,50,1\n\nAAA,20,1\n')).toBe(
      'contributions CSV:4: symbol AAA already given on line 2',
    );
    expect(bad('symbol,weight_pct,return_pct\nAAA,50,-150\n')).toMatch(
      /^contributions CSV:2: return_pct -150 is below −100/,
    );
    expect(bad('symbol,weight_pct,return_pct\nAAA,150,1\n')).toMatch(/^contributions CSV:2: weight_pct 150/);
    expect(bad('symbol,weight_pct,return_pct\n,5,1\n')).toBe('contributions CSV:2: symbol is empty');
    expect(bad('symbol,weight_pct,return_pct\n')).toMatch(/header only/);
    expect(bad('')).toMatch(/empty input/);
    expect(bad('symbol,weight_pct,return_pct\nAAA,"5,1\n')).toMatch(/^contributions CSV:2: unterminated/);
  });
});
