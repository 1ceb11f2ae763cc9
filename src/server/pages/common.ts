/** Helpers the pages share: page parameters, the as-of session, symbol lists. */
import { z } from 'zod';
import { parseParams } from '../../facts/params.ts';
import type { SeriesInfo } from '../../store/store.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { Entry } from '../results.ts';

export { isoDate } from '../schemas.ts';

/** Validate a page's query (unknown parameters are ignored: pages are for people). */
export function pageParams<T extends z.ZodTypeAny>(schema: T, query: Record<string, string>): z.infer<T> {
  return parseParams(schema, query);
}

export interface Sessions {
  entry: Entry;
  url: string;
  sessions: string[];
  /** The session used: the asked date, else the last session on or before it, else the last session. */
  asOf: string;
  /** Why the session used differs from the date asked, if it does. */
  note: string | null;
}

interface SessionsDoc {
  sessions: string[];
  last: string | null;
}

/** The sessions common to `symbols` and the as-of session to use. Unknown symbol → 404. */
export async function sessionsFor(ctx: ServerContext, symbols: string[], asked?: string): Promise<Sessions> {
  const entry = await ctx.call('/api/sessions', { symbols: symbols.join(',') });
  if (entry.status !== 200) {
    const err = (entry.value as { error: { message: string; code: string } }).error;
    throw new HttpError(entry.status === 404 ? 404 : 400, entry.status === 404 ? 'not_found' : 'bad_input', err.message);
  }
  const doc = entry.value as SessionsDoc;
  if (doc.sessions.length === 0) throw new HttpError(404, 'not_found', `no sessions common to ${symbols.join(', ')}`);
  const last = doc.sessions[doc.sessions.length - 1];
  let asOf = last;
  let note: string | null = null;
  if (asked) {
    const k = lastOnOrBefore(doc.sessions, asked);
    if (k < 0) throw new HttpError(400, 'bad_input', `asOf ${asked} is before the first session with data (${doc.sessions[0]})`, 'asOf');
    asOf = doc.sessions[k];
    if (asOf !== asked) note = asked > last ? `${asked} is after the last session with data: showing ${asOf}.` : `${asked} is not a session: showing the session before it, ${asOf}.`;
  }
  return { entry, url: entry.key, sessions: doc.sessions, asOf, note };
}

/** Index of the last element ≤ d in ascending dates, −1 if none. */
export function lastOnOrBefore(dates: string[], d: string): number {
  let lo = 0;
  let hi = dates.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= d) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Index of the first element ≥ d, dates.length if none. */
export function firstOnOrAfter(dates: string[], d: string): number {
  const k = lastOnOrBefore(dates, d);
  return k >= 0 && dates[k] === d ? k : k + 1;
}

/** Symbols with stored prices (the preferred source of each), for selectors. */
export async function priceSymbols(ctx: ServerContext): Promise<SeriesInfo[]> {
  const e = await ctx.call('/api/series', { table: 'bars' });
  if (e.status !== 200) return [];
  return (e.value as { series: SeriesInfo[] }).series.filter((s) => s.preferred);
}

/** The date `months` calendar months before `d` (clamped to month end), as YYYY-MM-DD. */
export function monthsBefore(d: string, months: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 - months, 1));
  const end = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(day, end));
  return t.toISOString().slice(0, 10);
}

/** Chart ranges of the price charts (switched in the page, no reload). */
export const CHART_RANGES: [string, string][] = [
  ['1m', '1M'],
  ['3m', '3M'],
  ['6m', '6M'],
  ['ytd', 'YTD'],
  ['1y', '1Y'],
  ['3y', '3Y'],
  ['5y', '5Y'],
  ['10y', '10Y'],
  ['max', 'Max'],
];
export const ChartRange = z.enum(['1m', '3m', '6m', 'ytd', '1y', '3y', '5y', '10y', 'max']);

/**
 * The base session of a chart range ending at asOf, by perf's convention: YTD = last session
 * before 1 January (the prior year's last close), N months = last session on or before asOf − N
 * months, Max = the first session.
 */
export function rangeBase(range: string, asOf: string, sessions: string[]): string {
  if (range === 'max') return sessions[0];
  const target = range === 'ytd' ? `${Number(asOf.slice(0, 4)) - 1}-12-31` : monthsBefore(asOf, range.endsWith('y') ? 12 * Number(range.slice(0, -1)) : Number(range.slice(0, -1)));
  const k = lastOnOrBefore(sessions, target);
  return sessions[Math.max(0, k)];
}

export const RANGES: [string, string][] = [
  ['ytd', 'YTD'],
  ['1y', '1Y'],
  ['3y', '3Y'],
  ['5y', '5Y'],
  ['10y', '10Y'],
  ['max', 'Max'],
];

/** First date of a chart range ending at asOf. */
export function rangeStart(range: string, asOf: string, first: string): string {
  if (range === 'max') return first;
  if (range === 'ytd') return `${asOf.slice(0, 4)}-01-01`;
  const years = Number(range.replace('y', ''));
  return monthsBefore(asOf, 12 * years);
}

export const RangeParam = z.enum(['ytd', '1y', '3y', '5y', '10y', 'max']);

/** URL of this page with some parameters changed (undefined removes one). */
export function withParams(url: URL, changes: Record<string, string | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  return `${u.pathname}${u.search}`;
}
