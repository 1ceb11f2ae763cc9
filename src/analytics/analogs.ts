/**
 * Event study: "the last N times small caps beat large caps for 10 straight sessions, they went on
 * to beat them by X points over the next 3 months in Y% of cases".
 *
 * Conventions:
 * - Streaks are those of streak.ts on the common sessions (strict, a tie ends a streak; returns on the
 *   aligned closes). An EPISODE is dated on the session t at which a streak REACHED `minStreak`
 *   sessions; a streak counts once however long it ran.
 * - Forward returns over h sessions: close[t+h]/close[t] − 1 on the aligned closes (h COMMON sessions
 *   later), in percent; spreadPts = aFwdPct − bFwdPct (percentage points). Two conventions, both
 *   given: `forward`/`summary` measure from t = the session the threshold was REACHED (what a reader
 *   could act on that day); `forwardFromEnd`/`summaryFromEnd` from the session the streak ENDED
 *   (its last qualifying session: "after streaks like this, once over").
 * - The current, unfinished episode (its streak still running on the last common session) is never
 *   one of the past episodes: it is reported as `current` and left out of both summaries.
 * - An episode whose horizon runs past the last common session is listed with null for that horizon,
 *   left out of that horizon's statistics and counted in `excludedIncomplete`.
 * - Summary statistics are over spreadPts: mean, median (mean of the two middle values for an even
 *   count), hitRate = share of episodes with spreadPts > 0 strictly (a tie is not a hit), min, max.
 *   With no complete episode they are null.
 */
import { UserError } from '../model/errors.ts';
import { alignedReturns } from './align.ts';
import { checkSeries, isPriceSeries } from './input-checks.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import { seriesEntry } from './provenance-util.ts';
import type { PriceSeries } from './series.ts';
import type { Direction } from './streak-core.ts';
import { returnDiff, streakRuns } from './streak-core.ts';
import { checkDirection } from './streak.ts';

export interface HorizonSummary {
  /** Sessions ahead; null for a user table whose horizon was not given. */
  horizon: number | null;
  count: number;
  meanSpreadPts: number | null;
  medianSpreadPts: number | null;
  hitRate: number | null;
  min: number | null;
  max: number | null;
  excludedIncomplete: number;
}

export interface ForwardReturn {
  horizon: number;
  /** Session t+h, null when past the data. */
  end: string | null;
  aFwdPct: number | null;
  bFwdPct: number | null;
  spreadPts: number | null;
}

export interface PairEpisode {
  /** = reachedOn. */
  label: string;
  streakStart: string;
  /** Session on which the streak reached minStreak (t). */
  reachedOn: string;
  /** Full length of the streak (sessions), as far as the data goes. */
  streakLength: number;
  /** Last session of the streak (as far as the data goes). */
  streakEnd: string;
  /** True when the streak is still running on the last common session. */
  ongoing: boolean;
  /** Forward returns from `reachedOn` (the threshold session). */
  forward: ForwardReturn[];
  /** Forward returns from `streakEnd`; empty for the ongoing episode (it has not ended). */
  forwardFromEnd: ForwardReturn[];
}

export interface AnalogsResult {
  a: string;
  b: string;
  minStreak: number;
  direction: Direction;
  /** Every episode, oldest first, the current one (ongoing) included and flagged. */
  episodes: PairEpisode[];
  /** The episode still running on the last common session, or null: never in the summaries. */
  current: PairEpisode | null;
  /** Past (finished) episodes, forward returns from the session the threshold was reached. */
  summary: HorizonSummary[];
  /** Past episodes, forward returns from the session the streak ended. */
  summaryFromEnd: HorizonSummary[];
  measuredFrom: { summary: 'threshold session (reachedOn)'; summaryFromEnd: 'last session of the streak (streakEnd)' };
  provenance: AnalyticProvenance;
}

export interface AnalogsOptions {
  minStreak: number;
  horizons?: number[];
  direction?: Direction;
}

export const DEFAULT_HORIZONS = [21, 63, 126, 252];

