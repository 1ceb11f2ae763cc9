/**
 * Tolerance rules: how close a computed value must be to a stated one.
 *
 * Let u = one unit of the last stated digit (0.1 for "5.3%", 1 for "48%", 0.01 for "2,015.40") and
 * half = u / 2. `slack` is the uncertainty the computation itself inherits from rounded inputs (a
 * spread computed from two stated returns each rounded to 0.1 carries ±0.1): it is added to every
 * tolerance below. Values are compared in the stated unit (percent, points, sessions, a level).
 *
 * | wording                         | supported when                 | approximately when          |
 * |---------------------------------|--------------------------------|-----------------------------|
 * | exact ("5.3%")                  | |c − s| ≤ half                 | |c − s| ≤ 2 × half          |
 * |   … with a stand-in allowance a | (as above)                     | |c − s| ≤ half + a          |
 * | about / nearly / roughly / some | |c − s| ≤ max(10% of |s|, u)   | ≤ 2 × that                  |
 * | more than / over / above X      | |c| > |X|, same sign           | |c| ≥ |X| − min(half/10, 0.02) |
 * | less than / under X             | |c| < |X|                      | |c| ≤ |X| + min(half/10, 0.02) |
 * | at least X / at most X          | |c| ≥ |X| / |c| ≤ |X|          | within min(half/10, 0.02)   |
 * | flat / little changed / unchanged | |c| < 0.1 (percent)          | |c| < 0.2                   |
 * A bound is a bound: "more than 9%" with 8.7% is contradicted (not "approximately"); only a hair
 * under (a tenth of the rounding half-unit, at most 0.02: 8.98% for "more than 9%") is "approximately".
 * Qualitative words without a figure (extract-returns.ts QUALITATIVE): "gone nowhere" |c| < 1%;
 * "modest gain" 0 < c < 2%; "edged / inched higher" 0 < c < 0.5%; "edged / inched lower" −0.5% < c < 0;
 * "plunged / tumbled / sank / plummeted" c ≤ −2%; "soared / surged" c ≥ 2% — supported inside the range, else contradicted.
 * Whole-number counts (sessions, "four of five") have u = 1 but half = 0: they must match exactly.
 * The stand-in allowance a applies only when the evidence says the series is a stand-in with a
 * different return basis (an ETF's total return for a price index): a = 0.1 + 2.5 × years of the
 * period (percentage points; about the dividend yield plus tracking), and the verdict is never
 * better than `approximately`. Everything else is `contradicted`.
 */
import type { Stated, Tolerance, Verdict } from './types.ts';

const EPS = 1e-9;

export interface JudgeOptions {
  /** Uncertainty inherited from rounded inputs, in the stated unit. */
  slack?: number;
  /** Extra allowance for a stand-in series (total vs price return), with the reason. */
  allowance?: { amount: number; reason: string };
}

export interface Judgement {
  verdict: Verdict;
  tolerance: Tolerance;
  note?: string;
}

export function unitOf(stated: Stated): number {
  return 10 ** -stated.decimals;
}

export function halfUnit(stated: Stated): number {
  if ((stated.unit === 'sessions' || stated.unit === 'count') && stated.decimals === 0) return 0;
  return unitOf(stated) / 2;
}

const fmt = (x: number) => (Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2)).replace(/\.?0+$/, '') || '0';

