/**
 * A throw-away HTTP server on 127.0.0.1 (port 0) standing in for a live provider in tests.
 * Each request is answered by the next scripted reply (the last one repeats); requests are recorded.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Drop the connection without answering (a network error for the client). */
  hangUp?: boolean;
  /** Wait this long before answering (to trigger client time-outs). */
  delayMs?: number;
}

export interface RecordedRequest {
  url: string;
  headers: IncomingHttpHeaders;
}

export interface LocalServer {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startServer(
  replies: Reply[] | ((req: RecordedRequest, n: number) => Reply),
): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const rec = { url: req.url ?? '', headers: req.headers };
    requests.push(rec);
    const n = requests.length;
    const reply = typeof replies === 'function' ? replies(rec, n) : replies[Math.min(n, replies.length) - 1];
    const answer = () => {
      if (reply.hangUp) {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status ?? 200, reply.headers ?? {});
      res.end(reply.body ?? '');
    };
    if (reply.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) answer();
      }, reply.delayMs);
      timers.add(t);
    } else {
      answer();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Fast retry settings for tests. */
export const FAST = { retries: 3, baseDelayMs: 2, maxDelayMs: 1_000, timeoutMs: 2_000 } as const;
