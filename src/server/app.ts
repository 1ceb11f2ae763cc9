/**
 * The HTTP application: JSON API under /api (with its OpenAPI document), the dashboard pages, and
 * static assets, over a read-only, memoised view of a MarketStore.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { MarketStore } from '../store/store.ts';
import { compressRest } from './compress.ts';
import { dataVersionOf, ServerContext, type ServerOptions } from './context.ts';
import { ENDPOINTS } from './endpoints.ts';
import { HttpError } from './errors.ts';
import { defaultThreads, WorkerPool } from './pool.ts';
import { sendError } from './http.ts';
import { errorPage, notFoundPage } from './pages/layout.ts';
import { registerPages } from './pages/index.ts';
import { registerAdmin } from './routes/admin.ts';
import { registerAlertsApi } from './routes/alerts.ts';
import { registerApi } from './routes/api.ts';
import { registerAssets } from './routes/assets.ts';
import { registerCheck } from './routes/check.ts';
import { registerFeeds } from './routes/feeds.ts';
import { registerJobs } from './routes/jobs.ts';
import { registerMeta } from './routes/meta.ts';
import { registerSymbols } from './routes/symbols.ts';

export type { ServerOptions } from './context.ts';

export async function createApp(store: MarketStore, opts: ServerOptions = {}): Promise<{ app: OpenAPIHono; ctx: ServerContext }> {
  const ctx = new ServerContext(store, await dataVersionOf(store), opts);
  // Checks, reports and uncached facts run in worker threads over their own read-only connection
  // to the store file, or their own connections to PostgreSQL (an in-memory store cannot be shared:
  // computed on the event loop then). On PostgreSQL too: decoding a panel's rows and computing on
  // them held the event loop for seconds after every import the server saw.
  const threads = opts.workers ?? defaultThreads();
  if (threads > 0 && store.location !== ':memory:') {
    ctx.pool = new WorkerPool({ dbPath: store.openLocation?.() ?? store.location, socket: opts.storeSocket ?? null, threads, maxQueue: opts.maxQueue });
  }
  if (opts.readCache !== false) ctx.useReadCache();
  const app = new OpenAPIHono();

  app.onError((e, c) => (c.req.path.startsWith('/api/') ? sendError(e) : errorPage(e)));
  app.notFound((c) => {
    const path = c.req.path;
    if (!path.startsWith('/api/') && !path.startsWith('/assets/')) return notFoundPage(path);
    const allow = allowedMethods(path);
    if (allow) {
      const r = sendError(new HttpError(405, 'bad_input', `${c.req.method} is not allowed on ${path} (use ${allow})`));
      r.headers.set('allow', allow);
      return r;
    }
    return sendError(new HttpError(404, 'not_found', `no endpoint ${c.req.method} ${path} (see /api/openapi.json)`));
  });
  app.use('*', hostGuard(opts.allowedHosts ?? null));
  // Responses not compressed once into a cache (check results, feeds, errors) are compressed here.
  app.use('*', compressRest());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
      xFrameOptions: 'SAMEORIGIN',
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false, // plain HTTP on loopback by default
    }),
  );

  registerAssets(app);
  registerMeta(app, ctx);
  registerSymbols(app, ctx);
  registerFeeds(app, ctx);
  registerApi(app, ctx);
  registerCheck(app, ctx);
  registerAdmin(app, ctx);
  registerAlertsApi(app, ctx);
  registerJobs(app);
  registerPages(app, ctx);
  return { app, ctx };
}

/** The methods a known path answers to, or null for an unknown path. */
function allowedMethods(path: string): string | null {
  if (path === '/api/check' || path === '/api/admin/cache/clear') return 'POST';
  const get = ENDPOINTS.some((e) => new RegExp(`^${e.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
  return get || path === '/api/symbols' || path === '/api/health' || path === '/api/openapi.json' || path === '/api/jobs' ? 'GET, HEAD' : null;
}

/** Reject requests whose Host header is not one we serve (guards a loopback server against DNS rebinding). */
function hostGuard(allowed: string[] | null): MiddlewareHandler {
  return async (c, next) => {
    if (allowed) {
      const host = (c.req.header('host') ?? '').toLowerCase();
      const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
      if (!allowed.includes(name)) {
        return sendError(new HttpError(403, 'forbidden', `host '${name}' is not served here`));
      }
    }
    await next();
  };
}
