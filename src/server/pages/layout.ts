/** The page shell and shared pieces: navigation, key numbers tied to API URLs, the session date picker. */
import { errorResponse } from '../errors.ts';
import type { Entry } from '../results.ts';
import { assetUrl } from '../routes/assets.ts';
import { type Fmt, formatValue, valueAt } from './format.ts';
import { esc, h, jsonScript, type Raw, raw } from './html.ts';

export type Nav = 'overview' | 'pair' | 'instrument' | 'perf' | 'rrg' | 'factor' | 'reports' | 'check' | 'alerts';

const NAV: [Nav, string, string][] = [
  ['overview', '/', 'Overview'],
  ['instrument', '/instrument/IWM', 'Chart'],
  ['pair', '/pair/IWM/SPY', 'Pair'],
  ['perf', '/perf', 'PerfChart'],
  ['rrg', '/rrg', 'Rotation'],
  ['factor', '/factor', 'Size factor'],
  ['reports', '/reports', 'Newsroom'],
  ['check', '/check', 'Checker'],
  ['alerts', '/alerts', 'Alerts'],
];

export interface PageSpec {
  title: string;
  nav: Nav;
  body: Raw;
  /** Client scripts under /assets (ES modules; the shared ones, common.js first, are always included). */
  scripts?: string[];
  /** echarts (true / 'echarts'), lightweight-charts ('price'), or both. */
  charts?: boolean | 'echarts' | 'price' | 'both';
  /** Data for the page's script (a JSON block with id "page-data"). */
  data?: unknown;
}

/** The shared client scripts every page loads, in order (common.js first: it creates window.MD). */
const SHARED = ['common.js', 'picker.js', 'search.js', 'export.js', 'widgets.js'];

export function layout(p: PageSpec): string {
  const echarts = p.charts === true || p.charts === 'echarts' || p.charts === 'both';
  const price = p.charts === 'price' || p.charts === 'both';
  // Libraries are classic scripts; ours are ES modules (deferred too, run in document order after them).
  const libs = [...(price ? ['lightweight-charts.js'] : []), ...(echarts ? ['echarts.min.js'] : [])];
  const scripts = [...SHARED, ...(price ? ['lwc.js'] : []), ...(p.scripts ?? [])];
  return `<!doctype html>${h`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} · MarketDash</title>
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/atom+xml" title="MarketDash stories (Atom)" href="/feed.atom">
<link rel="alternate" type="application/feed+json" title="MarketDash stories (JSON Feed)" href="/feed.json">
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script src="${assetUrl('theme.js')}"></script>
${libs.map((s) => h`<script defer src="${assetUrl(s)}"></script>`)}
${scripts.map((s) => h`<script type="module" src="${assetUrl(s)}"></script>`)}
</head><body data-page="${p.nav}">
<a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="/">MarketDash</a>
<div class="search" role="search"><label class="sr-only" for="symbol-search">Search symbols</label><input id="symbol-search" type="search" placeholder="Search ticker or name ( / )" autocomplete="off" role="combobox" aria-expanded="false" aria-controls="search-results" aria-autocomplete="list"><ul id="search-results" role="listbox" aria-label="matching symbols" hidden></ul></div>
<nav aria-label="main">${NAV.map(
    ([k, href, label]) => h`<a href="${href}"${raw(k === p.nav ? ' aria-current="page" class="active"' : '')}>${label}</a>`,
  )}<a href="/api/openapi.json">API</a></nav>
<button type="button" id="theme-toggle" class="theme-toggle" aria-label="Switch to dark theme">◐</button></header>
<main id="main" tabindex="-1">${p.body}</main>
<footer>Data from the local store; every number links to the API result it comes from. Returns are total returns where the closes are split+dividend adjusted. Keys: <kbd>/</kbd> search · <kbd>t</kbd> theme.</footer>
${p.data === undefined ? '' : jsonScript('page-data', p.data)}
</body></html>`}`;
}

