/** Reports page (/reports): the generated articles, per pair or symbol, as of a session. */
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { isoDate, pageParams, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { datePicker, h, layout, notice } from './layout.ts';

export const REPORT_PAIRS = ['IWM:SPY', 'RSP:SPY', 'QQQ:SPY', 'XLK:SPY'];
export const REPORT_SYMBOLS = ['IWM', 'QQQ', 'XLK', 'RSP'];

const Params = z
  .object({
    pair: z
      .string()
      .regex(/^[^:\s]+:[^:\s]+$/, 'expected A:B, e.g. IWM:SPY')
      .optional(),
    symbol: z.string().min(1).max(64).optional(),
    asOf: isoDate.optional(),
  })
  .refine((p) => !(p.pair && p.symbol), { message: 'give either pair or symbol', path: ['pair'] });

export async function reportsPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(Params, req.query);
  const pair = p.symbol ? undefined : (p.pair ?? REPORT_PAIRS[0]).toUpperCase();
  const symbol = p.symbol?.toUpperCase();
  const symbols = pair ? pair.split(':') : [symbol!];
  const s = await sessionsFor(ctx, symbols, p.asOf);
  const asOf = s.asOf;
  const q = (k: string, v: string) => `/reports?${k}=${encodeURIComponent(v)}&asOf=${asOf}`;
  const what = pair ? `pair=${encodeURIComponent(pair)}` : `symbol=${encodeURIComponent(symbol!)}`;
  const api = (format: string) => `/api/report?${what}&asOf=${asOf}&format=${format}`;
  const e = await ctx.call('/api/report', { ...(pair ? { pair } : { symbol }), asOf, format: 'html' });
  const report =
    e.status === 200
      ? h`<iframe class="report" id="report-frame" title="report" sandbox="allow-same-origin" src="${e.key}"></iframe>
<p class="links">Also as <a href="${api('markdown')}">Markdown</a> · <a href="${api('json')}">JSON</a></p>`
      : notice((e.value as { error: { message: string } }).error.message, 'error');
  const body = h`<div class="head"><h1>Reports <small>${pair ?? symbol} as of ${asOf}</small></h1>${datePicker({ sessionsUrl: s.url, value: asOf })}</div>
${s.note ? notice(s.note) : ''}
<div class="cols narrow-left">
<nav class="card report-list" aria-label="reports"><h2>Pairs</h2><ul>${REPORT_PAIRS.map((x) => h`<li><a href="${q('pair', x)}"${x === pair ? h` aria-current="page"` : ''}>${x.replace(':', ' vs ')}</a></li>`)}</ul>
<h2>Instruments</h2><ul>${REPORT_SYMBOLS.map((x) => h`<li><a href="${q('symbol', x)}"${x === symbol ? h` aria-current="page"` : ''}>${x}</a></li>`)}</ul></nav>
<section class="card report-view">${report}</section>
</div>`;
  return layout({ title: 'Reports', nav: 'reports', body });
}