export function analogs(a: PriceSeries, b: PriceSeries, opts: AnalogsOptions): AnalogsResult {
  checkSeries(a, 'series A');
  checkSeries(b, 'series B');
  for (const s of [a, b])
    if (!isPriceSeries(s))
      throw new UserError(`${(s as { symbol: string }).symbol}: analogs need closes (a price series)`);
  const N = opts?.minStreak;
  if (typeof N !== 'number' || !Number.isInteger(N) || N < 1)
    throw new UserError(`minStreak must be a whole number of sessions ≥ 1, got ${String(N)}`);
  const horizons = checkHorizons(opts.horizons ?? DEFAULT_HORIZONS);
  const direction = checkDirection(opts.direction);
  const ar = alignedReturns(a, b);
  const n = ar.dates.length;
  const runs = streakRuns(returnDiff(ar.ra, ar.rb), direction);
  const episodes: PairEpisode[] = [];
  for (let r = 0; r < runs.count; r++) {
    const len = runs.length[r];
    if (len < N) continue;
    const s = runs.start[r];
    const t = s + N - 1;
    const e = s + len - 1;
    const ongoing = s + len === n;
    const fwd = (from: number) =>
      horizons.map((h): ForwardReturn => {
        if (from + h >= n) return { horizon: h, end: null, aFwdPct: null, bFwdPct: null, spreadPts: null };
        const aF = (ar.aValues[from + h] / ar.aValues[from] - 1) * 100;
        const bF = (ar.bValues[from + h] / ar.bValues[from] - 1) * 100;
        return { horizon: h, end: ar.dates[from + h], aFwdPct: aF, bFwdPct: bF, spreadPts: aF - bF };
      });
    episodes.push({
      label: ar.dates[t],
      streakStart: ar.dates[s],
      reachedOn: ar.dates[t],
      streakLength: len,
      streakEnd: ar.dates[e],
      ongoing,
      forward: fwd(t),
      forwardFromEnd: ongoing ? [] : fwd(e),
    });
  }
  const past = episodes.filter((x) => !x.ongoing);
  const current = episodes.find((x) => x.ongoing) ?? null;
  const summary = horizons.map((h, i) =>
    summarize(
      h,
      past.map((x) => x.forward[i].spreadPts),
    ),
  );
  const summaryFromEnd = horizons.map((h, i) =>
    summarize(
      h,
      past.map((x) => x.forwardFromEnd[i].spreadPts),
    ),
  );
  const notes: string[] = [];
  for (const e of ar.excluded)
    notes.push(
      `${e.symbol} lacks ${e.missing.length} session(s) the other series has; the next common session's return is unknown and ends any streak`,
    );
  if (ar.unknown.length > 0)
    notes.push(`${ar.unknown.length} session(s) with an unknown paired return end any streak`);
  if (current)
    notes.push(
      `the current streak (${current.streakLength} sessions since ${current.streakStart}, still running on ${current.streakEnd}) is not one of the past episodes: left out of the summaries`,
    );
  const cmp = direction === 'over' ? '>' : '<';
  return {
    a: a.symbol,
    b: b.symbol,
    minStreak: N,
    direction,
    episodes,
    current,
    summary,
    summaryFromEnd,
    measuredFrom: { summary: 'threshold session (reachedOn)', summaryFromEnd: 'last session of the streak (streakEnd)' },
    provenance: {
      series: [
        seriesEntry(a, ar.overlap.first, ar.overlap.last),
        seriesEntry(b, ar.overlap.first, ar.overlap.last),
      ],
      formula:
        `episode t = session where a streak of r_A ${cmp} r_B (strict, common sessions) reaches ${N}; ` +
        'fwd_h = close[t+h]/close[t] − 1 (h common sessions; t = reachedOn for summary, streakEnd for summaryFromEnd); ' +
        'spreadPts = (fwd_A − fwd_B) × 100; past (finished) episodes only',
      excludedDates: ar.excluded,
      notes,
    },
  };
}

export interface EpisodeRow {
  label: string;
  aFwdPct: number;
  bFwdPct: number;
}

export interface TableEpisode extends EpisodeRow {
  spreadPts: number;
}

export interface TableAnalogsResult {
  episodes: TableEpisode[];
  summary: HorizonSummary[];
  provenance: { formula: string; notes: string[] };
}

