/**
 * Shapes shared by the claim checker: claims as extracted from the text (with spans into the
 * normalised text), and claims as checked (stated vs computed, tolerance, verdict, evidence).
 */
import type { Adjustment } from '../model/types.ts';

export type Verdict = 'supported' | 'contradicted' | 'approximately' | 'unverifiable';
export const VERDICTS: readonly Verdict[] = ['supported', 'contradicted', 'approximately', 'unverifiable'];

/**
 * Claim types. Checked against the data: return, spread, streak, record, level, table (a figure in a
 * table). Checked against the article itself: difference, multiple (discount/premium), sum, average,
 * count, distance (to a target), contribution, weekday, closed-day. forecast: recognised, never checked.
 */
export type ClaimType =
  | 'return'
  | 'spread'
  | 'streak'
  | 'record'
  | 'level'
  | 'table'
  | 'difference'
  | 'multiple'
  | 'sum'
  | 'average'
  | 'count'
  | 'distance'
  | 'contribution'
  | 'weekday'
  | 'closed-day'
  | 'forecast';

/** Offsets into the NORMALISED text (CheckResult.text): [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** Words that change how a stated number is compared (see tolerance.ts). */
export type Qualifier =
  | 'exact'
  | 'about'
  | 'more-than'
  | 'less-than'
  | 'at-least'
  | 'at-most'
  | 'flat'
  /** A qualitative word with a documented range ("modest gain", "plunged"): see `range`. */
  | 'range';

export type StatedUnit =
  | 'pct' // percent (5.3 = 5.3%)
  | 'pts' // percentage points
  | 'bps' // basis points
  | 'sessions'
  | 'level' // an index or price level
  | 'usd'
  | 'count'
  | 'multiple' // 15.2 times
  | 'date' // a date or month/year ("since March 1999")
  | 'weekday'
  | 'text';

export interface Stated {
  /** As written ("5.3%", "seven", "March 1999"). */
  text: string;
  /** Signed numeric value in `unit` (a fall of 0.8% is −0.8), or a string (date, weekday), or null. */
  value: number | string | null;
  unit: StatedUnit;
  /** Digits after the decimal point as written (rounding tolerance); 0 for whole numbers. */
  decimals: number;
  qualifier: Qualifier;
  /** For qualifier 'range': the bounds in percent (null = open) and the documented meaning. */
  range?: { lo: number | null; hi: number | null; meaning: string };
}

/** A series named in the text and what it resolved to. */
export interface SubjectRef {
  /** The words in the text ("small caps", "the index"). */
  text: string;
  span: Span | null;
  /** Canonical label of the alias entry ("Russell 2000"), or the ticker. */
  label: string;
  /**
   * Symbols to try, in order. `proxy` marks a stand-in (an ETF for an index): levels are not
   * comparable and its returns are total returns.
   */
  candidates: { symbol: string; proxy: boolean }[];
  /**
   * A category rather than one series ("small caps", "large caps"): every candidate is a fair reading
   * (the index and the fund that tracks it), none is a stand-in; the verdict names the series used.
   */
  generic?: boolean;
  /** Why the figure was bound to this subject (the rule of context.ts that applied). */
  binding?: string;
}

/** A period a return refers to, resolved to dates (see periods.ts). */
export interface PeriodRef {
  /** The words in the text ("year-to-date", "on Thursday"). */
  text: string;
  /** A named period of the analytics engine, ending at the as-of session. */
  named?: 'ytd' | 'mtd' | 'qtd' | '1w' | '1m' | '3m' | '6m' | '1y' | '3y' | '5y';
  /** Or an explicit range: base = last close BEFORE `from`, end = last close on or before `to`. */
  from?: string;
  to?: string;
  /** A single session (a day's move); also set for ranges `from === to`. */
  day?: string;
  /** Why the period could not be resolved (no as-of date, ...). */
  problem?: string;
  /** For a named period: the session it ends on when the text names one ("the week to June 6"). */
  asOf?: string;
  /**
   * Other fair readings of the same words ("the week": week-to-date or the trailing 7 days). The claim
   * is checked on each; the verdict is the best one and the evidence names the reading used.
   */
  alt?: PeriodRef[];
}

export interface Claim {
  id: number;
  type: ClaimType;
  /** The quoted text (the clause or sentence, or the table row). */
  text: string;
  /** Span of the quoted text; `focus` = span of the stated figure itself. */
  span: Span;
  focus: Span;
  stated: Stated;
  /** Type-specific parameters (see the extractors). */
  params: ClaimParams;
  /** Set when the claim can be marked without data (forecast, parse problem). */
  preset?: { verdict: Verdict; reason: string };
}

