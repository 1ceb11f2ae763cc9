/**
 * The shapes of a report: facts (every number, with provenance) and the article model that refers
 * to them. Text in the article never holds a number itself: numbers are `Ref`s to facts, rendered
 * by `fmt` (format.ts), so every printed number maps to a fact in the JSON.
 */
import type { SeriesNote } from '../analytics/series.ts';

/** What a fact's value measures (how it may be printed). */
export type Unit =
  | 'return' // fraction: 0.0948 = +9.48%
  | 'weight' // fraction of an index
  | 'pct' // already in percent: 9.48 = 9.48%
  | 'pts' // percentage points
  | 'bps' // basis points
  | 'sessions' // a number of trading sessions
  | 'count' // a number of things (episodes, members, years…)
  | 'date' // ISO date string
  | 'price' // a close or level, in the series' units
  | 'rho' // a correlation coefficient
  | 'years';

export interface Fact {
  id: string;
  value: number | string;
  unit: Unit;
  /** What the number is, in words. */
  label: string;
  /** Series the value was computed from. */
  series: string[];
  /** Where the series came from: source and file(s). */
  sources: string[];
  /** Dates the value covers. */
  dates: { start?: string; end?: string; asOf?: string };
  formula: string;
}

/** How a fact is printed. */
export type Style =
  | 'pct' // signed percent, 2 decimals: +9.48%
  | 'pct1' // signed percent, 1 decimal
  | 'pctAbs' // unsigned percent, 2 decimals
  | 'pct0Abs' // unsigned percent, no decimals: 67%
  | 'pts' // signed points: +9.48 pts
  | 'ptsAbs' // unsigned number of points: 9.48
  | 'bps' // signed basis points, 1 decimal: +12.3 bps
  | 'bpsAbs' // unsigned basis points number: 12.3
  | 'int' // whole number with thousands separators
  | 'ordinal' // 14th
  | 'date' // Aug. 21, 2026
  | 'dateShort' // Aug. 21
  | 'iso' // 2026-08-21
  | 'monthYear' // August 2026
  | 'year' // 2026
  | 'price' // 1,234.56
  | 'dec2'; // −0.40

export interface Ref {
  f: string;
  s: Style;
}
export type Inline = string | Ref;
/** A run of text and fact references. */
export type Para = Inline[];

export interface TableBlock {
  kind: 'table';
  id: string;
  caption: Para;
  columns: { label: Para; numeric: boolean }[];
  rows: Para[][];
}

export interface ChartBlock {
  kind: 'chart';
  id: string;
  title: string;
  /** Text alternative for readers without images. */
  alt: string;
  svg: string;
  /** What the chart draws from: series, window and how the plotted values are computed. */
  provenance: { series: string[]; start: string; end: string; formula: string };
}

export type Block = { kind: 'p'; text: Para } | { kind: 'note'; text: Para } | TableBlock | ChartBlock;

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

/** A section the data did not support, and why (a note, never filler). */
export interface Omitted {
  id: string;
  title: string;
  reason: Para;
}

/** A headline candidate and how it ranked (see headline.ts for the rule). */
export interface Candidate {
  kind: string;
  /** Years back to the last comparable event (the "since" date), or the data span for a first. */
  rarityYears: number;
  /** Tie-break order of the kind: lower wins. */
  priority: number;
  qualifies: boolean;
  headline: Para;
  /** The full sentence for the lede. */
  sentence: Para;
  facts: string[];
}

export interface ArticleModel {
  kind: 'pair' | 'symbol';
  /** File name stem, e.g. `iwm-spy-2026-08-21`. */
  slug: string;
  asOf: string;
  params: Record<string, string | string[]>;
  /** Short label above the headline (no numbers). */
  kicker: string;
  headline: Para;
  /** Dateline, e.g. "Data through Aug. 21, 2026". */
  dateline: Para;
  lede: Para[];
  sections: Section[];
  omitted: Omitted[];
  /** `seriesNotes`: the typed load-time notes (splice repairs, source choice) of every series used. */
  methods: { sources: TableBlock; notes: Para[]; seriesNotes?: SeriesNote[] };
  ranking: Candidate[];
}

export interface Report {
  facts: Fact[];
  article: ArticleModel;
}