export function judge(stated: Stated, computed: number, opts: JudgeOptions = {}): Judgement {
  const s = typeof stated.value === 'number' ? stated.value : Number.NaN;
  if (!Number.isFinite(s) || !Number.isFinite(computed))
    return { verdict: 'unverifiable', tolerance: { abs: 0, rule: 'no number to compare' } };
  const slack = Math.max(0, opts.slack ?? 0);
  const half = halfUnit(stated);
  const u = unitOf(stated);
  const slackTxt = slack > 0 ? ` + ${fmt(slack)} from rounded inputs` : '';
  switch (stated.qualifier) {
    case 'range': {
      const r = stated.range ?? { lo: null, hi: null, meaning: '' };
      const inside = (r.lo === null || computed > r.lo - slack) && (r.hi === null || computed < r.hi + slack);
      return {
        verdict: inside ? 'supported' : 'contradicted',
        tolerance: { abs: slack, rule: `"${stated.text}": ${r.meaning}` },
      };
    }
    case 'flat': {
      const a = Math.abs(computed);
      const rule = '"flat": |change| < 0.1%';
      return {
        verdict: a < 0.1 + slack ? 'supported' : a < 0.2 + slack ? 'approximately' : 'contradicted',
        tolerance: { abs: 0.1 + slack, rule },
      };
    }
    case 'about': {
      const tol = Math.max(0.1 * Math.abs(s), u) + slack;
      const d = Math.abs(computed - s);
      const rule = `"about": ±max(10% of ${fmt(Math.abs(s))}, one unit ${fmt(u)})${slackTxt}`;
      return {
        verdict: d <= tol + EPS ? 'supported' : d <= 2 * tol + EPS ? 'approximately' : 'contradicted',
        tolerance: { abs: tol, rule },
      };
    }
    case 'more-than': {
      const tol = Math.min(half / 10, 0.02) + slack;
      const rule = `"more than": |computed| > ${fmt(Math.abs(s))}, approximately within ${fmt(tol)} below`;
      const sameSign = s === 0 || computed * s > 0;
      const a = Math.abs(computed);
      const v: Verdict = !sameSign
        ? 'contradicted'
        : a > Math.abs(s) + EPS
          ? 'supported'
          : a >= Math.abs(s) - tol - EPS
            ? 'approximately'
            : 'contradicted';
      return { verdict: v, tolerance: { abs: tol, rule } };
    }
    case 'less-than': {
      const tol = Math.min(half / 10, 0.02) + slack;
      const rule = `"less than": |computed| < ${fmt(Math.abs(s))}, approximately within ${fmt(tol)} above`;
      const a = Math.abs(computed);
      const opposite = s !== 0 && computed * s < 0 && a >= 0.1;
      const v: Verdict = opposite
        ? 'contradicted'
        : a < Math.abs(s) - EPS
          ? 'supported'
          : a <= Math.abs(s) + tol + EPS
            ? 'approximately'
            : 'contradicted';
      return { verdict: v, tolerance: { abs: tol, rule } };
    }
    case 'at-least': {
      const tol = Math.min(half / 10, 0.02) + slack;
      const a = Math.abs(computed);
      const v: Verdict =
        a >= Math.abs(s) - EPS
          ? 'supported'
          : a >= Math.abs(s) - tol - EPS && tol > 0
            ? 'approximately'
            : 'contradicted';
      return { verdict: v, tolerance: { abs: tol, rule: `"at least": |computed| ≥ ${fmt(Math.abs(s))}` } };
    }
    case 'at-most': {
      const tol = Math.min(half / 10, 0.02) + slack;
      const a = Math.abs(computed);
      const v: Verdict =
        a <= Math.abs(s) + EPS
          ? 'supported'
          : a <= Math.abs(s) + tol + EPS && tol > 0
            ? 'approximately'
            : 'contradicted';
      return { verdict: v, tolerance: { abs: tol, rule: `"at most": |computed| ≤ ${fmt(Math.abs(s))}` } };
    }
    default: {
      const tol = half + slack;
      const d = Math.abs(computed - s);
      const exactCount = half === 0 && slack === 0;
      const rule = exactCount
        ? 'whole number: must match exactly'
        : `rounding: ±${fmt(half)} (half a unit of the last stated digit)${slackTxt}`;
      if (d <= tol + EPS) return { verdict: 'supported', tolerance: { abs: tol, rule } };
      if (opts.allowance && d <= tol + opts.allowance.amount + EPS)
        return {
          verdict: 'approximately',
          tolerance: {
            abs: tol + opts.allowance.amount,
            rule: `${rule}; + ${fmt(opts.allowance.amount)} allowance: ${opts.allowance.reason}`,
          },
          note: opts.allowance.reason,
        };
      if (!exactCount && d <= 2 * tol + EPS)
        return { verdict: 'approximately', tolerance: { abs: tol, rule } };
      return { verdict: 'contradicted', tolerance: { abs: tol, rule } };
    }
  }
}

/** Caps a verdict at `approximately` (used when only a stand-in series was available). */
export function capAtApproximately(v: Verdict): Verdict {
  return v === 'supported' ? 'approximately' : v;
}

/** The stand-in allowance in percentage points for a period of `days` calendar days. */
export function standInAllowance(days: number): number {
  return 0.1 + (2.5 * Math.max(0, days)) / 365.25;
}
