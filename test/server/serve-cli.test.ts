/**
 * `marketdash serve` as a process: binds to 127.0.0.1 by default, opens the store read-only, prints
 * where it listens, refuses write endpoints without MARKETDASH_TOKEN, stops on SIGTERM; bad options
 * and a missing store are user errors (exit 2 / 3), never a stack trace.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin } from '../helpers/cli-build.ts';
import { REPO_ROOT } from '../helpers/temp.ts';
import { buildStore, type TestStore } from './helpers.ts';

let ts: TestStore;

beforeAll(async () => {
  ts = await buildStore(['prices/IWM.csv', 'prices/SPY.csv']);
  await ts.store.close(); // the server process opens it (read-only)
});
const children: ChildProcess[] = [];
afterAll(async () => {
  // A failed assertion must not leave a server running.
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await ts?.cleanup().catch(() => {});
});

function run(args: string[], env: Record<string, string> = {}): { child: ChildProcess; out: Promise<string>; firstDoc: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [cliBin(), ...args], { cwd: REPO_ROOT, env: { ...process.env, MARKETDASH_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let resolveLine!: (s: string) => void;
  const firstDoc = new Promise<string>((r) => {
    resolveLine = r;
  });
  child.stdout!.on('data', (d) => {
    out += d;
    try {
      JSON.parse(out);
      resolveLine(out);
    } catch {}
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: exit.then(() => out), firstDoc, exit };
}

describe('marketdash serve', () => {
  it('serves on 127.0.0.1 (port 0 → a free port), read-only, write endpoints disabled; SIGTERM stops it', async () => {
    const p = run(['--db', ts.path, 'serve', '--port', '0', '--json']);
    const info = JSON.parse(await p.firstDoc);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.readOnly).toBe(true);
    const health = await (await fetch(`${info.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, readOnly: true });
    const perf = await fetch(`${info.url}/api/perf?symbols=IWM,SPY&period=ytd&asOf=2026-01-22`);
    expect(perf.status).toBe(200);
    expect((await fetch(`${info.url}/api/admin/cache/clear`, { method: 'POST' })).status).toBe(403);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  }, 60_000);

  it('with MARKETDASH_TOKEN the write endpoint takes the token', async () => {
    const p = run(['serve', '--db', ts.path, '--port', '0', '--json'], { MARKETDASH_TOKEN: 'tok-123' });
    const info = JSON.parse(await p.firstDoc);
    expect((await fetch(`${info.url}/api/admin/cache/clear`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${info.url}/api/admin/cache/clear`, { method: 'POST', headers: { authorization: 'Bearer tok-123' } })).status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  }, 60_000);

  it('bad options and a missing store are user errors', async () => {
    const bad = run(['--db', ts.path, 'serve', '--port', '70000', '--json']);
    expect(await bad.exit).toBe(2);
    // under --json: one JSON document on stdout (the message is on stderr too)
    expect(JSON.parse(await bad.firstDoc).error.message).toMatch(/--port/);
    const missing = run(['--db', join(REPO_ROOT, 'no-such-dir', 'x.duckdb'), 'serve', '--port', '0', '--json']);
    expect(await missing.exit).toBe(2);
    const text = await missing.out;
    expect(JSON.parse(await missing.firstDoc).error.message).toMatch(/no store/);
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
  }, 60_000);
});
