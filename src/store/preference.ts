/**
 * The source-preference rule, applied when a batch brings price bars from a source a symbol did not
 * have. A new source never silently replaces the preferred one (the one every analysis reads):
 *
 * - the first source of a symbol is its preferred source ('only');
 * - `--prefer` (or `sources prefer`) makes it preferred ('requested');
 * - it becomes preferred when it strictly extends the preferred series — holds every one of its
 *   sessions plus at least one more — and agrees with it on that overlap within the tolerance ('extends');
 * - a source the data notes rank higher (primary > panel > alt) replaces a lower-ranked one the user
 *   did not choose ('ranked'); files of unknown origin and live downloads rank lowest, so never;
 * - otherwise it is stored beside the preferred one ('beside'), or, when the overlapping sessions
 *   disagree beyond the tolerance, reported as a conflict listing the first such dates ('conflict').
 *
 * The comparison uses split+dividend closes where a source has them (adj_close), else close.
 */
import { type BarColumns, barColumnsOf } from '../model/bar-columns.ts';
import { dayToIso } from '../model/days.ts';
import type { ImportBatch } from '../model/batch.ts';
import type { MarketStore, SourceInfo } from './store.ts';

/** Relative tolerance for "agrees on the overlap": 0.1%, the `sources compare` default. */
export const PREFERENCE_TOLERANCE = 0.001;

export interface Overlap {
  /** Sessions both series hold. */
  sessions: number;
  /** Largest |incoming / stored − 1| over those sessions, in percent (null when none overlap). */
  maxAbsDiffPct: number | null;
  /** Sessions where the difference exceeds the tolerance. */
  disagreeing: number;
  /** The first (earliest) of those, at most five. */
  firstDisagreements: { date: string; stored: number; incoming: number; diffPct: number }[];
  /** Stored sessions the incoming series lacks, and incoming sessions the stored one lacks. */
  missingFromIncoming: number;
  extraInIncoming: number;
}

export type DecisionOutcome = 'only' | 'requested' | 'extends' | 'ranked' | 'beside' | 'conflict';

export interface SourceDecision {
  symbol: string;
  source: string;
  outcome: DecisionOutcome;
  /** Preferred source before this import (null for a new symbol) and after it. */
  previous: string | null;
  preferred: string;
  incoming: { first: string; last: string; sessions: number };
  stored: { first: string; last: string; sessions: number } | null;
  overlap: Overlap | null;
  message: string;
}

/** Sessions (ascending dates, one value each) of one side of a comparison. */
export interface Closes {
  dates: string[];
  values: ArrayLike<number>;
}

/** Compare incoming closes with stored ones on their common sessions (both ascending by date). */
export function compareOverlap(stored: Closes, incoming: Closes, tolerance = PREFERENCE_TOLERANCE): Overlap {
  const inc = new Map<string, number>();
  for (let i = 0; i < incoming.dates.length; i++) inc.set(incoming.dates[i], incoming.values[i]);
  let sessions = 0;
  let maxAbs: number | null = null;
  let disagreeing = 0;
  const first: Overlap['firstDisagreements'] = [];
  for (let i = 0; i < stored.dates.length; i++) {
    const b = inc.get(stored.dates[i]);
    const a = stored.values[i];
    if (b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || a === 0) continue;
    sessions++;
    const d = Math.abs(b / a - 1);
    if (maxAbs === null || d > maxAbs) maxAbs = d;
    if (d > tolerance) {
      disagreeing++;
      if (first.length < 5)
        first.push({ date: stored.dates[i], stored: a, incoming: b, diffPct: (b / a - 1) * 100 });
    }
  }
  return {
    sessions,
    maxAbsDiffPct: maxAbs === null ? null : maxAbs * 100,
    disagreeing,
    firstDisagreements: first,
    missingFromIncoming: stored.dates.length - sessions,
    extraInIncoming: incoming.dates.length - sessions,
  };
}