/** A key number: the formatted value at `path` of an API result, tied to its URL for checking. */
export function num(e: Entry, path: string, fmt: Fmt, cls = ''): Raw {
  if (e.status !== 200) return h`<span class="num na ${cls}" title="${errMsg(e)}">—</span>`;
  const v = valueAt(e.value, path);
  const sign = typeof v === 'number' && (fmt === 'pct' || fmt === 'pts' || fmt === 'pct1') ? (v > 0 ? ' pos' : v < 0 ? ' neg' : '') : '';
  return h`<a class="num${sign} ${cls}" href="${e.key}" tabindex="-1" data-api="${e.key}" data-path="${path}" data-fmt="${fmt}">${formatValue(v, fmt)}</a>`;
}

export function errMsg(e: Entry): string {
  return (e.value as { error?: { message?: string } })?.error?.message ?? `error ${e.status}`;
}

export function ok<T>(e: Entry): T | null {
  return e.status === 200 ? (e.value as T) : null;
}

export function empty(msg: string): Raw {
  return h`<div class="empty" role="status">${msg}</div>`;
}

export function notice(msg: string | Raw, kind: 'note' | 'error' = 'note'): Raw {
  return h`<div class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${msg}</div>`;
}

/** The as-of picker: a calendar that offers only the sessions of `sessionsUrl`; picking one navigates. */
export function datePicker(o: { sessionsUrl: string; value: string; param?: string; label?: string; id?: string }): Raw {
  return h`<div class="datepicker" id="${o.id ?? `dp-${o.param ?? 'asOf'}`}" data-sessions="${o.sessionsUrl}" data-param="${o.param ?? 'asOf'}" data-value="${o.value}">
<span class="dp-label">${o.label ?? 'As of'}</span>
<a class="dp-step dp-prev" role="button" aria-label="previous session" href="#">‹</a>
<button type="button" class="dp-toggle" aria-haspopup="dialog" aria-expanded="false">${o.value}</button>
<a class="dp-step dp-next" role="button" aria-label="next session" href="#">›</a>
<div class="dp-panel" role="dialog" aria-label="choose a session" hidden></div>
</div>`;
}

/** Links that set one query parameter, marking the current value. */
export function choices(base: URL, param: string, values: [string, string][], current: string): Raw {
  return h`<span class="choices" data-param="${param}">${values.map(([v, label]) => {
    const u = new URL(base);
    u.searchParams.set(param, v);
    return h`<a href="${u.pathname}${u.search}"${raw(v === current ? ' aria-current="true" class="on"' : '')}>${label}</a>`;
  })}</span>`;
}

/** A chart card: the canvas is described by a text alternative (#ID-desc) the script fills in. */
export function chartBox(id: string, title: string, height = 360): Raw {
  return h`<section class="card chart-card"><h2 id="${id}-title">${title}</h2><div class="chart" id="${id}" style="height:${String(height)}px" data-state="loading" role="figure" aria-labelledby="${id}-title" aria-describedby="${id}-desc"><div class="loading">Loading…</div></div><p class="sr-only chart-desc" id="${id}-desc"></p></section>`;
}

export function htmlResponse(html: string, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...extra } });
}

export function errorPage(e: unknown): Response {
  const r = errorResponse(e);
  const title = r.status === 404 ? 'Not found' : r.status === 400 ? 'Bad request' : r.status >= 500 ? 'Something went wrong' : 'Error';
  return htmlResponse(layout({ title, nav: 'overview', body: h`<h1>${title}</h1>${notice(r.body.error.message, 'error')}<p><a href="/">Back to the overview</a></p>` }), r.status, {
    'cache-control': 'no-store',
  });
}

export function notFoundPage(path: string): Response {
  return htmlResponse(layout({ title: 'Not found', nav: 'overview', body: h`<h1>Not found</h1>${notice(`There is no page at ${path}.`, 'error')}<p><a href="/">Back to the overview</a></p>` }), 404);
}

export { esc, h, raw };
export type { Raw };
