/**
 * Load test of a running server: each path in turn under `connections` concurrent connections for
 * `durationSec` seconds (autocannon). Returns p50/p99 latency (ms) and requests per second per path.
 * The clients ask for `br, gzip` as browsers and `fetch` do (`acceptEncoding: null` for identity bodies).
 */
import autocannon from 'autocannon';

export interface PathLoad {
  path: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * An autocannon `setupClient` that drops response bodies instead of keeping them. autocannon appends
 * every body chunk to a string (`body += chunk`), so each response is decoded as UTF-8 in the client,
 * a compressed one through the slow path for invalid UTF-8: with 50 connections the single client
 * thread, not the server, set the latency of large bodies. Measured on the 162 KB (br) volatility
 * answer: 4.4 s of the client's 6.5 s of CPU in Buffer toString and 130 req/s, the server using
 * 0.1–0.35 ms of CPU per request; without the string, 2,500 req/s on the same server and load. The
 * bytes are still read and counted, and every response still parsed (status, headers, length).
 */
export function discardBodies(client: autocannon.Client): void {
  const queue = (client as unknown as { pipelinedRequests?: { addBody?: unknown } }).pipelinedRequests;
  if (typeof queue?.addBody !== 'function') {
    throw new Error(
      'autocannon no longer has Client.pipelinedRequests.addBody: see discardBodies in src/server/bench-load.ts',
    );
  }
  queue.addBody = () => undefined;
}

export async function loadTest(
  baseUrl: string,
  paths: string[],
  {
    durationSec = 5,
    connections = 10,
    acceptEncoding = 'br, gzip',
  }: { durationSec?: number; connections?: number; acceptEncoding?: string | null } = {},
): Promise<PathLoad[]> {
  const out: PathLoad[] = [];
  for (const path of paths) {
    const r = await autocannon({
      url: new URL(path, baseUrl).href,
      duration: durationSec,
      connections,
      headers: {
        accept: 'application/json, text/html',
        ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
      },
      setupClient: discardBodies,
    });
    out.push({
      path,
      requests: r.requests.total,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
    });
  }
  return out;
}

/** The dashboard's and API's main URLs, for `npm run bench`. */
export const DEFAULT_BENCH_PATHS = [
  '/api/streak?a=IWM&b=SPY&asOf=2026-01-22',
  '/api/perf?symbols=IWM,SPY&period=ytd',
  '/api/bars/SPY',
  '/',
  '/pair/IWM/SPY',
  '/instrument/IWM',
  '/factor',
];
