/**
 * Who holds a DuckDB store file. DuckDB allows one read-write process or several read-only ones;
 * the process that opens a store read-write records itself in `<store>.owner.json` (PID, role and,
 * for a server, the socket other processes reach the store through), and removes it on close.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StoreOwner {
  pid: number;
  /** The command holding it: 'serve', 'main', 'import', 'worker', … */
  role: string;
  /** Unix socket on which the owner answers store calls (servers only). */
  socket: string | null;
  since: string;
}

export const ownerFile = (location: string): string => `${location}.owner.json`;

/** A socket path beside the store, or in the temp folder when that path would be too long for a Unix socket. */
export function socketPathFor(location: string): string {
  const beside = `${location}.sock`;
  if (Buffer.byteLength(beside) < 100) return beside;
  return join(tmpdir(), `marketdash-${createHash('sha256').update(location).digest('hex').slice(0, 16)}.sock`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The recorded owner if its process is still alive; null otherwise (a stale file is ignored). */
export function readOwner(location: string): StoreOwner | null {
  const f = ownerFile(location);
  if (!existsSync(f)) return null;
  try {
    const o = JSON.parse(readFileSync(f, 'utf8')) as StoreOwner;
    return typeof o.pid === 'number' && isAlive(o.pid) ? o : null;
  } catch {
    return null;
  }
}

export function writeOwner(location: string, role: string, socket: string | null): void {
  const o: StoreOwner = { pid: process.pid, role, socket, since: new Date().toISOString() };
  writeFileSync(ownerFile(location), `${JSON.stringify(o)}\n`, { mode: 0o644 });
}

/** Remove the owner file if it is ours. */
export function clearOwner(location: string): void {
  const f = ownerFile(location);
  try {
    const o = JSON.parse(readFileSync(f, 'utf8')) as StoreOwner;
    if (o.pid === process.pid) rmSync(f, { force: true });
  } catch {}
}

/** The PID DuckDB names in a lock-conflict error ("Conflicting lock is held in /usr/bin/node (PID 123)"), or null. */
export function lockConflictPid(message: string): number | null | undefined {
  if (!/Conflicting lock|Could not set lock/i.test(message)) return undefined;
  const m = /PID (\d+)/.exec(message);
  return m ? Number(m[1]) : null;
}
