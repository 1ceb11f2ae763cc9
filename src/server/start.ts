/**
 * Start and stop the HTTP server on a host and port (port 0: any free port).
 *
 * startOwnedServer: a server that owns its store. On a DuckDB file it holds the only read-write handle and answers
 * other local processes' store calls on a Unix socket (CLI reads, imports), so the dashboard and the
 * command line work at the same time; an import through it publishes a new data version at once
 * (new ETags, caches dropped). On PostgreSQL every server reads the shared database and polls the
 * data version, so imports by workers or other machines show within the poll interval.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { isPostgresUrl, openMarketStore, socketPathFor } from '../store/open.ts';
import { rebuildReadCache } from '../store/read-cache.ts';
import { type RpcServer, startRpcServer } from '../store/remote/rpc-server.ts';
import type { MarketStore } from '../store/store.ts';
import { createApp, type ServerOptions } from './app.ts';
import type { ServerContext } from './context.ts';

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  ctx: ServerContext;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startServer(
  store: MarketStore,
  o: ServerOptions & { host?: string; port?: number; onContext?: (ctx: ServerContext) => void } = {},
): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  // On loopback, only loopback host names are accepted (DNS rebinding); otherwise any.
  const allowedHosts =
    o.allowedHosts !== undefined
      ? o.allowedHosts
      : LOOPBACK.has(host)
        ? ['127.0.0.1', 'localhost', '[::1]']
        : null;
  const { app, ctx } = await createApp(store, { ...o, allowedHosts });
  o.onContext?.(ctx);
  // The pool's workers load their modules and open their store (the read cache) before the first request.
  await ctx.pool?.warm();
  if (o.warm === 'before-listen') {
    await ctx.warming;
    // One pass through the HTTP stack for the pre-rendered pages (compressed copies made, code compiled).
    const headers = (enc: string) => ({ host: allowedHosts?.[0] ?? 'localhost', 'accept-encoding': enc });
    for (const enc of ['br', 'gzip']) await (await app.request('/', { headers: headers(enc) })).arrayBuffer();
    await (await app.request('/api/health', { headers: headers('') })).arrayBuffer();
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 8080, hostname: host }, () => resolve(s));
    // Node closes a kept-alive connection 5 s after its last response by default; a client (or a
    // proxy) that sends its next request just as that timer fires gets ECONNRESET, and under load
    // the event loop can be late enough for that to happen. Keep idle connections longer than
    // clients and proxies do (60 s is the common proxy default), headers timeout just above it.
    const http = s as unknown as { keepAliveTimeout: number; headersTimeout: number };
    http.keepAliveTimeout = 65_000;
    http.headersTimeout = 66_000;
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}`,
    host: addr.address,
    port: addr.port,
    ctx,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }).then(() => ctx.pool?.close()),
  };
}

/** Calls that change the data: run on the store itself, then publish the new data version. */
const WRITES = new Set(['writeBatch', 'writeBatches', 'setPreferredSource', 'migrate']);

export interface OwnedServer {
  server: RunningServer;
  store: MarketStore;
  socket: string | null;
  close(): Promise<void>;
}

export interface OwnedServerOptions extends ServerOptions {
  host?: string;
  port?: number;
  /** Recorded beside the store while this process holds it ('serve', 'main'). */
  role: string;
  /** A store this process already opened read-write (the main job); otherwise opened here. */
  store?: MarketStore;
  /** Data-version poll interval (default 2,000 ms, env MARKETDASH_REFRESH_MS). */
  refreshMs?: number;
}

export function storeDispatch(ctx: ServerContext) {
  return async (method: string, args: unknown[]): Promise<unknown> => {
    if (WRITES.has(method)) {
      ctx.beforeWrite();
      const r = await ctx.store.direct((inner) => call(inner, method, args));
      // A write that adds no import (sources prefer) keeps the data version but may change answers.
      if (!(await ctx.refresh())) ctx.clear();
      return r;
    }
    const cached = (ctx.store as unknown as Record<string, unknown>)[method];
    if (typeof cached === 'function')
      return (cached as (...a: unknown[]) => Promise<unknown>).apply(ctx.store, args);
    return ctx.store.direct((inner) => call(inner, method, args));
  };
}

function call(store: MarketStore, method: string, args: unknown[]): Promise<unknown> {
  const fn = (store as unknown as Record<string, unknown>)[method];
  if (typeof fn !== 'function') return Promise.reject(new Error(`the store has no method '${method}'`));
  return (fn as (...a: unknown[]) => Promise<unknown>).apply(store, args);
}

export async function startOwnedServer(location: string, o: OwnedServerOptions): Promise<OwnedServer> {
  const pg = isPostgresUrl(location);
  const socket = pg ? null : socketPathFor(location);
  const store =
    o.store ?? (await openMarketStore(location, { readOnly: pg, role: o.role, direct: true, socket }));
  // The socket answers from the start: the pool's workers warm up (and pages render) through it before
  // the server listens; calls that come before the context exists wait for it.
  let ready!: (ctx: ServerContext) => void;
  const ctx = new Promise<ServerContext>((resolve) => {
    ready = resolve;
  });
  let rpc: RpcServer | null = null;
  let server: RunningServer;
  try {
    if (socket) rpc = await startRpcServer(socket, async (method, args) => storeDispatch(await ctx)(method, args));
    server = await startServer(store, { warm: 'before-listen', ...o, storeSocket: socket, onContext: ready });
  } catch (e) {
    await rpc?.close();
    if (!o.store) await store.close();
    throw e;
  }
  const envMs = Number(process.env.MARKETDASH_REFRESH_MS);
  server.ctx.watch(o.refreshMs ?? (Number.isFinite(envMs) && envMs > 0 ? envMs : 2000));
  return {
    server,
    store,
    socket,
    close: async () => {
      server.ctx.unwatch();
      // HTTP and the pool first: pool workers read through the socket until their last task is done.
      await server.close();
      await rpc?.close();
      await store.close();
      // As a write command does: after writing, leave a fresh read cache for the next readers (and servers).
      if (server.ctx.wrote || o.store) await rebuildReadCache(location).catch(() => false);
    },
  };
}
