/**
 * Dashboard routes. Pages are rendered on the server from the same cached API results the JSON
 * endpoints return, and cached themselves by URL (the store does not change while serving).
 */
import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ServerContext } from '../context.ts';
import { PAGE_CACHE } from '../http.ts';
import { canonicalUrl } from '../results.ts';
import { checkPage } from './checker.ts';
import { factorPage } from './factor.ts';
import { instrumentPage } from './instrument.ts';
import { errorPage, htmlResponse } from './layout.ts';
import { overviewPage } from './overview.ts';
import { pairPage } from './pair.ts';
import { reportsPage } from './reports.ts';
import type { PageRenderer } from './types.ts';

export type { PageRenderer, PageRequest } from './types.ts';


interface Rendered {
  status: number;
  html: string;
  etag: string;
}

const MAX_PAGES = 500;

export function registerPages(app: OpenAPIHono, ctx: ServerContext): void {
  const cache = new Map<string, Promise<Rendered>>();
  const render = (renderer: PageRenderer) => async (c: Context) => {
    const url = new URL(c.req.url);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const params = c.req.param() as Record<string, string>;
    const key = canonicalUrl(url.pathname, query);
    let p = cache.get(key);
    if (!p) {
      p = (async (): Promise<Rendered> => {
        try {
          const html = await renderer(ctx, { params, query, url });
          return { status: 200, html, etag: `"${ctx.dataVersion}-${createHash('sha1').update(html).digest('base64url').slice(0, 22)}"` };
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
    const r = await p;
    if (r.status !== 200) return htmlResponse(r.html, r.status, { 'cache-control': 'no-store' });
    const headers = { etag: r.etag, 'cache-control': PAGE_CACHE };
    if (c.req.header('if-none-match') === r.etag) return new Response(null, { status: 304, headers });
    return htmlResponse(r.html, 200, headers);
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
  app.get('/reports', render(reportsPage));
  app.get('/check', render(checkPage));
  // Pages are cleared with the results (admin endpoint).
  const clear = ctx.clear.bind(ctx);
  ctx.clear = () => {
    clear();
    cache.clear();
  };
}
