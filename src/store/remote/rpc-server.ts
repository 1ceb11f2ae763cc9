/**
 * The store owner's side: answers MarketStore calls from other local processes on a Unix socket
 * (permissions 0600: same user only). Each call is handed to `dispatch`, which the owner uses to
 * serialise calls on its single connection and to publish writes (new data version).
 */
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { decode, encode, errorOf, lineReader, type Request } from './protocol.ts';

export type Dispatch = (method: string, args: unknown[]) => Promise<unknown>;

/** Methods a client may not call: the owner decides when its store closes. */
const REFUSED = new Set(['close', 'constructor']);

export interface RpcServer {
  path: string;
  close(): Promise<void>;
}

export async function startRpcServer(path: string, dispatch: Dispatch): Promise<RpcServer> {
  // Only the process that holds the store's write lock gets here, so a socket file left here is stale.
  if (existsSync(path)) rmSync(path, { force: true });
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    sock.on(
      'data',
      lineReader((line) => {
        let req: Request;
        try {
          req = decode(line) as Request;
        } catch (e) {
          sock.write(encode({ id: -1, ok: false, error: errorOf(e) }));
          return;
        }
        const run = REFUSED.has(req.method) ? Promise.reject(new Error(`'${req.method}' cannot be called remotely`)) : dispatch(req.method, req.args ?? []);
        run.then(
          (result) => {
            if (!sock.destroyed) sock.write(encode({ id: req.id, ok: true, result }));
          },
          (e) => {
            if (!sock.destroyed) sock.write(encode({ id: req.id, ok: false, error: errorOf(e) }));
          },
        );
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          rmSync(path, { force: true });
          resolve();
        });
      }),
  };
}
