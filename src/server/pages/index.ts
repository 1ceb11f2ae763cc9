/**
 * Dashboard routes. Pages are rendered on the server from the same cached API results the JSON
 * endpoints return, and cached themselves by URL (the store does not change while serving).
 */
import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { BACKGROUND, type ServerContext } from '../context.ts';
import { type Encoding, encodeFor, encodingHeaders } from '../compress.ts';
import { PAGE_CACHE } from '../http.ts';
import { canonicalUrl } from '../results.ts';
import { checkPage } from './checker.ts';
import { factorPage } from './factor.ts';
import { instrumentPage } from './instrument.ts';
import { errorPage, htmlResponse } from './layout.ts';
import { overviewPage } from './overview.ts';
import { pairPage } from './pair.ts';
import { reportsPage, storyPage } from './reports.ts';
import { perfChartPage } from './perfchart.ts';
import { rrgPage } from './rrg.ts';
import { watchlistsPage } from './watchlists.ts';
import type { PageRenderer } from './types.ts';

export type { PageRenderer, PageRequest } from './types.ts';


interface Rendered {
  status: number;
  html: string;
  etag: string;
  /** The HTML compressed, and as UTF-8 bytes, filled on first use. */
  encoded?: Partial<Record<Encoding, Uint8Array>>;
  raw?: Uint8Array;
}

const MAX_PAGES = 500;
/**
 * Quiet time after a data change before the pages are rendered again (see the end of registerPages):
 * longer than the data-version poll (default 2 s), so while workers land files the pages (and the
 * default panel, 505 members' histories) are not recomputed after every poll, only once they stop.
 */
const REWARM_MS = 3000;

export function registerPages(app: OpenAPIHono, ctx: ServerContext): void {
  const cache = new Map<string, Promise<Rendered>>();
  const rendered = (renderer: PageRenderer, url: URL, params: Record<string, string>): Promise<Rendered> => {
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    // The data version is part of the key: a page rendered from data an import replaced is never served.
    const version = ctx.dataVersion;
    const key = `${version} ${canonicalUrl(url.pathname, query)}`;
    let p = cache.get(key);
    if (!p) {
      p = (async (): Promise<Rendered> => {
        try {
          const html = await renderer(ctx, { params, query, url });
          return { status: 200, html, etag: `"${version}-${createHash('sha1').update(html).digest('base64url').slice(0, 22)}"` };
        } catch (e) {
          const r = errorPage(e);
          return { status: r.status, html: await r.text(), etag: '' };
        }
      })();
      cache.set(key, p);
      if (cache.size > MAX_PAGES) cache.delete(cache.keys().next().value as string);
      p.then((r) => {
        if (r.status >= 500) cache.delete(key);
      });
    }
    return p;
  };
  const render = (renderer: PageRenderer) => async (c: Context) => {
    const p = rendered(renderer, new URL(c.req.url), c.req.param() as Record<string, string>);
    const r = await p;
    if (r.status !== 200) return htmlResponse(r.html, r.status, { 'cache-control': 'no-store' });
    const headers: Record<string, string> = { etag: r.etag, 'cache-control': PAGE_CACHE, vary: 'accept-encoding' };
    if (c.req.header('if-none-match') === r.etag) return new Response(null, { status: 304, headers });
    const holder = { body: r.html, encoded: r.encoded, raw: r.raw };
    const { bytes, encoding } = encodeFor(holder, c.req.header('accept-encoding'));
    r.encoded = holder.encoded;
    r.raw = holder.raw;
    Object.assign(headers, encodingHeaders(encoding));
    return new Response(c.req.method === 'HEAD' ? null : bytes, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
  };

  app.get('/', render(overviewPage));
  app.get('/pair', (c) => {
    const a = (c.req.query('a') ?? 'IWM').trim() || 'IWM';
    const b = (c.req.query('b') ?? 'SPY').trim() || 'SPY';
    const u = new URL(c.req.url);
    u.searchParams.delete('a');
    u.searchParams.delete('b');
    return c.redirect(`/pair/${encodeURIComponent(a)}/${encodeURIComponent(b)}${u.search}`, 302);
  });
  app.get('/pair/:a/:b', render(pairPage));
  app.get('/instrument', (c) => {
    const s = (c.req.query('symbol') ?? 'IWM').trim() || 'IWM';
    const u = new URL(c.req.url);
    u.searchParams.delete('symbol');
    return c.redirect(`/instrument/${encodeURIComponent(s)}${u.search}`, 302);
  });
  app.get('/instrument/:symbol', render(instrumentPage));
  app.get('/factor', render(factorPage));
  app.get('/reports', (c) => {
    // The old one-page reader (?pair= / ?symbol=) now redirects to the story's own page.
    const pair = c.req.query('pair');
    const symbol = c.req.query('symbol');
    const asOf = c.req.query('asOf');
    if (!pair && !symbol) return render(reportsPage)(c);
    const path = pair ? `/reports/pair/${pair.split(':').map(encodeURIComponent).join('/')}` : `/reports/symbol/${encodeURIComponent(symbol!)}`;
    return c.redirect(`${path}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, 302);
  });
  app.get('/reports/pair/:a/:b', render(storyPage));
  app.get('/reports/symbol/:symbol', render(storyPage));
  app.get('/perf', render(perfChartPage));
  app.get('/rrg', render(rrgPage));
  app.get('/watchlists', render(watchlistsPage));
  app.get('/check', render(checkPage));
  // The overview and the default pair are rendered at start (and again after an import), so their first
  // visitor does not wait; as background work, whose pool tasks yield to any request meanwhile. `serve`
  // (warm before listen) also computes the default highs-lows panel, the one fact whose first answer is
  // mostly computation (505 members' whole histories): its worker then holds the panel's series and the
  // compiled code, so other highs-lows and breadth questions on the panel skip that too.
  const warm = () => {
    if (ctx.opts.warm === false) return;
    ctx.warming = new Promise<void>((resolve) =>
      setTimeout(
        () =>
          void BACKGROUND.run(true, async () => {
            await rendered(overviewPage, new URL('http://localhost/'), {});
            await rendered(pairPage, new URL('http://localhost/pair/IWM/SPY'), { a: 'IWM', b: 'SPY' });
            if (ctx.opts.warm === 'before-listen') await ctx.call('/api/highs-lows', { universe: 'panel' });
          }).finally(resolve),
        0,
      ),
    );
  };
  warm();
  // Pages are dropped with the results (a new data version, the admin endpoint), and rendered again
  // once the data has settled (no change for REWARM_MS) and the last rendering is done: never two
  // renderings at once.
  let rewarm: NodeJS.Timeout | null = null;
  ctx.onDataChange(() => {
    cache.clear();
    if (rewarm) clearTimeout(rewarm);
    rewarm = setTimeout(() => {
      rewarm = null;
      void ctx.warming.then(warm);
    }, REWARM_MS);
    rewarm.unref();
  });
}
