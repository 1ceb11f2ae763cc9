/**
 * The newsroom's stories: one generated article per pair and per instrument of the lists below,
 * as of the latest common session (or a chosen one). Shared by the front page and the feeds.
 */
import type { ServerContext } from '../context.ts';

export const REPORT_PAIRS = ['IWM:SPY', 'RSP:SPY', 'QQQ:SPY', 'XLK:SPY'];
export const REPORT_SYMBOLS = ['IWM', 'QQQ', 'XLK', 'RSP'];

export interface Story {
  /** 'pair' or 'symbol' */
  kind: 'pair' | 'symbol';
  /** IWM:SPY or IWM */
  subject: string;
  tickers: string[];
  url: string;
  api: string;
  headline: string;
  dek: string;
  kicker: string;
  asOf: string;
  /** The session's close in New York, ISO 8601 with the offset (16:00 ET). */
  published: string;
}

/** 16:00 in New York on `d` as ISO 8601 (EDT from the second Sunday of March to the first Sunday of November). */
export function marketClose(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  const nthSunday = (month: number, n: number) => {
    const first = new Date(Date.UTC(y, month - 1, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + 7 * (n - 1);
  };
  const dst = (m > 3 && m < 11) || (m === 3 && day >= nthSunday(3, 2)) || (m === 11 && day < nthSunday(11, 1));
  return `${d}T16:00:00${dst ? '-04:00' : '-05:00'}`;
}

export function storyUrl(kind: 'pair' | 'symbol', subject: string, asOf?: string): string {
  const path = kind === 'pair' ? `/reports/pair/${subject.split(':').map(encodeURIComponent).join('/')}` : `/reports/symbol/${encodeURIComponent(subject)}`;
  return asOf ? `${path}?asOf=${asOf}` : path;
}

interface ReportDoc {
  report: { asOf: string; headline: string; lede: string[]; kicker: string };
}

/** One story's summary (headline, dek, as-of), or null when the report cannot be written. */
export async function storySummary(ctx: ServerContext, kind: 'pair' | 'symbol', subject: string, asOf?: string): Promise<Story | null> {
  const e = await ctx.call('/api/report', { [kind]: subject, format: 'json', ...(asOf ? { asOf } : {}) });
  if (e.status !== 200) return null;
  const r = (e.value as ReportDoc).report;
  const dek = r.lede[0] ?? '';
  return {
    kind,
    subject,
    tickers: subject.split(':'),
    url: storyUrl(kind, subject, asOf),
    api: e.key,
    headline: r.headline,
    dek: dek.length > 280 ? `${dek.slice(0, 277)}…` : dek,
    kicker: r.kicker,
    asOf: r.asOf,
    published: marketClose(r.asOf),
  };
}

/** Every story, newest first (then pairs before instruments, in list order). */
export async function allStories(ctx: ServerContext, asOf?: string): Promise<Story[]> {
  const jobs = [...REPORT_PAIRS.map((p) => storySummary(ctx, 'pair', p, asOf)), ...REPORT_SYMBOLS.map((s) => storySummary(ctx, 'symbol', s, asOf))];
  const out = (await Promise.all(jobs)).filter((s): s is Story => s !== null);
  return out.map((s, i) => [s, i] as const).sort((a, b) => (a[0].asOf === b[0].asOf ? a[1] - b[1] : a[0].asOf < b[0].asOf ? 1 : -1)).map(([s]) => s);
}