const fmtPct = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(4)}%`);

export function overlapText(o: Overlap, tolerance = PREFERENCE_TOLERANCE): string {
  return `overlap: ${o.sessions} sessions compared, max abs diff ${fmtPct(o.maxAbsDiffPct)} (tolerance ${(tolerance * 100).toFixed(2)}%)`;
}

interface Candidate {
  symbol: string;
  source: string;
  priority: number;
  first: string;
  last: string;
  sessions: number;
  /** The closes ascending by date, built only when they are compared (a second source of a symbol). */
  closes(): Closes;
}

/** The new (symbol, source) pairs of a price batch, with their non-provisional closes. */
function candidates(batch: ImportBatch): Candidate[] {
  const cols = barColumnsOf(batch);
  return cols ? candidatesOfColumns(cols, batch.priority ?? PRIORITY_UNKNOWN) : candidatesOfBars(batch);
}

/** The same from a batch's columns: one (symbol, source) per symbol run, dates as days. */
function candidatesOfColumns(c: BarColumns, priority: number): Candidate[] {
  const out: Candidate[] = [];
  for (let k = 0; k < c.symbols.length; k++) {
    const rows: number[] = [];
    let first = Infinity;
    let last = -Infinity;
    for (let i = c.runStart[k]; i < c.runStart[k + 1]; i++) {
      if (c.provisional[i]) continue;
      rows.push(i);
      if (c.day[i] < first) first = c.day[i];
      if (c.day[i] > last) last = c.day[i];
    }
    if (rows.length === 0) continue;
    out.push({
      symbol: c.symbols[k],
      source: c.source,
      first: dayToIso(first),
      last: dayToIso(last),
      sessions: rows.length,
      priority,
      closes: () => {
        const order = rows.slice().sort((x, y) => c.day[x] - c.day[y]);
        return { dates: order.map((i) => dayToIso(c.day[i])), values: order.map((i) => (Number.isNaN(c.adjClose[i]) ? c.close[i] : c.adjClose[i])) };
      },
    });
  }
  return out;
}

function candidatesOfBars(batch: ImportBatch): Candidate[] {
  type Found = { symbol: string; source: string; first: string; last: string; sessions: number };
  const by = new Map<string, Found>();
  const bars = batch.bars;
  let c: Found | undefined;
  for (const b of bars) {
    if (b.provisional) continue;
    // Bars come in runs of one (symbol, source): look the pair up when it changes.
    if (!c || b.symbol !== c.symbol || b.prov.source !== c.source) {
      const k = `${b.symbol}\u0000${b.prov.source}`;
      c = by.get(k);
      if (!c) {
        c = { symbol: b.symbol, source: b.prov.source, first: b.date, last: b.date, sessions: 0 };
        by.set(k, c);
      }
    }
    c.sessions++;
    if (b.date < c.first) c.first = b.date;
    if (b.date > c.last) c.last = b.date;
  }
  return [...by.values()].map((f) => ({
    ...f,
    priority: batch.priority ?? PRIORITY_UNKNOWN,
    closes: () => {
      const mine = bars.filter((b) => !b.provisional && b.symbol === f.symbol && b.prov.source === f.source);
      const order = mine.map((_, i) => i).sort((x, y) => (mine[x].date < mine[y].date ? -1 : 1));
      return { dates: order.map((i) => mine[i].date), values: order.map((i) => mine[i].adjClose ?? mine[i].close) };
    },
  }));
}

/** Rank of a source the data notes do not describe (a user's file, a live download). */
export const PRIORITY_UNKNOWN = 0;

export interface PreferencePlan {
  decisions: SourceDecision[];
  /** (symbol, source) pairs to record as the chosen preferred source, in the write's transaction. */
  setPreferred: { symbol: string; source: string }[];
}

/** Decide, before writing a batch, which source each of its symbols will prefer afterwards. */
export async function planPreference(
  store: MarketStore,
  batch: ImportBatch,
  opts: {
    prefer?: boolean;
    tolerance?: number;
    /** The stored sources of the batch's symbols, when the caller read them together (listSourcesMany). */
    listed?: ReadonlyMap<string, SourceInfo[]>;
  } = {},
): Promise<PreferencePlan> {
  const tol = opts.tolerance ?? PREFERENCE_TOLERANCE;
  const plan: PreferencePlan = { decisions: [], setPreferred: [] };
  for (const c of candidates(batch)) {
    if (c.sessions === 0) continue;
    const sources = opts.listed?.get(c.symbol) ?? (await store.listSources(c.symbol));
    const exists = sources.some((s) => s.source === c.source);
    const incoming = { first: c.first, last: c.last, sessions: c.sessions };
    const d = (
      outcome: DecisionOutcome,
      previous: string | null,
      preferred: string,
      message: string,
      stored: SourceDecision['stored'] = null,
      overlap: Overlap | null = null,
    ): SourceDecision => ({
      symbol: c.symbol,
      source: c.source,
      outcome,
      previous,
      preferred,
      incoming,
      stored,
      overlap,
      message,
    });
    const pref = sources.find((s) => s.preferred) ?? null;
    if (opts.prefer) {
      plan.setPreferred.push({ symbol: c.symbol, source: c.source });
      plan.decisions.push(
        d(
          'requested',
          pref?.source ?? null,
          c.source,
          `${c.symbol}: ${c.source} is now the preferred source (--prefer)${pref && pref.source !== c.source ? `; was ${pref.source}` : ''}`,
        ),
      );
      continue;
    }
    if (exists) continue; // more rows for a source the symbol already has: nothing to decide
    if (!pref) {
      plan.decisions.push(d('only', null, c.source, `${c.symbol}: first source ${c.source}, preferred`));
      continue;
    }
    const stored = await store.getPriceSeries(c.symbol, { source: pref.source, useAdjClose: true });
    const storedRange = {
      first: stored.dates[0],
      last: stored.dates[stored.dates.length - 1],
      sessions: stored.dates.length,
    };
    const o = compareOverlap({ dates: stored.dates, values: stored.close }, c.closes(), tol);
    plan.decisions.push(decide(c, pref, sources, o, storedRange, tol, plan, d));
  }
  return plan;
}

type Make = (
  outcome: DecisionOutcome,
  previous: string | null,
  preferred: string,
  message: string,
  stored: SourceDecision['stored'],
  overlap: Overlap | null,
) => SourceDecision;

function decide(
  c: Candidate,
  pref: SourceInfo,
  sources: SourceInfo[],
  o: Overlap,
  stored: NonNullable<SourceDecision['stored']>,
  tol: number,
  plan: PreferencePlan,
  d: Make,
): SourceDecision {
  const chosen = sources.some((s) => s.chosen);
  const agrees = o.sessions > 0 && o.disagreeing === 0;
  const extendsAll = o.missingFromIncoming === 0 && o.extraInIncoming > 0;
  const ov = overlapText(o, tol);
  const how = `to prefer it: \`marketdash sources prefer ${c.symbol} ${c.source}\` or import with --prefer`;
  if (extendsAll && agrees) {
    plan.setPreferred.push({ symbol: c.symbol, source: c.source });
    return d(
      'extends',
      pref.source,
      c.source,
      `${c.symbol}: ${c.source} is now preferred: it holds all ${stored.sessions} sessions of ${pref.source} and ${o.extraInIncoming} more, and agrees on the ${ov}`,
      stored,
      o,
    );
  }
  if (!chosen && c.priority > pref.priority) {
    return d(
      'ranked',
      pref.source,
      c.source,
      `${c.symbol}: ${c.source} is now preferred over ${pref.source} (the data notes rank it higher: primary > panel > alt); ${ov}`,
      stored,
      o,
    );
  }
  // Would the stored ordering (priority, then name) let it win? Then pin the current one.
  if (!chosen && c.priority === pref.priority && c.source < pref.source)
    plan.setPreferred.push({ symbol: c.symbol, source: pref.source });
  if (o.disagreeing > 0) {
    const dates = o.firstDisagreements
      .map((x) => `${x.date} (${x.diffPct >= 0 ? '+' : ''}${x.diffPct.toFixed(3)}%)`)
      .join(', ');
    return d(
      'conflict',
      pref.source,
      pref.source,
      `${c.symbol}: CONFLICT — ${c.source} disagrees with the preferred ${pref.source} on ${o.disagreeing} of ${o.sessions} overlapping sessions beyond ${(tol * 100).toFixed(2)}%, first: ${dates}; stored beside, ${pref.source} stays preferred (${how})`,
      stored,
      o,
    );
  }
  const why =
    o.sessions === 0
      ? 'no session in common'
      : o.missingFromIncoming > 0
        ? `it lacks ${o.missingFromIncoming} of the ${stored.sessions} sessions of ${pref.source}`
        : 'it adds no session';
  return d(
    'beside',
    pref.source,
    pref.source,
    `${c.symbol}: ${c.source} stored beside ${pref.source}, which stays preferred (${why}; ${ov}; ${how})`,
    stored,
    o,
  );
}
