/**
 * A server that owns its store. On a DuckDB file it holds the only read-write handle and answers
 * other local processes' store calls on a Unix socket (CLI reads, imports), so the dashboard and the
 * command line work at the same time; an import through it publishes a new data version at once
 * (new ETags, caches dropped). On PostgreSQL every server reads the shared database and polls the
 * data version, so imports by workers or other machines show within the poll interval.
 */
import { socketPathFor } from '../store/duckdb/owner.ts';
import { isPostgresUrl, openMarketStore } from '../store/open.ts';
import { type RpcServer, startRpcServer } from '../store/remote/rpc-server.ts';
import type { MarketStore } from '../store/store.ts';
import type { ServerContext, ServerOptions } from './context.ts';
import { type RunningServer, startServer } from './start.ts';

/** Calls that change the data: run on the store itself, then publish the new data version. */
const WRITES = new Set(['writeBatch', 'setPreferredSource', 'migrate']);

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
      const r = await ctx.store.direct((inner) => call(inner, method, args));
      await ctx.refresh();
      return r;
    }
    const cached = (ctx.store as unknown as Record<string, unknown>)[method];
    if (typeof cached === 'function') return (cached as (...a: unknown[]) => Promise<unknown>).apply(ctx.store, args);
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
  const store = o.store ?? (await openMarketStore(location, { readOnly: pg, role: o.role, direct: true, socket }));
  let server: RunningServer;
  try {
    server = await startServer(store, o);
  } catch (e) {
    if (!o.store) await store.close();
    throw e;
  }
  let rpc: RpcServer | null = null;
  if (socket) rpc = await startRpcServer(socket, storeDispatch(server.ctx));
  const envMs = Number(process.env.MARKETDASH_REFRESH_MS);
  server.ctx.watch(o.refreshMs ?? (Number.isFinite(envMs) && envMs > 0 ? envMs : 2000));
  return {
    server,
    store,
    socket,
    close: async () => {
      server.ctx.unwatch();
      await rpc?.close();
      await server.close();
      await store.close();
    },
  };
}
