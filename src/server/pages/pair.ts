/**
 * Pair page (/pair/IWM/SPY): relative-strength line with the streaks shaded, both price lines
 * rebased to a session the user picks (pinned: zooming does not move it), the streak history and
 * the analogs (what followed past streaks as long as the current one).
 */
import { z } from 'zod';
import type { AnalogsResult } from '../../analytics/analogs.ts';
import type { StreakResult } from '../../analytics/streak.ts';
import type { ServerContext } from '../context.ts';
import type { Entry } from '../results.ts';
import { firstOnOrAfter, isoDate, lastOnOrBefore, pageParams, priceSymbols, RangeParam, RANGES, rangeStart, sessionsFor, withParams } from './common.ts';
import type { PageRequest } from './types.ts';
import { chartBox, choices, datePicker, empty, errMsg, h, layout, notice, num, ok, type Raw } from './layout.ts';

const Params = z.object({
  asOf: isoDate.optional(),
  base: isoDate.optional(),
  range: RangeParam.default('1y'),
  minStreak: z.coerce.number().int().min(1).max(100).optional(),
  shade: z.coerce.number().int().min(1).max(100).default(4),
});

export async function pairPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const a = decodeURIComponent(req.params.a).toUpperCase();
  const b = decodeURIComponent(req.params.b).toUpperCase();
  const p = pageParams(Params, req.query);
  const s = await sessionsFor(ctx, [a, b], p.asOf);
  const asOf = s.asOf;
  const from = rangeStart(p.range, asOf, s.sessions[0]);
  const k0 = Math.min(firstOnOrAfter(s.sessions, from), lastOnOrBefore(s.sessions, asOf));
  let base = s.sessions[k0];
  let baseNote: string | null = null;
  if (p.base) {
    const kb = lastOnOrBefore(s.sessions, p.base);
    if (kb < 0 || p.base > asOf) baseNote = `base ${p.base} is outside the data up to ${asOf}: using ${base}.`;
    else base = s.sessions[kb];
  }

  const [over, d1, w1, ytd, symbols] = await Promise.all([
    ctx.call('/api/streak', { a, b, asOf }),
    ctx.call('/api/perf', { symbols: `${a},${b}`, from: asOf, to: asOf }),
    ctx.call('/api/perf', { symbols: `${a},${b}`, period: '1w', asOf }),
    ctx.call('/api/perf', { symbols: `${a},${b}`, period: 'ytd', asOf }),
    priceSymbols(ctx),
  ]);
  const o = ok<StreakResult>(over);
  const under = o && o.current.length === 0 ? await ctx.call('/api/streak', { a, b, asOf, direction: 'under' }) : null;
  const lead = under && ok<StreakResult>(under) ? { e: under, who: b, direction: 'under' as const } : { e: over, who: a, direction: 'over' as const };
  const cur = ok<StreakResult>(lead.e)?.current.length ?? 0;
  const minStreak = p.minStreak ?? Math.max(cur, 5);
  const analogs = await ctx.call('/api/analogs', { a, b, minStreak: String(minStreak), direction: lead.direction, asOf });

  const symOptions = symbols.map((x) => x.symbol);
  for (const x of [a, b]) if (!symOptions.includes(x)) symOptions.push(x);
  const select = (name: string, value: string) =>
    h`<select name="${name}" id="pair-${name}" aria-label="${name === 'a' ? 'first symbol' : 'second symbol'}">${symOptions.map((x) => h`<option${x === value ? h` selected` : ''}>${x}</option>`)}</select>`;

  const body = h`<div class="head"><h1>${a} vs ${b} <small>as of ${asOf}</small></h1>
<form class="pair-select" method="get" action="/pair">${select('a', a)}<span>vs</span>${select('b', b)}<input type="hidden" name="asOf" value="${asOf}"><button type="submit">Show</button></form>
${datePicker({ sessionsUrl: s.url, value: asOf })}</div>
${s.note ? notice(s.note) : ''}
<section class="card facts">
<div class="fact"><span class="label">Current streak</span>${streakSummary(lead.e, lead.who)}</div>
<div class="fact"><span class="label">Last session</span>${num(d1, 'spreads.0.spreadPts', 'pts', 'big')}</div>
<div class="fact"><span class="label">1 week</span>${num(w1, 'spreads.0.spreadPts', 'pts', 'big')}</div>
<div class="fact"><span class="label">YTD</span>${num(ytd, 'spreads.0.spreadPts', 'pts', 'big')}<span class="sub">${a} ${num(ytd, 'rows.0.return', 'pct')} · ${b} ${num(ytd, 'rows.1.return', 'pct')}</span></div>
</section>
<div class="toolbar">Range ${choices(req.url, 'range', RANGES, p.range)}
${datePicker({ sessionsUrl: s.url, value: base, param: 'base', label: 'Rebase to', id: 'dp-base' })}
<span class="hint">Click a point on the price chart to rebase there.</span></div>
${baseNote ? notice(baseNote) : ''}
${chartBox('chart-rs', `Relative strength ${a}/${b} (rebased to 100 at ${base}); shaded: ${a}-over-${b} streaks of ${p.shade}+ sessions`)}
${chartBox('chart-prices', `${a} and ${b}, rebased to 100 at ${base}`)}
<div class="cols">
<section class="card"><h2>Streak history <small>${a} over ${b}, longest first</small></h2>${historyTable(over)}</section>
<section class="card"><h2>Analogs <small>${lead.who} ahead ${minStreak}+ sessions: what followed</small></h2>
<div class="toolbar">Streak length ${choices(req.url, 'minStreak', [3, 5, 8, 10, 15].map((n) => [String(n), String(n)]), String(minStreak))}</div>
${analogsTables(analogs)}</section>
</div>`;
  return layout({
    title: `${a} vs ${b}`,
    nav: 'pair',
    body,
    charts: true,
    scripts: ['pair.js'],
    data: {
      a,
      b,
      asOf,
      base,
      from,
      shade: p.shade,
      bars: [`/api/bars/${encodeURIComponent(a)}?to=${asOf}`, `/api/bars/${encodeURIComponent(b)}?to=${asOf}`],
      streak: over.key,
      baseParamUrl: withParams(req.url, { base: undefined }),
    },
  });
}

