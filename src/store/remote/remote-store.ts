/**
 * A MarketStore whose calls go to the process that owns the store (a running `serve`/`main`),
 * over its Unix socket, like a database client. Every interface method is forwarded by name, so
 * new store methods need no change here.
 */
import { connect, type Socket } from 'node:net';
import { UserError } from '../../model/errors.ts';
import type { MarketStore } from '../store.ts';
import { decode, encode, lineReader, type Response, toError } from './protocol.ts';

export async function connectRemoteStore(socketPath: string, location: string): Promise<MarketStore> {
  const sock: Socket = await new Promise((resolve, reject) => {
    const s = connect(socketPath);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  sock.on(
    'data',
    lineReader((line) => {
      const r = decode(line) as Response;
      const w = waiting.get(r.id);
      if (!w) return;
      waiting.delete(r.id);
      if (r.ok) w.resolve(r.result);
      else w.reject(toError(r.error ?? { message: 'unknown error', code: null }));
    }),
  );
  sock.on('error', (e) => failAll(new UserError(`lost the connection to the store owner at ${socketPath}: ${e.message}`, 'unavailable')));
  sock.on('close', () => failAll(new UserError(`the store owner at ${socketPath} closed the connection`, 'unavailable')));

  const call = (method: string, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (sock.destroyed) return reject(new UserError(`the store owner at ${socketPath} is gone`, 'unavailable'));
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      sock.write(encode({ id, method, args }));
    });

  const local: Record<string, unknown> = {
    kind: 'duckdb',
    location,
    remote: socketPath,
    close: async () => {
      sock.end();
      sock.destroy();
    },
  };
  // Not a thenable: `await store` must not send a call named 'then' to the owner.
  const LOCAL_ONLY = new Set(['then', 'toJSON', 'inspect']);
  return new Proxy(local, {
    get(target, prop) {
      if (typeof prop !== 'string' || prop in target) return target[prop as string];
      if (LOCAL_ONLY.has(prop)) return undefined;
      return (...args: unknown[]) => call(prop, args);
    },
  }) as unknown as MarketStore;
}
