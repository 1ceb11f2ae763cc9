/**
 * Relative rotation graph (/rrg): the sector funds and size segments against SPY, RS-Ratio on x,
 * RS-Momentum on y, each with a tail of its last weeks. The computation is analytics/rrg.ts
 * through GET /api/rrg; the method is stated on the page.
 */
import { z } from 'zod';
import type { RrgResult } from '../../analytics/rrg.ts';
import type { ServerContext } from '../context.ts';
import { isoDate, pageParams, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { choices, datePicker, empty, errMsg, h, layout, notice, num, ok } from './layout.ts';

const Params = z.object({
  asOf: isoDate.optional(),
  tail: z.coerce.number().int().min(1).max(52).default(8),
  freq: z.enum(['W', 'D']).default('W'),
});

export async function rrgPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(Params, req.query);
  const s = await sessionsFor(ctx, ['SPY'], p.asOf);
  const asOf = s.asOf;
  const e = await ctx.call('/api/rrg', { benchmark: 'SPY', asOf, tail: String(p.tail), freq: p.freq });
  const r = ok<RrgResult>(e);
  const body = h`<div class="head"><h1>Relative rotation <small>vs SPY, as of ${asOf}</small></h1>
${datePicker({ sessionsUrl: s.url, value: asOf })}</div>
${s.note ? notice(s.note) : ''}
<div class="toolbar">Points ${choices(req.url, 'freq', [['W', 'Weekly'], ['D', 'Daily']], p.freq)} Tail ${choices(req.url, 'tail', [['4', '4'], ['8', '8'], ['13', '13'], ['26', '26']], String(p.tail))}
<span class="export" role="group" aria-label="export"><button type="button" data-export="csv">CSV</button><button type="button" data-export="png">PNG</button><button type="button" data-export="svg">SVG</button></span></div>
<section class="card chart-card"><h2 id="chart-rrg-title">RS-Ratio (x) and RS-Momentum (y) of each fund against SPY, with a ${p.tail}-point tail</h2>
<div class="chart" id="chart-rrg" style="height:560px" data-state="loading" role="figure" aria-labelledby="chart-rrg-title" aria-describedby="chart-rrg-desc rrg-table-note"><div class="loading">Loading…</div></div>
<p class="sr-only chart-desc" id="chart-rrg-desc"></p></section>
<div class="cols">
<section class="card"><h2>Latest point <small>the table is the chart's text alternative</small></h2>
${r ? h`<table id="rrg-table"><thead><tr><th scope="col">Fund</th><th scope="col">Week of</th><th scope="col">RS-Ratio</th><th scope="col">RS-Momentum</th><th scope="col">Quadrant</th></tr></thead><tbody>
${r.members.map((m, i) => {
  const last = m.tail.length - 1;
  return last < 0
    ? h`<tr><th scope="row">${m.symbol}</th><td colspan="4" class="empty-cell">not enough data</td></tr>`
    : h`<tr data-symbol="${m.symbol}" data-quadrant="${m.quadrant ?? ''}"><th scope="row"><a href="/pair/${m.symbol}/SPY?asOf=${asOf}">${m.symbol}</a></th><td>${num(e, `members.${i}.tail.${last}.date`, 'date')}</td><td>${num(e, `members.${i}.tail.${last}.rsRatio`, 'ratio')}</td><td>${num(e, `members.${i}.tail.${last}.rsMomentum`, 'ratio')}</td><td>${m.quadrant ?? '—'}</td></tr>`;
})}</tbody></table><p class="hint" id="rrg-table-note">${r.members.length} funds.</p>` : empty(errMsg(e))}
</section>
<section class="card" id="rrg-method"><h2>Method</h2>
<p>Relative rotation in the JdK RS-Ratio / RS-Momentum convention. The original normalisation is not published; this page uses the common open approximation, computed from the stored closes (total returns where adjusted):</p>
<ul><li>RS = 100 × close / close of SPY, on ${p.freq === 'W' ? 'weekly points (the last session of each week)' : 'daily points'};</li>
<li>RS-Ratio = 100 × RS / mean of RS over the last ${r?.window ?? 10} points (trend of relative strength; 100 = its average);</li>
<li>RS-Momentum = 100 × RS-Ratio / mean of RS-Ratio over the last ${r?.momentum ?? 4} points (its rate of change).</li></ul>
<p>Quadrants: <b>leading</b> (both ≥ 100), <b>weakening</b> (ratio ≥ 100, momentum &lt; 100), <b>lagging</b> (both &lt; 100), <b>improving</b> (ratio &lt; 100, momentum ≥ 100). Funds usually rotate clockwise. Data: <a href="${e.key}">${e.key}</a>.</p>
</section></div>`;
  return layout({ title: 'Relative rotation', nav: 'rrg', body, charts: true, scripts: ['rrg.js'], data: { asOf, rrg: e.key } });
}
