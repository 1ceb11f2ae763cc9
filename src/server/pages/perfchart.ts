/**
 * PerfChart (/perf?symbols=SPY,IWM,QQQ&range=ytd): up to 10 symbols rebased to 0% at one base
 * (the range's base by perf's convention — YTD from the prior year's last close — or a chosen
 * date), overlaid; the table of end values is /api/perf's, and each line ends at its row.
 */
import { z } from 'zod';
import type { PerfResult } from '../../analytics/perf.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { CHART_RANGES, ChartRange, isoDate, pageParams, rangeBase, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { datePicker, empty, errMsg, h, layout, notice, num, ok } from './layout.ts';
import { rangePerfQuery } from './price-chart.ts';

const Params = z.object({
  symbols: z
    .string()
    .default('SPY,IWM,QQQ,RSP')
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean))]),
  range: ChartRange.default('ytd'),
  from: isoDate.optional(),
  asOf: isoDate.optional(),
});

export const MAX_PERF_SYMBOLS = 10;

export async function perfChartPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(Params, req.query);
  if (p.symbols.length === 0) throw new HttpError(400, 'bad_input', 'symbols: give at least one symbol', 'symbols');
  if (p.symbols.length > MAX_PERF_SYMBOLS) throw new HttpError(400, 'bad_input', `symbols: at most ${MAX_PERF_SYMBOLS} (got ${p.symbols.length})`, 'symbols');
  const s = await sessionsFor(ctx, p.symbols, p.asOf);
  const asOf = s.asOf;
  const base = p.from ? (s.sessions.filter((d) => d < p.from!).at(-1) ?? s.sessions[0]) : rangeBase(p.range, asOf, s.sessions);
  const query = p.from ? { from: p.from, to: asOf } : rangePerfQuery(p.range, asOf, base);
  const perf = await ctx.call('/api/perf', { symbols: p.symbols.join(','), ...query });
  const r = ok<PerfResult>(perf);
  const rangeButtons = CHART_RANGES.map(([v, l]) => {
    const u = new URL(req.url);
    u.searchParams.set('range', v);
    u.searchParams.delete('from');
    return h`<a href="${u.pathname}${u.search}"${v === p.range && !p.from ? h` aria-current="true" class="on"` : ''} data-range="${v}">${l}</a>`;
  });
  const body = h`<div class="head"><h1>PerfChart <small>${p.symbols.length} ${p.symbols.length === 1 ? 'symbol' : 'symbols'}, as of ${asOf}</small></h1>
${datePicker({ sessionsUrl: s.url, value: asOf })}</div>
${s.note ? notice(s.note) : ''}
<section class="card" aria-labelledby="perf-symbols-title"><h2 id="perf-symbols-title">Symbols <small>up to ${MAX_PERF_SYMBOLS}</small></h2>
<form id="perf-form" class="toolbar" method="get" action="/perf">
<div class="watch" id="perf-chips">${p.symbols.map((x) => h`<span class="chip" data-symbol="${x}">${x}<button type="button" aria-label="remove ${x}" data-remove="${x}">×</button></span>`)}</div>
<span class="search pick"><label class="sr-only" for="perf-add">Add a symbol</label><input id="perf-add" placeholder="Add symbol…" autocomplete="off" role="combobox" aria-expanded="false" aria-controls="perf-add-list" aria-autocomplete="list" size="12"><ul id="perf-add-list" role="listbox" aria-label="matching symbols" hidden></ul></span>
<input type="hidden" name="symbols" id="perf-symbols" value="${p.symbols.join(',')}">
<input type="hidden" name="range" value="${p.range}"><input type="hidden" name="asOf" value="${asOf}">
<button type="submit" class="primary">Show</button>
<select id="perf-watchlist" aria-label="load a watchlist"><option value="">Load watchlist…</option></select>
</form></section>
<div class="toolbar"><span class="choices" data-param="range">${rangeButtons}</span>
<label>Base date <input type="date" id="perf-from" value="${p.from ?? ''}" min="${s.sessions[0]}" max="${asOf}"></label>
<span class="hint">Rebased to 0% at the close of <b id="perf-base">${r?.rows[0]?.start ?? base}</b>.</span>
<span class="export" role="group" aria-label="export"><button type="button" data-export="csv">CSV</button><button type="button" data-export="png">PNG</button><button type="button" data-export="svg">SVG</button></span></div>
<section class="card chart-card"><h2 id="chart-perf-title">Change since the base, %</h2>
<div class="legend" id="chart-perf-tip"></div>
<div class="chart" id="chart-perf" style="height:460px" data-state="loading" role="figure" aria-labelledby="chart-perf-title" aria-describedby="chart-perf-desc"><div class="loading">Loading…</div></div>
<p class="sr-only chart-desc" id="chart-perf-desc"></p></section>
<section class="card"><h2>End values <small>from the API</small></h2>
${r ? h`<table id="perf-table"><thead><tr><th scope="col">Symbol</th><th scope="col">Base</th><th scope="col">Base close</th><th scope="col">End</th><th scope="col">End close</th><th scope="col">Change</th></tr></thead><tbody>
${r.rows.map((row, i) => h`<tr data-symbol="${row.symbol}"><th scope="row"><a href="/instrument/${row.symbol}?asOf=${asOf}">${row.symbol}</a></th><td>${num(perf, `rows.${i}.start`, 'date')}</td><td>${num(perf, `rows.${i}.startPrice`, 'price')}</td><td>${num(perf, `rows.${i}.end`, 'date')}</td><td>${num(perf, `rows.${i}.endPrice`, 'price')}</td><td>${num(perf, `rows.${i}.return`, 'pct')}</td></tr>`)}
</tbody></table>` : empty(errMsg(perf))}
</section>`;
  return layout({
    title: 'PerfChart',
    nav: 'perf',
    body,
    charts: 'price',
    scripts: ['perfchart.js'],
    data: {
      asOf,
      perf: perf.key,
      rows: r ? r.rows.map((x) => ({ symbol: x.symbol, start: x.start, end: x.end, bars: `/api/bars/${encodeURIComponent(x.symbol)}?from=${x.start}&to=${x.end}` })) : [],
    },
  });
}
