/**
 * The newsroom: a front page of the generated stories (/reports: headline, dek, as-of date and
 * time, tickers) and each story as a page of its own (/reports/pair/IWM/SPY, /reports/symbol/QQQ),
 * the article inlined (no frame), with the alerts box of its tickers.
 */
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { isoDate, pageParams } from './common.ts';
import type { PageRequest } from './types.ts';
import { empty, h, layout, notice, raw } from './layout.ts';
import { allStories, marketClose, type Story } from './stories.ts';
import { subscribeBox } from './subscribe-box.ts';

export { REPORT_PAIRS, REPORT_SYMBOLS } from './stories.ts';

const Params = z.object({ asOf: isoDate.optional() });

export async function reportsPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(Params, req.query);
  const stories = await allStories(ctx, p.asOf);
  const body = h`<div class="head"><h1>Newsroom <small>stories written from the data</small></h1>
<p class="hint">Feeds: <a href="/feed.atom">Atom</a> · <a href="/feed.json">JSON Feed</a></p></div>
<section class="card" aria-label="stories">
${stories.length ? h`<ul class="stories" id="stories">${stories.map(storyItem)}</ul>` : empty('no stories: the data for the usual pairs is missing')}
</section>`;
  return layout({ title: 'Newsroom', nav: 'reports', body });
}

function storyItem(s: Story): ReturnType<typeof h> {
  return h`<li data-story="${s.subject}"><p class="hint">${s.kicker}</p>
<h2><a href="${s.url}">${s.headline}</a></h2>
<p class="dek">${s.dek}</p>
<p class="hint">As of <time datetime="${s.published}">${s.asOf} 16:00 ET</time> · <span class="tickers">${s.tickers.map((t) => h`<a href="/instrument/${t}">${t}</a>`)}</span></p></li>`;
}

const StoryParams = z.object({ asOf: isoDate.optional() });

/** One story as a page: the report's article inlined (its own header, sections and methods). */
export async function storyPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(StoryParams, req.query);
  const kind = req.params.b !== undefined ? 'pair' : 'symbol';
  const subject = kind === 'pair' ? `${decodeURIComponent(req.params.a).toUpperCase()}:${decodeURIComponent(req.params.b).toUpperCase()}` : decodeURIComponent(req.params.symbol).toUpperCase();
  const q = { [kind]: subject, ...(p.asOf ? { asOf: p.asOf } : {}) };
  const [html, json] = await Promise.all([ctx.call('/api/report', { ...q, format: 'html' }), ctx.call('/api/report', { ...q, format: 'json' })]);
  if (html.status !== 200) {
    const msg = (html.value as { error?: { message?: string } }).error?.message ?? 'the report could not be written';
    throw new HttpError(html.status === 404 ? 404 : html.status === 400 ? 400 : 503, html.status === 404 ? 'not_found' : 'bad_input', msg);
  }
  const doc = (json.value as { report?: { asOf?: string; headline?: string } }).report;
  const asOf = doc?.asOf ?? '';
  const article = extractArticle(String(html.value));
  const tickers = subject.split(':');
  const api = (format: string) => `/api/report?${kind}=${encodeURIComponent(subject)}${asOf ? `&asOf=${asOf}` : ''}&format=${format}`;
  const body = h`<p class="hint"><a href="/reports">← Newsroom</a> · As of <time datetime="${marketClose(asOf)}">${asOf} 16:00 ET</time> · <span class="tickers">${tickers.map((t) => h`<a href="/instrument/${t}">${t}</a>`)}</span></p>
<article class="card story" id="story">
<div class="story-body">${raw(article)}</div>
</article>
${tickers.length === 2 ? subscribeBox({ pair: subject }) : subscribeBox({ symbol: tickers[0] })}
${notice(h`Also as <a href="${api('markdown')}">Markdown</a> · <a href="${api('json')}">JSON</a> (every figure with its series, dates and formula).`)}`;
  return layout({ title: doc?.headline ?? subject, nav: 'reports', body, scripts: ['subscribe.js'] });
}

/** The <article> of a generated HTML report (its page shell and stylesheet dropped). */
export function extractArticle(html: string): string {
  const a = html.indexOf('<article>');
  const b = html.lastIndexOf('</article>');
  const inner = a >= 0 && b > a ? html.slice(a + '<article>'.length, b) : html;
  return inner.replace(/<script[\s\S]*?<\/script>/gi, '');
}
