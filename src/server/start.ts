/** Start and stop the HTTP server on a host and port (port 0: any free port). */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
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

export async function startServer(store: MarketStore, o: ServerOptions & { host?: string; port?: number } = {}): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  // On loopback, only loopback host names are accepted (DNS rebinding); otherwise any.
  const allowedHosts = o.allowedHosts !== undefined ? o.allowedHosts : LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : null;
  const { app, ctx } = await createApp(store, { ...o, allowedHosts });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 8080, hostname: host }, () => resolve(s));
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
