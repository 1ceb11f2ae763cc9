/**
 * Section: the commands as a user runs them — whole processes of the compiled bin (`node
 * bin/marketdash.mjs …`, no npx), side by side with plain peers doing the same job: a Python script
 * (standard csv module: pandas is not installed on this machine and PyPI is out of reach) and a DuckDB
 * SQL script (bench/peers/, run by bench/peers/run-sql.mjs through the project's DuckDB package: no
 * DuckDB CLI here). Also the whole-process import of the data folder against DuckDB's read_csv per
 * folder, the unchanged re-import, and `report --pair IWM:SPY`. dist/ is rebuilt first (untimed).
 * Each fact command and the report run as `marketdash import` leaves the store (with its read cache
 * beside it), then again without the cache (MARKETDASH_READ_CACHE=0: DuckDB read), checked to print the same JSON.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { refreshReadCache } from '../src/store/duckdb/read-cache-build.ts';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { type BenchContext, type BenchSection, emptyResult, fmtInt, measure, type SectionResult, type Stat, timingOverrides } from './lib.ts';

const AS_OF = '2026-01-22';

/** The fact commands, as a user types them. */
const FACTS: [string, string[]][] = [
  ['streak IWM SPY', ['streak', 'IWM', 'SPY', '--as-of', AS_OF]],
  ['streak FF.SMB --positive', ['streak', 'FF.SMB', '--positive']],
  ['perf IWM SPY MAGS ytd', ['perf', 'IWM', 'SPY', 'MAGS', '--period', 'ytd', '--as-of', AS_OF]],
  ['records ^GSPC', ['records', '^GSPC', '--basis', 'close']],
  ['analogs IWM SPY', ['analogs', 'IWM', 'SPY', '--min-streak', '8']],
  ['volatility SPY 1y', ['volatility', 'SPY', '--period', '1y']],
  ['levels ^RUT', ['levels', '^RUT']],
  ['ladder ytd', ['ladder', '--period', 'ytd', '--as-of', AS_OF]],
  ['sectors etf ytd', ['sectors', 'etf', '--period', 'ytd']],
  ['valuation IT vs all', ['valuation', '--a', 'sector:Information Technology', '--b', 'all']],
  ['contributions IWM ytd', ['contributions', '--fund', 'IWM', '--as-of', '2026-05-05', '--period', 'ytd']],
  ['breadth panel', ['breadth', 'panel', '--as-of', '2018-02-05']],
  ['breadth SP500', ['breadth', 'SP500']],
  ['highs-lows SP500', ['highs-lows', 'SP500']],
];

