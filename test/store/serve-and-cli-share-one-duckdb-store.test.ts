/**
 * One machine, many processes on the embedded store (real child processes): while `serve` owns the
 * DuckDB file, read commands answer through it, imports land and the API shows them at once with
 * new ETags, two imports at once both land; with no server, a second writer waits with a message
 * naming the holder and gives up after the timeout (exit 2, store unchanged), never a DuckDB error.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, cliInProcess, json } from '../cli/run-cli.ts';
import { copySharedStore } from '../helpers/shared-store.ts';
import { cliBin } from '../helpers/cli-build.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const tmp = tempDir('md-many-proc-');
const db = join(tmp.dir, 'store.duckdb');
const children: ChildProcess[] = [];
const HOLD = join(REPO_ROOT, 'test', 'store', 'helpers', 'hold-store.ts');

// Hand-written files: returns worked out by hand below.
const ABC = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10,100\n2026-01-21,10,12,10,11,200\n2026-01-22,11,12.5,10.8,12.1,150\n';
const XYZ = 'date,open,high,low,close,volume\n2026-01-20,50,51,49,50,100\n2026-01-21,50,51,44,45,100\n2026-01-22,45,55,44,54,100\n';

function spawnLines(args: string[], entry = cliBin(), pre: string[] = []) {
  const child = spawn(process.execPath, [...pre, entry, ...args], { cwd: REPO_ROOT, env: { ...process.env, MARKETDASH_TOKEN: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const until = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        if (re.test(out)) {
          clearInterval(t);
          resolve(out);
        } else if (child.exitCode !== null) {
          clearInterval(t);
          reject(new Error(`exited ${child.exitCode}: ${out}`));
        }
      }, 50);
    });
  const exit = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return { child, until, exit, output: () => out };
}

// A private copy of the run's IWM + SPY store (the two real files imported once per run): 2 imports.
beforeAll(() => copySharedStore(['prices/IWM.csv', 'prices/SPY.csv'], db), 120_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  tmp.cleanup();
});

describe('serve owns the store; the command line works beside it', () => {
  let url = '';
  let serve: ReturnType<typeof spawnLines>;
  const perfArgs = ['perf', 'IWM', 'SPY', '--period', 'ytd', '--as-of', '2026-01-22', '--json'];
  let before = '';

  beforeAll(async () => {
    const r = await cliInProcess(['--db', db, ...perfArgs]); // read-only, no server yet (in this process: the answer, not the process, is compared)
    expect(r.code, r.stderr).toBe(0);
    before = r.stdout;
    serve = spawnLines(['--db', db, 'serve', '--port', '0', '--json']);
    const info = JSON.parse((await serve.until(/"writeEndpoints"[\s\S]*\}/)).trim());
    url = info.url;
    expect(info.pid).toBe(serve.child.pid);
    expect(existsSync(`${db}.owner.json`)).toBe(true);
  }, 60_000);

  it('a read command answers while the server runs, with the same JSON as without it', async () => {
    const r = await cliAsync(['--db', db, ...perfArgs]);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toEqual(json(before));
    expect(json(r.stdout).rows.map((x: { symbol: string }) => x.symbol)).toEqual(['IWM', 'SPY']);
  }, 60_000);

  it('two imports at once both land; the API shows them without a restart, with new ETags', async () => {
    const iwm = await fetch(`${url}/api/perf?symbols=IWM&period=ytd&asOf=2026-01-22`);
    const etag = iwm.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await fetch(`${url}/api/perf?symbols=ABC&period=max&asOf=2026-01-22`)).status).toBe(404);
    const a = tmp.write('new/ABC.csv', ABC);
    const x = tmp.write('new/XYZ.csv', XYZ);
    const [ra, rx] = await Promise.all([cliAsync(['--db', db, 'import', a, '--json']), cliAsync(['--db', db, 'import', x, '--json'])]);
    expect([ra.code, rx.code]).toEqual([0, 0]);
    expect(json(ra.stdout).totals).toMatchObject({ imported: 1, rowsNew: 3 });
    expect(json(rx.stdout).totals).toMatchObject({ imported: 1, rowsNew: 3 });
    // Through the server immediately (the write published a new data version): 12.1/10 - 1 and 54/50 - 1.
    const perf = await (await fetch(`${url}/api/perf?symbols=ABC,XYZ&period=max&asOf=2026-01-22`)).json();
    expect(perf.rows.map((r: { symbol: string }) => r.symbol)).toEqual(['ABC', 'XYZ']);
    expect(perf.rows[0].return).toBeCloseTo(0.21, 12);
    expect(perf.rows[1].return).toBeCloseTo(0.08, 12);
    const again = await fetch(`${url}/api/perf?symbols=IWM&period=ytd&asOf=2026-01-22`);
    expect(again.headers.get('etag')).not.toBe(etag);
    expect(await (await fetch(`${url}/api/perf?symbols=IWM&period=ytd&asOf=2026-01-22`, { headers: { 'if-none-match': again.headers.get('etag')! } })).status).toBe(304);
  }, 90_000);

  it('a writer with no server waits for the holder and gives up after the timeout (exit 2, names PID and role)', async () => {
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
    expect(existsSync(`${db}.owner.json`)).toBe(false);
    const hold = spawnLines([db, 'import'], HOLD, ['--import', 'tsx']);
    await hold.until(/held/);
    const holder = hold.child.pid!;
    const t0 = Date.now();
    const r = await cliAsync(['--db', db, 'import', tmp.write('late/LATE.csv', ABC)], { MARKETDASH_LOCK_TIMEOUT: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`waiting for the store, held by PID ${holder} (import)…`);
    expect(r.stderr).toMatch(/gave up after 1 s/);
    expect(r.stderr).not.toMatch(/Conflicting lock|IO Error/);
    expect(Date.now() - t0).toBeLessThan(30_000);
    // With a longer timeout the same import waits for the holder to let go, then lands.
    const waiting = spawnLines(['--db', db, 'import', tmp.write('late/LATE.csv', ABC), '--json']);
    await waiting.until(new RegExp(`waiting for the store, held by PID ${holder} \\(import\\)…`));
    hold.child.kill('SIGTERM');
    expect(await hold.exit).toBe(0);
    expect(await waiting.exit).toBe(0);
    // The symbol comes from the file name (LATE): its 3 rows are new, stored once, after the holder let go.
    // stdout and stderr arrive together here: the JSON document is the block from the first '{' to the
    // first '}' alone on a line (the one-time adjustment warning about LATE.csv follows it on stderr).
    const doc = waiting.output();
    const start = doc.indexOf('{');
    expect(JSON.parse(doc.slice(start, doc.indexOf('\n}', start) + 2)).totals).toMatchObject({ imported: 1, rowsNew: 3, rowsRead: 3 });
  }, 90_000);

  it('read commands open read-only: two at once answer with no server', async () => {
    const [a, b] = await Promise.all([cliAsync(['--db', db, ...perfArgs]), cliAsync(['--db', db, 'db', 'info', '--json'])]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(json(b.stdout).imports).toBe(5);
  }, 60_000);
});