/** The same summary over user-supplied forward returns (percent), one horizon. */
export function analogsFromTable(
  rows: EpisodeRow[],
  opts: { horizon?: number | null } = {},
): TableAnalogsResult {
  if (!Array.isArray(rows) || rows.length === 0) throw new UserError('no episodes given', 'not_found');
  const horizon = opts.horizon ?? null;
  if (horizon !== null) checkHorizons([horizon]);
  const episodes = rows.map((r, i): TableEpisode => {
    if (typeof r?.label !== 'string' || r.label.trim() === '')
      throw new UserError(`episode ${i + 1}: empty label`);
    for (const [k, v] of [
      ['aFwdPct', r.aFwdPct],
      ['bFwdPct', r.bFwdPct],
    ] as const)
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new UserError(`episode ${i + 1} (${r.label}): ${k} is not a finite number`);
    return { label: r.label, aFwdPct: r.aFwdPct, bFwdPct: r.bFwdPct, spreadPts: r.aFwdPct - r.bFwdPct };
  });
  return {
    episodes,
    summary: [
      summarize(
        horizon,
        episodes.map((e) => e.spreadPts),
      ),
    ],
    provenance: { formula: 'spreadPts = aFwdPct − bFwdPct (user table, percent)', notes: [] },
  };
}

const NUM_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

/**
 * Parses a user CSV `label,a_fwd_pct,b_fwd_pct` (header required, values in percent, an optional
 * trailing `%` allowed, blank lines ignored, fields may be double-quoted). Malformed rows are
 * UserErrors naming the line: `line 3: a_fwd_pct 'abc' is not a number`.
 */
export function parseEpisodesCsv(text: string): EpisodeRow[] {
  if (typeof text !== 'string' || text.trim() === '') throw new UserError('episodes CSV is empty');
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = src.split(/\r?\n/);
  const rows: EpisodeRow[] = [];
  let header = false;
  for (let i = 0; i < lines.length; i++) {
    const ln = i + 1;
    if (lines[i].trim() === '') continue;
    const cells = splitCsvLine(lines[i], ln).map((c) => c.trim());
    if (!header) {
      const h = cells.map((c) => c.toLowerCase());
      if (h.length !== 3 || h[0] !== 'label' || h[1] !== 'a_fwd_pct' || h[2] !== 'b_fwd_pct')
        throw new UserError(
          `line ${ln}: expected the header 'label,a_fwd_pct,b_fwd_pct', got '${lines[i].trim()}'`,
        );
      header = true;
      continue;
    }
    if (cells.length !== 3)
      throw new UserError(`line ${ln}: expected 3 fields (label,a_fwd_pct,b_fwd_pct), got ${cells.length}`);
    const [label, as, bs] = cells;
    if (label === '') throw new UserError(`line ${ln}: empty label`);
    const num = (name: string, s: string): number => {
      if (!NUM_RE.test(s)) throw new UserError(`line ${ln}: ${name} '${s}' is not a number`);
      return Number(s.endsWith('%') ? s.slice(0, -1) : s);
    };
    rows.push({ label, aFwdPct: num('a_fwd_pct', as), bFwdPct: num('b_fwd_pct', bs) });
  }
  if (rows.length === 0) throw new UserError('episodes CSV has a header but no rows');
  return rows;
}

function splitCsvLine(line: string, ln: number): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
    i++;
  }
  if (quoted) throw new UserError(`line ${ln}: unterminated quoted field`);
  out.push(cur);
  return out;
}

function checkHorizons(hs: unknown): number[] {
  if (!Array.isArray(hs) || hs.length === 0)
    throw new UserError('horizons must be a non-empty list of sessions');
  const seen = new Set<number>();
  for (const h of hs) {
    if (typeof h !== 'number' || !Number.isInteger(h) || h < 1)
      throw new UserError(`horizon must be a whole number of sessions ≥ 1, got ${String(h)}`);
    if (seen.has(h)) throw new UserError(`horizon ${h} is listed twice`);
    seen.add(h);
  }
  return hs as number[];
}

/** Summary of one horizon over spreads (null = incomplete episode). */
export function summarize(horizon: number | null, spreads: (number | null)[]): HorizonSummary {
  const v = spreads.filter((x): x is number => x !== null);
  const excludedIncomplete = spreads.length - v.length;
  const count = v.length;
  if (count === 0)
    return {
      horizon,
      count,
      meanSpreadPts: null,
      medianSpreadPts: null,
      hitRate: null,
      min: null,
      max: null,
      excludedIncomplete,
    };
  const sorted = Float64Array.from(v).sort();
  let sum = 0;
  let hits = 0;
  for (const x of v) {
    sum += x;
    if (x > 0) hits++;
  }
  const mid = count >> 1;
  return {
    horizon,
    count,
    meanSpreadPts: sum / count,
    medianSpreadPts: count % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    hitRate: hits / count,
    min: sorted[0],
    max: sorted[count - 1],
    excludedIncomplete,
  };
}
