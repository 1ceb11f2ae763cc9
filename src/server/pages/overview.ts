/**
 * Overview: the leadership scoreboard (small vs large, equal vs cap weight, tech vs the market,
 * each sector ETF vs SPY) for the last session, one week and year to date; the current streak of
 * each pair with its longest-since; the size ladder of the session.
 */
import { z } from 'zod';
import type { LadderResult } from '../../analytics/ladder.ts';
import { SECTOR_ETFS } from '../../facts/pure.ts';
import type { StreakResult } from '../../analytics/streak.ts';
import type { ServerContext } from '../context.ts';
import type { Entry } from '../results.ts';
import { isoDate, lastOnOrBefore, pageParams, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { datePicker, empty, errMsg, h, layout, notice, num, ok, type Raw } from './layout.ts';

interface Pair {
  a: string;
  b: string;
  label: string;
}

export const LEADERSHIP: Pair[] = [
  { a: 'IWM', b: 'SPY', label: 'Small vs large caps' },
  { a: 'RSP', b: 'SPY', label: 'Equal weight vs cap weight' },
  { a: 'XLK', b: 'SPY', label: 'Tech vs the market' },
  { a: 'QQQ', b: 'SPY', label: 'Nasdaq-100 vs the market' },
];

export const SECTORS: Pair[] = Object.entries(SECTOR_ETFS).map(([sector, etf]) => ({ a: etf, b: 'SPY', label: sector }));

export const LADDER_SYMBOLS = ['MAGS', 'SPY', 'IJH', 'IWM', 'IWC'];

const Params = z.object({ asOf: isoDate.optional() });

export async function overviewPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(Params, req.query);
  const base = await sessionsFor(ctx, ['SPY'], p.asOf);
  const asOf = base.asOf;
  const rows = async (pairs: Pair[]) => Promise.all(pairs.map((x) => pairRow(ctx, x, asOf)));
  const [lead, sectors, ladder] = await Promise.all([rows(LEADERSHIP), rows(SECTORS), ladderBlock(ctx, asOf)]);
  const body = h`<div class="head"><h1>Market leadership <small>as of <span id="asof">${asOf}</span></small></h1>
${datePicker({ sessionsUrl: base.url, value: asOf })}</div>
${base.note ? notice(base.note) : ''}
<section class="card"><h2>Scoreboard</h2>
<p class="hint">Spread = return of the first minus the second, in percentage points; returns are total returns. A row whose data ends earlier shows its own last session.</p>
${scoreTable('leadership', lead)}
<h3>Sectors vs SPY</h3>
${scoreTable('sectors', sectors)}
</section>
${ladder}`;
  return layout({ title: 'Overview', nav: 'overview', body });
}

interface Row {
  pair: Pair;
  asOf: string | null;
  problem: string | null;
  d1?: Entry;
  w1?: Entry;
  ytd?: Entry;
  over?: Entry;
  under?: Entry;
}

async function pairRow(ctx: ServerContext, pair: Pair, asOf: string): Promise<Row> {
  const s = await ctx.call('/api/sessions', { symbols: `${pair.a},${pair.b}` });
  if (s.status !== 200) return { pair, asOf: null, problem: errMsg(s) };
  const sessions = (s.value as { sessions: string[] }).sessions;
  const k = lastOnOrBefore(sessions, asOf);
  if (k < 1) return { pair, asOf: null, problem: 'no data for this range' };
  const d = sessions[k];
  const symbols = `${pair.a},${pair.b}`;
  const [d1, w1, ytd, over] = await Promise.all([
    ctx.call('/api/perf', { symbols, from: d, to: d }),
    ctx.call('/api/perf', { symbols, period: '1w', asOf: d }),
    ctx.call('/api/perf', { symbols, period: 'ytd', asOf: d }),
    ctx.call('/api/streak', { a: pair.a, b: pair.b, asOf: d }),
  ]);
  const o = ok<StreakResult>(over);
  const under = o && o.current.length === 0 ? await ctx.call('/api/streak', { a: pair.a, b: pair.b, asOf: d, direction: 'under' }) : undefined;
  return { pair, asOf: d, problem: null, d1, w1, ytd, over, under };
}