export type ClaimParams =
  | { kind: 'return'; subject: SubjectRef | null; period: PeriodRef | null }
  | { kind: 'spread'; a: SubjectRef | null; b: SubjectRef | null; period: PeriodRef | null; signed: boolean }
  | {
      kind: 'streak';
      mode: 'relative' | 'up' | 'down';
      a: SubjectRef | null;
      b: SubjectRef | null;
      unitWord: string;
      endDate: string | null;
      /** For a "longest since ..." claim: the stated date (YYYY or YYYY-MM) or 'record'. */
      since?: {
        year: number | null;
        month: number | null;
        record: boolean;
        /** "the longest in (nearly) 12 years", "not seen in 14 years": how long ago the last such run ended. */
        yearsAgo?: { n: number; qualifier: 'exact' | 'nearly' | 'about' | 'more-than' };
        /** "equalling a record that had stood since 1987": the earlier run is exactly as long. */
        equal?: boolean;
        /**
         * "The last time we saw a run like this? March 2009.": the date answers a question; the
         * earlier run at least as long only has to touch the named month (or year).
         */
        answer?: boolean;
      };
    }
  | {
      kind: 'record';
      subject: SubjectRef | null;
      /** 'exact': "the fifth straight record"; 'at-least': "in each of the past N sessions"; 'distance': "3% below its record". */
      mode: 'exact' | 'at-least' | 'distance';
      date: string | null;
      /** 'high' when the sentence says intraday ("set intraday highs"); default close. */
      basis?: 'close' | 'high';
    }
  | {
      kind: 'level';
      subject: SubjectRef | null;
      /**
       * close: the close on `date` is the level; cross-*: the close crossed it on `date`;
       * moving-average: the mean of the `window` closes ending on `date` ("its 200-session average of 57.81").
       */
      action: 'close' | 'cross-above' | 'cross-below' | 'moving-average';
      date: string | null;
      window?: number;
    }
  | {
      kind: 'table';
      measure: 'return' | 'level';
      subject: SubjectRef | null;
      period: PeriodRef | null;
      date: string | null;
      table: number;
      row: number;
      column: string;
    }
  | {
      kind: 'self';
      /** The arithmetic, with the article's own numbers ("6.1 = 4.5 − (−1.6)"). */
      formula: string;
      operands: { label: string; value: number; decimals: number }[];
      computed: number | null;
      /** Uncertainty the computation inherits from rounded operands (stated unit). */
      slack: number;
      /** Why nothing could be computed (→ unverifiable). */
      problem?: string;
      /** A second condition that failed ("five cases" but the table has six rows) (→ contradicted). */
      mismatch?: string;
      notes?: string[];
    }
  | { kind: 'weekday'; date: string; weekday: string }
  | { kind: 'closed-day'; date: string; reason: string }
  | { kind: 'forecast'; cue: string }
  /** The one-day step of an adjustment-basis splice ("IWM on March 17, 2026 (a one-day step of about −0.24%)"). */
  | { kind: 'splice-step'; subject: SubjectRef; date: string };

export interface EvidenceSeries {
  symbol: string;
  source: string;
  adjustment: Adjustment;
  /** 'total return' (split+dividend adjusted closes) or 'price return' (index levels, split-only). */
  basis: 'total return' | 'price return';
  proxy: boolean;
  first: string;
  last: string;
}

export interface Evidence {
  series: EvidenceSeries[];
  /** Dates used (base/end sessions, the streak's first/last session, ...). */
  dates: Record<string, string>;
  formula: string;
  /** Conventions applied, fallbacks taken, reasons. */
  notes: string[];
  /** When the words allow several readings (series, period): the one the verdict rests on. */
  reading?: string;
  /** Why the figure was bound to its subject ("the name before it in its clause", "a table row"). */
  binding?: string;
}

export interface Tolerance {
  /** Absolute tolerance in the stated unit (the half-unit of rounding, widened by qualifiers). */
  abs: number;
  rule: string;
}

export interface CheckedClaim {
  id: number;
  text: string;
  type: ClaimType;
  stated: Stated;
  computed: { value: number | string | null; text: string } | null;
  verdict: Verdict;
  tolerance: Tolerance | null;
  /** One line: why this verdict (always set for unverifiable). */
  reason: string;
  evidence: Evidence;
  span: Span;
  focus: Span;
  /**
   * How many times the page states this claim word for word (a scraped page that repeats its
   * header block or the whole article): reported once, with the count and the other places.
   */
  count: number;
  repeats?: { span: Span; focus: Span }[];
}

export interface CheckSummary {
  total: number;
  supported: number;
  contradicted: number;
  approximately: number;
  unverifiable: number;
  byType: Partial<Record<ClaimType, number>>;
}

export interface CheckResult {
  /** As-of date used for relative periods (null when none was given or found). */
  asOf: string | null;
  /** 'default': the caller's default (no date in the text); 'option': an override (`--as-of`). */
  asOfSource: 'option' | 'as-of phrase' | 'dateline' | 'default' | 'none';
  /** The session the data checks end on (asOf, or the last session before it). */
  dataAsOf: string | null;
  format: 'text' | 'markdown' | 'html';
  claims: CheckedClaim[];
  summary: CheckSummary;
  /** Highlight spans into `text`, one per claim (same order as `claims`). */
  spans: {
    claim: number;
    start: number;
    end: number;
    focusStart: number;
    focusEnd: number;
    verdict: Verdict;
  }[];
  /** The normalised text the spans point into. */
  text: string;
  /** Limits hit (claims capped, over-long lines skipped), in words. */
  notes: string[];
}
