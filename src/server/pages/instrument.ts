/**
 * Instrument page (/instrument/IWM): price chart with the technical levels and the record highs
 * marked; volatility (rolling and over the period) and drawdown.
 */
import { z } from 'zod';
import type { LevelsResult } from '../../analytics/levels.ts';
import type { RecordHighsResult } from '../../analytics/records.ts';
import type { ServerContext } from '../context.ts';
import type { Entry } from '../results.ts';
import { isoDate, pageParams, priceSymbols, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { chartBox, choices, datePicker, empty, errMsg, h, layout, notice, num, ok, type Raw } from './layout.ts';

const PERIODS: [string, string][] = [
  ['ytd', 'YTD'],
  ['6m', '6M'],
  ['1y', '1Y'],
  ['3y', '3Y'],
  ['5y', '5Y'],
  ['max', 'Max'],
];

const Params = z.object({
  asOf: isoDate.optional(),
  period: z.enum(['ytd', '6m', '1y', '3y', '5y', 'max']).default('1y'),
  window: z.coerce.number().int().min(2).max(252).default(21),
});

export async function instrumentPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const symbol = decodeURIComponent(req.params.symbol).toUpperCase();
  const p = pageParams(Params, req.query);
  const s = await sessionsFor(ctx, [symbol], p.asOf);
  const asOf = s.asOf;
  const [records, levels, vol, perf, symbols] = await Promise.all([
    ctx.call('/api/records', { symbol, asOf }),
    ctx.call('/api/levels', { symbol, asOf }),
    ctx.call('/api/volatility', { symbol, asOf, period: p.period, window: String(p.window) }),
    ctx.call('/api/perf', { symbols: symbol, period: p.period, asOf }),
    priceSymbols(ctx),
  ]);
  const opts = symbols.map((x) => x.symbol);
  if (!opts.includes(symbol)) opts.push(symbol);
  const body = h`<div class="head"><h1>${symbol} <small>as of ${asOf}</small></h1>
<form class="symbol-select" method="get" action="/instrument"><select name="symbol" id="symbol" aria-label="symbol">${opts.map((x) => h`<option${x === symbol ? h` selected` : ''}>${x}</option>`)}</select><input type="hidden" name="asOf" value="${asOf}"><button type="submit">Show</button></form>
${datePicker({ sessionsUrl: s.url, value: asOf })}</div>
${s.note ? notice(s.note) : ''}
<section class="card facts">
<div class="fact"><span class="label">Close</span>${num(levels, 'close', 'price', 'big')}</div>
<div class="fact"><span class="label">Return (${p.period})</span>${num(perf, 'rows.0.return', 'pct', 'big')}</div>
${recordFacts(records)}
<div class="fact"><span class="label">Volatility (${p.period}, annualised)</span>${num(vol, 'volatility.annualised', 'share', 'big')}</div>
<div class="fact"><span class="label">Max drawdown (${p.period})</span>${num(vol, 'drawdown.max.drawdown', 'pct', 'big')}<span class="sub">${num(vol, 'drawdown.max.peak.date', 'date')} → ${num(vol, 'drawdown.max.trough.date', 'date')}</span></div>
<div class="fact"><span class="label">Drawdown now</span>${num(vol, 'drawdown.current.drawdown', 'pct', 'big')}</div>
</section>
<div class="toolbar">Period ${choices(req.url, 'period', PERIODS, p.period)}</div>
${chartBox('chart-price', `${symbol}: price with levels and record highs`, 420)}
<div class="cols">
${chartBox('chart-vol', `Rolling ${p.window}-session volatility, annualised`, 280)}
${chartBox('chart-dd', 'Drawdown from the running peak', 280)}
</div>
<section class="card"><h2>Technical levels</h2>${levelsTable(levels)}</section>`;
  return layout({
    title: symbol,
    nav: 'instrument',
    body,
    charts: true,
    scripts: ['instrument.js'],
    data: {
      symbol,
      asOf,
      bars: `/api/bars/${encodeURIComponent(symbol)}?to=${asOf}`,
      levels: levels.key,
      records: records.key,
      volatility: vol.key,
      from: ok<{ drawdown: { start: string } }>(vol)?.drawdown.start ?? null,
    },
  });
}

function recordFacts(e: Entry): Raw {
  const r = ok<RecordHighsResult>(e);
  if (!r) return h`<div class="fact"><span class="label">Record highs</span><span class="na">${errMsg(e)}</span></div>`;
  return h`<div class="fact"><span class="label">All-time high (close)</span>${num(e, 'allTimeHigh.value', 'price', 'big')}<span class="sub">on ${num(e, 'allTimeHigh.date', 'date')} · ${num(e, 'distanceFromHigh', 'pct')} from it</span></div>
<div class="fact"><span class="label">Record streak</span>${num(e, 'current.length', 'int', 'big')}<span class="sub">straight record close(s)</span></div>`;
}

function levelsTable(e: Entry): Raw {
  const l = ok<LevelsResult>(e);
  if (!l) return empty(errMsg(e));
  const rows: [string, Raw][] = [
    ['Range high', h`${num(e, 'range.high', 'price')} <span class="sub">${num(e, 'range.highDate', 'date')}</span>`],
    ['Range low', h`${num(e, 'range.low', 'price')} <span class="sub">${num(e, 'range.lowDate', 'date')}</span>`],
    ['Range window', h`${num(e, 'range.from', 'date')} → ${num(e, 'range.to', 'date')}`],
    ['Breakout', l.breakout ? h`${num(e, 'breakout.level', 'price')} on ${num(e, 'breakout.date', 'date')} ${l.breakout.stillAbove ? '(still above)' : '(back below)'}` : h`<span class="muted">none</span>`],
    ['Measured-move target', num(e, 'measuredMoveTarget', 'price')],
    ['50-session average', num(e, 'sma50', 'price')],
    ['200-session average', num(e, 'sma200', 'price')],
    ['Resistance', l.resistances.length ? h`${l.resistances.map((_, i) => h`${i ? ', ' : ''}${num(e, `resistances.${i}.level`, 'price')}`)}` : h`<span class="muted">none</span>`],
    ['Support', l.supports.length ? h`${l.supports.map((_, i) => h`${i ? ', ' : ''}${num(e, `supports.${i}.level`, 'price')}`)}` : h`<span class="muted">none</span>`],
  ];
  return h`<table class="levels" id="levels"><tbody>${rows.map(([k, v]) => h`<tr><th>${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}
