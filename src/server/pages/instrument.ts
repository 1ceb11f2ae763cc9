/**
 * Instrument page (/instrument/IWM): a trader's price chart (lightweight-charts: candles or bars
 * with volume, line/area, log and % scales, 50/200-session averages, crosshair, last-value labels),
 * range buttons that switch without a reload (range and zoom kept in the URL), and linked panes
 * for volatility and drawdown; technical levels and record highs.
 */
import { subscribeBox } from './subscribe-box.ts';
import { z } from 'zod';
import type { LevelsResult } from '../../analytics/levels.ts';
import type { RecordHighsResult } from '../../analytics/records.ts';
import type { ServerContext } from '../context.ts';
import type { Entry } from '../results.ts';
import { ChartRange, isoDate, pageParams, rangeBase, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { datePicker, empty, errMsg, h, layout, notice, num, ok, type Raw } from './layout.ts';
import { priceChartBox, rangePerfQuery } from './price-chart.ts';

const Params = z.object({
  asOf: isoDate.optional(),
  range: ChartRange.optional(),
  /** Older links: period=… is the range. */
  period: ChartRange.optional(),
  window: z.coerce.number().int().min(2).max(252).default(21),
});

export async function instrumentPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const symbol = decodeURIComponent(req.params.symbol).toUpperCase();
  const p = pageParams(Params, req.query);
  const range = p.range ?? p.period ?? '1y';
  const s = await sessionsFor(ctx, [symbol], p.asOf);
  const asOf = s.asOf;
  const base = rangeBase(range, asOf, s.sessions);
  const [records, levels, perf] = await Promise.all([
    ctx.call('/api/records', { symbol, asOf }),
    ctx.call('/api/levels', { symbol, asOf }),
    ctx.call('/api/perf', { symbols: symbol, ...rangePerfQuery(range, asOf, base) }),
  ]);
  const body = h`<div class="head"><h1>${symbol} <small>as of ${asOf}</small></h1>
<div class="toolbar"><button type="button" id="watch-toggle" class="watch-toggle" data-symbol="${symbol}" aria-pressed="false">☆ Watch</button>
<a href="/pair/${symbol}/SPY?asOf=${asOf}">Compare with SPY</a></div>
${datePicker({ sessionsUrl: s.url, value: asOf })}</div>
${s.note ? notice(s.note) : ''}
<section class="card facts" id="key-facts">
<div class="fact"><span class="label">Close</span>${num(levels, 'close', 'price', 'big')}</div>
<div class="fact"><span class="label">Return (<span id="range-label">${range.toUpperCase()}</span>)</span><span id="range-return">${num(perf, 'rows.0.return', 'pct', 'big')}</span><span class="sub">from the close of <span id="range-base">${base}</span></span></div>
${recordFacts(records)}
</section>
${priceChartBox(symbol, range)}
<div class="cols">
<section class="card"><h2>Technical levels</h2>${levelsTable(levels)}</section>
${subscribeBox({ symbol })}
</div>`;
  return layout({
    title: symbol,
    nav: 'instrument',
    body,
    charts: 'price',
    scripts: ['price-chart.js', 'subscribe.js'],
    data: {
      symbol,
      asOf,
      range,
      window: p.window,
      first: s.sessions[0],
      sessions: s.url,
      bars: `/api/bars/${encodeURIComponent(symbol)}`,
      levels: levels.key,
      records: records.key,
      volatility: `/api/volatility?symbol=${encodeURIComponent(symbol)}&asOf=${asOf}&window=${p.window}`,
    },
  });
}

function recordFacts(e: Entry): Raw {
  const r = ok<RecordHighsResult>(e);
  if (!r) return h`<div class="fact"><span class="label">Record highs</span><span class="na">${errMsg(e)}</span></div>`;
  return h`<div class="fact"><span class="label">All-time high (close)</span>${num(e, 'allTimeHigh.value', 'price', 'big')}<span class="sub">on ${num(e, 'allTimeHigh.date', 'date')} · ${num(e, 'distanceFromHigh', 'pct')} from it</span></div>
<div class="fact"><span class="label">Record streak</span>${num(e, 'current.length', 'int', 'big')}<span class="sub">straight record ${r.current.length === 1 ? 'close' : 'closes'}</span></div>`;
}

function levelsTable(e: Entry): Raw {
  const l = ok<LevelsResult>(e);
  if (!l) return empty(errMsg(e));
  const list = (xs: { level: number }[], key: string) =>
    xs.length ? h`${xs.slice(0, 4).map((_, i) => h`${i ? ', ' : ''}${num(e, `${key}.${i}.level`, 'price')}`)}${xs.length > 4 ? ` (+${xs.length - 4} more)` : ''}` : h`<span class="muted">none</span>`;
  const rows: [string, Raw][] = [
    ['Range high', h`${num(e, 'range.high', 'price')} <span class="sub">${num(e, 'range.highDate', 'date')}</span>`],
    ['Range low', h`${num(e, 'range.low', 'price')} <span class="sub">${num(e, 'range.lowDate', 'date')}</span>`],
    ['Range window', h`${num(e, 'range.from', 'date')} → ${num(e, 'range.to', 'date')}`],
    ['Breakout', l.breakout ? h`${num(e, 'breakout.level', 'price')} on ${num(e, 'breakout.date', 'date')} ${l.breakout.stillAbove ? '(still above)' : '(back below)'}` : h`<span class="muted">none</span>`],
    ['Measured-move target', num(e, 'measuredMoveTarget', 'price')],
    ['50-session average', num(e, 'sma50', 'price')],
    ['200-session average', num(e, 'sma200', 'price')],
    ['Resistance', list(l.resistances, 'resistances')],
    ['Support', list(l.supports, 'supports')],
  ];
  return h`<table class="levels" id="levels"><tbody>${rows.map(([k, v]) => h`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}
