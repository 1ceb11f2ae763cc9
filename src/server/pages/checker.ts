/**
 * Checker page (/check): paste an article, see each claim highlighted with its verdict. The check
 * runs in POST /api/check; the page script renders the highlights from the result's spans.
 */
import { z } from 'zod';
import type { PerfResult } from '../../analytics/perf.ts';
import type { StreakResult } from '../../analytics/streak.ts';
import type { ServerContext } from '../context.ts';
import { isoDate, pageParams, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { datePicker, h, layout, ok } from './layout.ts';

const Params = z.object({ asOf: isoDate.optional() });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ORD = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

export async function checkPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(Params, req.query);
  const s = await sessionsFor(ctx, ['IWM', 'SPY'], p.asOf);
  const sample = await sampleArticle(ctx, s.asOf);
  const body = h`<div class="head"><h1>Claim checker</h1>${datePicker({ sessionsUrl: s.url, value: s.asOf, label: 'Check as of' })}</div>
<section class="card">
<form id="check-form" class="check-form">
<label for="article">Article text (plain text, Markdown or HTML)</label>
<textarea id="article" name="text" rows="12" spellcheck="false" placeholder="Paste an article…"></textarea>
<div class="toolbar"><label>Format <select id="check-format" name="format"><option value="">auto</option><option value="text">text</option><option value="markdown">Markdown</option><option value="html">HTML</option></select></label>
<label><input type="checkbox" id="use-asof" checked> relative dates as of ${s.asOf}</label>
<button type="button" id="check-sample">Sample article</button>
<button type="submit" id="check-run" class="primary">Check</button></div>
</form>
</section>
<section class="card" id="check-output" data-state="idle" aria-live="polite"><div class="empty">Paste an article and press Check.</div></section>`;
  return layout({ title: 'Claim checker', nav: 'check', body, scripts: ['checker.js'], data: { asOf: s.asOf, sample } });
}

/** A short article about the latest session, written from the data (with one wrong figure). */
async function sampleArticle(ctx: ServerContext, asOf: string): Promise<string> {
  const [ytd, d1, over, qqq] = await Promise.all([
    ctx.call('/api/perf', { symbols: 'IWM,SPY', period: 'ytd', asOf }),
    ctx.call('/api/perf', { symbols: 'IWM,SPY', from: asOf, to: asOf }),
    ctx.call('/api/streak', { a: 'IWM', b: 'SPY', asOf }),
    ctx.call('/api/perf', { symbols: 'QQQ', period: 'ytd', asOf }),
  ]);
  const y = ok<PerfResult>(ytd);
  const d = ok<PerfResult>(d1);
  const st = ok<StreakResult>(over);
  const q = ok<PerfResult>(qqq);
  const date = new Date(`${asOf}T12:00:00Z`);
  const dateline = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
  const f = (x: number) => `${Math.abs(x * 100).toFixed(1)}%`;
  const move = (x: number) => (x >= 0 ? `rose ${f(x)}` : `fell ${f(x)}`);
  const lines = [`NEW YORK, ${dateline} — Small caps had a busy ${DAYS[date.getUTCDay()]}.`, ''];
  if (d) lines.push(`IWM ${move(d.rows[0].return)} on ${DAYS[date.getUTCDay()]}, while SPY ${move(d.rows[1].return)}.`);
  if (st && st.current.length >= 2 && st.current.length <= 10) lines.push(`IWM beat SPY for the ${ORD[st.current.length]} straight session.`);
  const chg = (x: number) => (x >= 0 ? `gained ${f(x)}` : `lost ${f(x)}`);
  if (y) lines.push(`Year to date, IWM has ${chg(y.rows[0].return)} and SPY has ${chg(y.rows[1].return)}.`);
  if (q) lines.push(`QQQ is up ${f(q.rows[0].return + 0.05)} so far this year.`);
  return lines.join('\n');
}