/** The second run of each command: the store itself, without its read cache. */
const NO_CACHE = { MARKETDASH_READ_CACHE: '0' };

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(0, 300)}`);
  return r.stdout;
}

export const cliSection: BenchSection = {
  id: 'cli',
  title: 'Whole processes: fact commands (node bin → dist) vs Python and DuckDB SQL peers; import vs read_csv; report',
  skipReason(ctx: BenchContext) {
    return spawnSync(process.execPath, [join(ctx.repoRoot, 'scripts', 'build.mjs')], { stdio: 'ignore' }).status === 0
      ? null
      : 'npm run build failed: no compiled CLI to time';
  },
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    const root = ctx.repoRoot;
    const bin = join(root, 'bin', 'marketdash.mjs');
    await ctx.ensureStore(log);
    const db = await ctx.releaseStore(); // the CLI processes open the file themselves
    // What `marketdash import` leaves beside the store: its read cache (built here untimed).
    const cacheOk = await refreshReadCache(db, (p) => DuckDbStore.open(p, { readOnly: true }));
    if (!cacheOk) res.notes.push('the read cache could not be built: every command read the store');
    const whole = (args: string[], cmd = process.execPath, reps = 5, env: Record<string, string> = {}) =>
      measure(() => run(cmd, args, root, env), { warmup: 1, minReps: reps, maxReps: reps });
    const row = (name: string, stat: Stat, base: Stat | null, baseName: string, note = '') =>
      res.rows.push({
        name,
        stat,
        figure: base ? `${(stat.medianMs / base.medianMs).toFixed(2)}× ${baseName}` : '',
        note,
        extra: base ? { ratio: stat.medianMs / base.medianMs, baseline: baseName } : {},
      });

    log('node start-up and the DuckDB native library…');
    const nodeStart = await whole(['-e', '0']);
    row('node -e 0 (node start-up)', nodeStart.stat, null, '');
    const duck = await whole(['--input-type=module', '-e', "await import('@duckdb/node-api')"]);
    row("node: import('@duckdb/node-api')", duck.stat, nodeStart.stat, 'node start');

    const [a, b] = ['IWM', 'SPY'].map((s) => join(ctx.dataDir, 'prices', `${s}.csv`));
    const hasPython = spawnSync('python3', ['-c', '0']).status === 0;
    let py: Stat | null = null;
    let pyOut: { current: { length: number; start?: string } } | null = null;
    if (hasPython) {
      log('peer: streak in plain Python…');
      const m = await whole([join(root, 'bench', 'peers', 'streak.py'), a, b, AS_OF], 'python3');
      py = m.stat;
      pyOut = JSON.parse(m.last);
      row('peer: streak IWM SPY, Python (csv module)', m.stat, nodeStart.stat, 'node start');
    } else res.notes.push('python3 not found: the Python peer is left out');
    log('peer: streak in DuckDB SQL…');
    const sqlPeer = await whole([join(root, 'bench', 'peers', 'run-sql.mjs'), join(root, 'bench', 'peers', 'streak.sql'), `A=${a}`, `B=${b}`, `AS_OF=${AS_OF}`]);
    const sqlRuns: { length: string | number; start: string; current: boolean }[] = JSON.parse(sqlPeer.last);
    row('peer: streak IWM SPY, DuckDB SQL script', sqlPeer.stat, py, 'Python peer');

    for (const [name, args] of FACTS) {
      log(`marketdash ${name}…`);
      const m = await whole([bin, ...args, '--db', db, '--json']);
      const base = name === 'streak IWM SPY' && py ? py : nodeStart.stat;
      row(`marketdash ${name}`, m.stat, base, base === py ? 'Python peer' : 'node start', m.stat.medianMs < 500 ? 'under 0.5 s' : 'over 0.5 s');
      const nc = await whole([bin, ...args, '--db', db, '--json'], process.execPath, 3, NO_CACHE);
      row(`  ${name}, without the read cache`, nc.stat, m.stat, 'with it', nc.last === m.last ? 'same JSON' : 'JSON DIFFERS');
      res.checks.push({ name: `${name}: the same JSON with and without the read cache`, ok: nc.last === m.last, detail: `${m.last.length} bytes` });
      if (name === 'streak IWM SPY') {
        const ours = JSON.parse(m.last) as { current: { length: number; start: string }; history: unknown[] };
        const sqlCurrent = sqlRuns.find((r) => r.current);
        res.checks.push({
          name: 'streak IWM SPY: marketdash = Python peer = SQL peer (current streak)',
          ok: (!pyOut || pyOut.current.length === ours.current.length) && Number(sqlCurrent?.length) === ours.current.length && sqlCurrent?.start === ours.current.start,
          detail: `marketdash ${ours.current.length} from ${ours.current.start}; Python ${pyOut?.current.length ?? '–'}; SQL ${sqlCurrent?.length} from ${sqlCurrent?.start}; ${ours.history.length} vs ${sqlRuns.length} streaks`,
        });
      }
    }

    log('marketdash report --pair IWM:SPY (whole process)…');
    const outDir = join(ctx.workDir, 'cli-report');
    const rep = await whole([bin, 'report', '--pair', 'IWM:SPY', '--out', outDir, '--format', 'md,html,json', '--db', db, '--json'], process.execPath, 3);
    row('marketdash report --pair IWM:SPY (md, html, json)', rep.stat, nodeStart.stat, 'node start', `${JSON.parse(rep.last).facts} facts`);
    const repNc = await whole([bin, 'report', '--pair', 'IWM:SPY', '--out', outDir, '--format', 'md,html,json', '--db', db, '--json'], process.execPath, 3, NO_CACHE);
    row('  report --pair IWM:SPY, without the read cache', repNc.stat, rep.stat, 'with it', `${JSON.parse(repNc.last).facts} facts`);

    const quick = timingOverrides.quick;
    log('peer: DuckDB read_csv per folder of the price files (whole process)…');
    const rc = await measure(() => run(process.execPath, [join(root, 'bench', 'peers', 'run-sql.mjs'), join(root, 'bench', 'peers', 'read-csv.sql'), `DATA=${ctx.dataDir}`], root), { warmup: 0, minReps: 1, maxReps: 1 });
    const rcRows = Number(JSON.parse(rc.last)[0].rows);
    row('peer: read_csv per folder, price files', rc.stat, null, '', `${fmtInt(rcRows)} rows · ${fmtInt(rcRows / (rc.stat.medianMs / 1000))} rows/s`);
    const fresh = join(ctx.workDir, 'cli-import.duckdb');
    log('marketdash import of the whole data folder into a fresh store (whole process)…');
    const imp = await measure(() => run(process.execPath, [bin, 'import', ctx.dataDir, '--db', fresh, '--json'], root), {
      warmup: 0,
      minReps: 1,
      maxReps: quick ? 1 : 2,
      before: () => rmSync(fresh, { force: true }),
    });
    const rowsRead = JSON.parse(imp.last).totals.rowsRead as number;
    row('marketdash import DATA (fresh store)', imp.stat, rc.stat, 'read_csv', `${fmtInt(rowsRead)} rows · ${fmtInt(rowsRead / (imp.stat.medianMs / 1000))} rows/s`);
    const again = await measure(() => run(process.execPath, [bin, 'import', ctx.dataDir, '--db', fresh, '--json'], root), { warmup: 0, minReps: 3, maxReps: 3 });
    const t = JSON.parse(again.last).totals;
    row('marketdash import DATA again (unchanged)', again.stat, null, '', `${t.unchanged} files unchanged, ${t.rowsNew} new rows`);
    res.checks.push({ name: 're-import stores nothing new', ok: t.rowsNew === 0 && t.imported === 0, detail: `${t.unchanged} unchanged, ${t.rowsNew} new` });
    rmSync(fresh, { force: true });
    await ctx.reopenStore();
    res.notes.push('ratios: each median over its baseline median (Python peer for the streak, node start-up for the rest, read_csv for the import)');
    return res;
  },
};
