/**
 * Factor page (/factor): the size factor (Fama-French SMB, daily, since 1926): cumulative growth,
 * rolling one-year return, and its streaks of positive and negative days.
 */
import { z } from 'zod';
import type { StreakResult } from '../../analytics/streak.ts';
import type { ServerContext } from '../context.ts';
import type { Entry } from '../results.ts';
import { isoDate, pageParams, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { chartBox, choices, datePicker, empty, errMsg, h, layout, notice, num, ok, type Raw } from './layout.ts';

const FACTORS: [string, string][] = [
  ['FF.SMB', 'Size (SMB)'],
  ['FF.HML', 'Value (HML)'],
  ['FF.Mom', 'Momentum'],
  ['FF.Mkt-RF', 'Market − RF'],
];

const Params = z.object({
  series: z.enum(FACTORS.map(([k]) => k) as [string, ...string[]]).default('FF.SMB'),
  asOf: isoDate.optional(),
  rolling: z.coerce.number().int().min(5).max(2520).default(252),
});

export async function factorPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(Params, req.query);
  const series = p.series;
  const s = await sessionsFor(ctx, [series], p.asOf);
  const asOf = s.asOf;
  const [ytd, y1, y5, max, pos, neg] = await Promise.all([
    ctx.call('/api/perf', { symbols: series, period: 'ytd', asOf }),
    ctx.call('/api/perf', { symbols: series, period: '1y', asOf }),
    ctx.call('/api/perf', { symbols: series, period: '5y', asOf }),
    ctx.call('/api/perf', { symbols: series, period: 'max', asOf }),
    ctx.call('/api/streak', { a: series, positive: 'true', asOf }),
    ctx.call('/api/streak', { a: series, positive: 'false', asOf }),
  ]);
  const name = FACTORS.find(([k]) => k === series)?.[1] ?? series;
  const body = h`<div class="head"><h1>${name} <small>${series}, daily, ${s.sessions[0]} → ${asOf}</small></h1>
${datePicker({ sessionsUrl: s.url, value: asOf })}</div>
${s.note ? notice(s.note) : ''}
<div class="toolbar">Factor ${choices(req.url, 'series', FACTORS, series)}</div>
<section class="card facts">
<div class="fact"><span class="label">YTD</span>${num(ytd, 'rows.0.return', 'pct', 'big')}</div>
<div class="fact"><span class="label">1 year</span>${num(y1, 'rows.0.return', 'pct', 'big')}</div>
<div class="fact"><span class="label">5 years</span>${num(y5, 'rows.0.return', 'pct', 'big')}</div>
<div class="fact"><span class="label">Since ${s.sessions[0].slice(0, 4)} (cumulative)</span>${num(max, 'rows.0.return', 'pct', 'big')}</div>
${streakFact(pos, 'Positive days in a row')}
${streakFact(neg, 'Negative days in a row')}
</section>
${chartBox('chart-cum', `Cumulative: growth of $1 in the long-short ${name} portfolio (log scale)`, 380)}
${chartBox('chart-roll', `Rolling ${p.rolling}-session return`, 300)}
<div class="cols">
<section class="card"><h2>Longest positive streaks</h2>${topStreaks(pos)}</section>
<section class="card"><h2>Longest negative streaks</h2>${topStreaks(neg)}</section>
</div>`;
  return layout({
    title: name,
    nav: 'factor',
    body,
    charts: true,
    scripts: ['factor.js'],
    data: { series, asOf, rolling: p.rolling, bars: `/api/bars/${encodeURIComponent(series)}?to=${asOf}`, positive: pos.key },
  });
}

function streakFact(e: Entry, label: string): Raw {
  const s = ok<StreakResult>(e);
  if (!s) return h`<div class="fact"><span class="label">${label}</span><span class="na">${errMsg(e)}</span></div>`;
  return h`<div class="fact"><span class="label">${label}</span>${num(e, 'current.length', 'int', 'big')}<span class="sub">${
    s.current.length === 0 ? 'none now' : s.longestSince ? h`longest since ${num(e, 'longestSince.end', 'date')} (${num(e, 'longestSince.length', 'int')})` : 'longest in the data'
  }</span></div>`;
}

function topStreaks(e: Entry): Raw {
  const s = ok<StreakResult>(e);
  if (!s) return empty(errMsg(e));
  if (s.history.length === 0) return empty('no streaks');
  const idx = s.history.map((_, i) => i).sort((x, y) => s.history[y].length - s.history[x].length || (s.history[x].end < s.history[y].end ? 1 : -1));
  return h`<table class="history"><thead><tr><th>Sessions</th><th>Start</th><th>End</th></tr></thead><tbody>${idx
    .slice(0, 10)
    .map((i) => h`<tr><td>${num(e, `history.${i}.length`, 'int')}</td><td>${num(e, `history.${i}.start`, 'date')}</td><td>${num(e, `history.${i}.end`, 'date')}</td></tr>`)}</tbody></table>`;
}