function spreadCell(e: Entry | undefined): Raw {
  if (!e) return h`<td>—</td>`;
  if (e.status !== 200) return h`<td class="na" title="${errMsg(e)}">—</td>`;
  return h`<td class="spread">${num(e, 'spreads.0.spreadPts', 'pts', 'big')}<span class="sub">${num(e, 'rows.0.return', 'pct')} / ${num(e, 'rows.1.return', 'pct')}</span></td>`;
}

function streakCells(r: Row): Raw {
  const o = r.over ? ok<StreakResult>(r.over) : null;
  if (!o || !r.over) return h`<td colspan="2" class="na">${r.over ? errMsg(r.over) : '—'}</td>`;
  const useUnder = o.current.length === 0 && r.under && r.under.status === 200;
  const e = useUnder ? r.under! : r.over;
  const s = e.value as StreakResult;
  if (s.current.length === 0) return h`<td colspan="2" class="muted">no streak (tied session)</td>`;
  const leader = useUnder ? r.pair.b : r.pair.a;
  const since = s.longestSince
    ? h`since ${num(e, 'longestSince.end', 'date')} (a ${num(e, 'longestSince.length', 'int')}-session streak)`
    : h`longest in the data (from ${num(e, 'dataStart', 'date')})`;
  return h`<td class="streak"><span class="leader">${leader}</span> ahead ${num(e, 'current.length', 'int', 'big')} <span class="sub">session(s)</span></td><td class="since">${since}</td>`;
}

function scoreTable(id: string, rows: Row[]): Raw {
  return h`<table class="score" id="score-${id}"><thead><tr><th>Pair</th><th>Session</th><th>Last session</th><th>1 week</th><th>YTD</th><th>Current streak</th><th>Longest since</th></tr></thead><tbody>
${rows.map((r) => {
  const label = h`<td class="pair"><a href="/pair/${r.pair.a}/${r.pair.b}${r.asOf ? `?asOf=${r.asOf}` : ''}">${r.pair.a} vs ${r.pair.b}</a><span class="sub">${r.pair.label}</span></td>`;
  if (r.problem || !r.asOf) return h`<tr data-pair="${r.pair.a}:${r.pair.b}">${label}<td colspan="6" class="empty-cell">${r.problem ?? 'no data for this range'}</td></tr>`;
  return h`<tr data-pair="${r.pair.a}:${r.pair.b}" data-asof="${r.asOf}">${label}<td class="date">${r.asOf}</td>${spreadCell(r.d1)}${spreadCell(r.w1)}${spreadCell(r.ytd)}${streakCells(r)}</tr>`;
})}
</tbody></table>`;
}

async function ladderBlock(ctx: ServerContext, asOf: string): Promise<Raw> {
  const s = await ctx.call('/api/sessions', { symbols: LADDER_SYMBOLS.join(',') });
  const sessions = s.status === 200 ? (s.value as { sessions: string[] }).sessions : [];
  const k = lastOnOrBefore(sessions, asOf);
  if (k < 1) return h`<section class="card" id="ladder"><h2>Size ladder</h2>${empty('no data for this range')}</section>`;
  const d = sessions[k];
  const e = await ctx.call('/api/ladder', { period: '1d', asOf: d });
  const l = ok<LadderResult>(e);
  if (!l) return h`<section class="card" id="ladder"><h2>Size ladder</h2>${empty(errMsg(e))}</section>`;
  const max = Math.max(1e-9, ...l.rows.map((r) => Math.abs(r.return ?? 0)));
  return h`<section class="card" id="ladder"><h2>Size ladder, last session <small>${l.period.start} → ${l.period.end}</small></h2>
${d !== asOf ? notice(`The ladder's funds have data to ${d}: this is that session.`) : ''}
<table class="ladder"><thead><tr><th>Segment</th><th>Fund</th><th>Return</th><th></th></tr></thead><tbody>
${l.rows.map(
  (r, i) =>
    h`<tr><td>${r.segment}</td><td><a href="/instrument/${r.symbol}?asOf=${d}">${r.symbol}</a></td><td>${num(e, `rows.${i}.return`, 'pct')}</td><td class="barcell"><span class="bar ${(r.return ?? 0) >= 0 ? 'pos' : 'neg'}" style="width:${String(Math.round((Math.abs(r.return ?? 0) / max) * 100))}%"></span></td></tr>`,
)}
</tbody></table>
<p>Spearman ρ (size rank vs return): ${num(e, 'spearman.rho', 'ratio')} <span class="muted">${l.spearman.interpretation ?? l.spearman.reason ?? ''}</span></p>
</section>`;
}
