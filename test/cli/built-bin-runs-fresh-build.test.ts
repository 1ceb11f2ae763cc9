/**
 * Scenario: the compiled CLI a user runs. dist/ is built fresh from the sources (never a stale dist/
 * from an earlier build), beside a copy of bin/marketdash.mjs: the run's build (test/helpers/cli-build.ts,
 * the one every CLI process of the slow project runs), or here without it; the bin's answers must be
 * byte for byte those of the TypeScript sources, `streak` must not load the chart library, the
 * server or the checker, and without dist/ the bin says how to build it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { DATA_DIR, REPO_ROOT, tempDir } from '../helpers/temp.ts';
import { cliApp } from '../helpers/cli-build.ts';
import { cliFromSource } from './run-cli.ts';

const tmp = tempDir('md-built-');
let app: string;
const db = join(tmp.dir, 'store.duckdb');
let meta: { outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }> };
const children: ChildProcess[] = [];

function bin(args: string[], root = app) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'marketdash.mjs'), ...args], { encoding: 'utf8', cwd: tmp.dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** dist/ built here (outside the slow project, which has the run's build), with its metafile beside. */
function buildHere(): string {
  const dir = join(tmp.dir, 'app');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'bin', 'marketdash.mjs'), join(dir, 'bin', 'marketdash.mjs'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const b = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), '--outdir', join(dir, 'dist'), '--metafile', join(dir, 'meta.json')], {
    encoding: 'utf8',
  });
  expect(b.status, b.stderr).toBe(0);
  return dir;
}

beforeAll(async () => {
  app = cliApp() ?? buildHere();
  meta = JSON.parse(readFileSync(join(app, 'meta.json'), 'utf8'));
  const store = await DuckDbStore.open(db);
  const s = await importPaths(store, ['IWM', 'SPY'].map((f) => join(DATA_DIR, 'prices', `${f}.csv`)), { dataRoot: DATA_DIR, lenient: false });
  await store.close();
  expect(s.totals.imported).toBe(2);
}, 120_000);
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  tmp.cleanup();
});

/** Source files in the output chunks a command loads before it runs: the entry and its static imports. */
function eagerInputs(): string[] {
  const entry = Object.keys(meta.outputs).find((o) => o.endsWith('cli/main.js'))!;
  const seen = new Set<string>();
  const walk = (o: string) => {
    if (seen.has(o)) return;
    seen.add(o);
    for (const i of meta.outputs[o].imports) if (i.kind === 'import-statement' && !i.external) walk(i.path);
  };
  walk(entry);
  return [...seen].flatMap((o) => Object.keys(meta.outputs[o].inputs));
}

describe('the compiled CLI (bin → dist)', () => {
  it('answers streak IWM SPY exactly as the sources do', () => {
    const args = ['streak', 'IWM', 'SPY', '--as-of', '2026-01-22', '--db', db, '--json'];
    const built = bin(args);
    expect(built.code, built.stderr).toBe(0);
    const src = cliFromSource(args);
    expect(src.code).toBe(0);
    expect(built.stdout).toBe(src.stdout);
    expect(JSON.parse(built.stdout).current.length).toBeGreaterThan(0);
  });

  it('keeps exit codes: an unknown symbol is 3, a bad flag value 2', () => {
    const unknown = bin(['streak', 'NOPE', 'SPY', '--db', db, '--json']);
    expect(unknown.code).toBe(3);
    expect(JSON.parse(unknown.stdout).error.message).toMatch(/unknown symbol.*'NOPE'/);
    const bad = bin(['perf', 'IWM', '--period', 'fortnight', '--db', db, '--json']);
    expect(bad.code).toBe(2);
  });

  it('loads neither echarts, hono, the server, the report builders nor the checker before a fact command runs', () => {
    const eager = eagerInputs();
    const heavy = eager.filter(
      (f) =>
        /node_modules\/(echarts|zrender|hono|@hono)\//.test(f) ||
        (f.startsWith('src/report/') && f !== 'src/report/defaults.ts') ||
        f.startsWith('src/server/') ||
        (f.startsWith('src/check/') && f !== 'src/check/limits.ts'),
    );
    expect(heavy).toEqual([]);
    // …while the build as a whole does hold them (in chunks loaded by report, serve and check)
    const all = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
    for (const re of [/node_modules\/echarts\//, /node_modules\/hono\//, /^src\/check\/verify\.ts$/, /^src\/report\/charts\.ts$/])
      expect(all.some((f) => re.test(f)), String(re)).toBe(true);
    expect(eager).toContain('src/facts/core.ts');
  });

  it('writes the pair report with its SVG charts (echarts loaded on demand)', () => {
    const out = join(tmp.dir, 'reports');
    const r = bin(['report', '--pair', 'IWM:SPY', '--as-of', '2026-01-22', '--out', out, '--format', 'html,json', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const files: string[] = JSON.parse(r.stdout).files;
    const html = readFileSync(files.find((f) => f.endsWith('.html'))!, 'utf8');
    expect(html).toMatch(/<svg[^>]*>/);
    expect(readdirSync(out).length).toBe(2);
  });

  it('serves the dashboard assets from dist/ (copied at build time)', async () => {
    const child = spawn(process.execPath, [join(app, 'bin', 'marketdash.mjs'), 'serve', '--port', '0', '--db', db, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        out += d;
        try {
          resolve(JSON.parse(out).url);
        } catch {}
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const css = await fetch(`${url}/assets/app.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toBe(readFileSync(join(REPO_ROOT, 'src', 'server', 'assets', 'app.css'), 'utf8'));
    child.kill('SIGTERM');
  });

  it('without dist/ the bin says how to build it and exits 1', () => {
    const bare = join(tmp.dir, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'bin', 'marketdash.mjs'), join(bare, 'bin', 'marketdash.mjs'));
    const r = bin(['streak', 'IWM', 'SPY'], bare);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/compiled CLI is missing .*dist\/cli\/main\.js/);
    expect(r.stderr).toMatch(/npm run build/);
    expect(r.stdout).toBe('');
  });
});