function streakSummary(e: Entry, who: string): Raw {
  const s = ok<StreakResult>(e);
  if (!s) return h`<span class="na">${errMsg(e)}</span>`;
  if (s.current.length === 0) return h`<span class="muted">none (tied session)</span>`;
  return h`<span class="leader">${who}</span> ahead ${num(e, 'current.length', 'int', 'big')} sessions
<span class="sub">${s.longestSince ? h`longest since ${num(e, 'longestSince.end', 'date')} (${num(e, 'longestSince.length', 'int')} sessions)` : 'longest in the data'} · rank ${num(e, 'rank', 'int')}</span>`;
}

function historyTable(e: Entry): Raw {
  const s = ok<StreakResult>(e);
  if (!s) return empty(errMsg(e));
  if (s.history.length === 0) return empty('no streaks in this range');
  const idx = s.history.map((_, i) => i).sort((x, y) => s.history[y].length - s.history[x].length || (s.history[x].end < s.history[y].end ? 1 : -1));
  const top = idx.slice(0, 15);
  return h`<table class="history" id="streak-history"><thead><tr><th>#</th><th>Sessions</th><th>Start</th><th>End</th></tr></thead><tbody>
${top.map(
  (i, r) =>
    h`<tr${s.current.length && s.history[i].end === s.current.end ? h` class="current"` : ''}><td>${r + 1}</td><td>${num(e, `history.${i}.length`, 'int')}</td><td>${num(e, `history.${i}.start`, 'date')}</td><td>${num(e, `history.${i}.end`, 'date')}</td></tr>`,
)}</tbody></table>
<p class="hint">${s.history.length.toLocaleString('en-US')} streaks since ${s.dataStart}.</p>`;
}

function analogsTables(e: Entry): Raw {
  const r = ok<AnalogsResult>(e);
  if (!r) return empty(errMsg(e));
  if (r.episodes.length === 0) return empty('no past streaks this long: no analogs');
  const recent = r.episodes.map((_, i) => i).slice(-15).reverse();
  return h`<table class="analogs-summary" id="analogs-summary"><thead><tr><th>Sessions ahead</th><th>Episodes</th><th>Mean</th><th>Median</th><th>Hit rate</th></tr></thead><tbody>
${r.summary.map(
  (x, i) =>
    h`<tr><td>${x.horizon ?? '—'}</td><td>${num(e, `summary.${i}.count`, 'int')}</td><td>${num(e, `summary.${i}.meanSpreadPts`, 'pts')}</td><td>${num(e, `summary.${i}.medianSpreadPts`, 'pts')}</td><td>${num(e, `summary.${i}.hitRate`, 'share')}</td></tr>`,
)}</tbody></table>
<table class="analogs" id="analogs-episodes"><thead><tr><th>Reached on</th><th>Streak</th>${r.summary.map((x) => h`<th>+${x.horizon ?? ''}</th>`)}</tr></thead><tbody>
${recent.map(
  (i) =>
    h`<tr><td>${num(e, `episodes.${i}.reachedOn`, 'date')}</td><td>${num(e, `episodes.${i}.streakLength`, 'int')}${r.episodes[i].ongoing ? '+' : ''}</td>${r.episodes[i].forward.map((_, j) => h`<td>${num(e, `episodes.${i}.forward.${j}.spreadPts`, 'pts')}</td>`)}</tr>`,
)}</tbody></table>
<p class="hint">${r.episodes.length} episode(s); the latest 15 shown. Few episodes: anecdotes, not forecasts.</p>`;
}
