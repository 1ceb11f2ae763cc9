/**
 * The benchmark suite: `npm run bench [-- SECTION… | --quick | --list]`.
 * Prints a table per section and writes bench-output/results.json.
 *
 * Sections are modules in bench/, run in the order of SECTIONS below. A section whose module under
 * src/ is missing is skipped with the reason printed. To add one: write bench/<name>.ts exporting a
 * BenchSection (see lib.ts) and add it to SECTIONS. Later sections reuse the store the import section
 * built (or build one, untimed, when run alone).
 *
 * Env: MARKETDASH_DATA (data folder), BENCH_IMPORT_RUNS (full imports, default: as many as fit in
 * ~80 s, at most 3), BENCH_OUT (output folder, default bench-output), BENCH_KEEP=1 (keep temp files),
 * BENCH_STORE (an already imported store file for the sections after import, when import is not run).
 * `--scale` runs only the synthetic scale section (bench/scale/section.ts: its own env variables).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { alertsSection } from './alerts.ts';
import { analyticsSection } from './analytics.ts';
import { apiSection } from './api.ts';
import { baselinesSection } from './baselines.ts';
import { cliSection } from './cli.ts';
import { importSection } from './import.ts';
import {
  BenchContext,
  type BenchSection,
  type Check,
  fmtMs,
  REPO_ROOT,
  type ResultRow,
  textTable,
  timingOverrides,
} from './lib.ts';
import { reportSection } from './report.ts';
import { scaleSection } from './scale/section.ts';

/** The registry: every section, in run order. */
export const SECTIONS: BenchSection[] = [
  importSection,
  analyticsSection,
  baselinesSection,
  reportSection,
  cliSection,
  apiSection,
  alertsSection,
];

interface SectionOutcome {
  id: string;
  title: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  ms: number;
  rows: ResultRow[];
  checks: Check[];
  notes: string[];
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

function pkgVersion(name: string): string | null {
  try {
    return JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function renderSection(o: SectionOutcome): string {
  const out: string[] = [`## ${o.title}  [${o.id}]`];
  if (o.status === 'skipped') return [...out, `skipped: ${o.reason}`].join('\n');
  if (o.status === 'failed') out.push(`FAILED: ${o.reason}`);
  if (o.rows.length) {
    out.push(
      textTable(
        ['measure', 'n', 'median', 'min', 'throughput / ratio', 'note'],
        o.rows.map((r) => [
          r.name,
          r.stat ? String(r.stat.n) : '',
          r.stat ? fmtMs(r.stat.medianMs) : '',
          r.stat ? fmtMs(r.stat.minMs) : '',
          r.figure ?? '',
          r.note ?? '',
        ]),
        [1, 2, 3],
      ),
    );
  }
  for (const c of o.checks) out.push(`${c.ok ? 'agree: yes' : 'agree: NO '}  ${c.name} — ${c.detail}`);
  for (const n of o.notes) out.push(`note: ${n}`);
  out.push(`(section took ${fmtMs(o.ms)})`);
  return out.join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const s of SECTIONS) process.stdout.write(`${s.id.padEnd(10)} ${s.title}\n`);
    return 0;
  }
  timingOverrides.quick = args.includes('--quick');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.id === w));
  if (unknown.length) {
    process.stderr.write(
      `unknown section(s): ${unknown.join(', ')} (have: ${SECTIONS.map((s) => s.id).join(', ')})\n`,
    );
    return 2;
  }
  const selected = args.includes('--scale') ? [scaleSection] : wanted.length ? SECTIONS.filter((s) => wanted.includes(s.id)) : SECTIONS;
  const ctx = new BenchContext();
  const started = new Date();
  const t0 = performance.now();
  const meta = {
    startedAt: started.toISOString(),
    commit: gitCommit(),
    node: process.version,
    duckdb: pkgVersion('@duckdb/node-api'),
    platform: `${platform()} ${arch()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAvgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    loadAvgAtEnd: [] as number[],
    dataDir: ctx.dataDir,
    quick: timingOverrides.quick,
    sections: selected.map((s) => s.id),
  };
  process.stdout.write(
    `MarketDash benchmarks — ${meta.startedAt}, commit ${meta.commit ?? '?'}, node ${meta.node}, @duckdb/node-api ${meta.duckdb}, ` +
      `${meta.cpus} CPU(s), load average ${meta.loadAvgAtStart.join(' ')}${meta.quick ? ', QUICK (1 run each, no warm-up)' : ''}\n` +
      `data: ${ctx.dataDir}\ntimes: median and min of n timed runs after warm-up (wall clock, performance.now)\n\n`,
  );
  const outcomes: SectionOutcome[] = [];
  try {
    for (const s of selected) {
      const o: SectionOutcome = {
        id: s.id,
        title: s.title,
        status: 'ok',
        ms: 0,
        rows: [],
        checks: [],
        notes: [],
      };
      const ts = performance.now();
      const reason = s.skipReason ? await s.skipReason(ctx) : null;
      if (reason) {
        o.status = 'skipped';
        o.reason = reason;
      } else {
        process.stdout.write(`[${s.id}] ${s.title}\n`);
        try {
          const r = await s.run(ctx);
          o.rows = r.rows;
          o.checks = r.checks;
          o.notes = r.notes;
        } catch (e) {
          o.status = 'failed';
          o.reason = (e as Error).stack ?? String(e);
        }
      }
      o.ms = performance.now() - ts;
      outcomes.push(o);
      process.stdout.write(`\n${renderSection(o)}\n\n`);
    }
  } finally {
    await ctx.cleanup();
  }
  meta.loadAvgAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  const totalMs = performance.now() - t0;
  const outDir = resolve(REPO_ROOT, process.env.BENCH_OUT ?? 'bench-output');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, 'results.json');
  writeFileSync(outFile, `${JSON.stringify({ meta, totalMs, sections: outcomes }, null, 2)}\n`);

  const checks = outcomes.flatMap((o) => o.checks);
  const disagree = checks.filter((c) => !c.ok);
  process.stdout.write(
    `summary: ${outcomes.filter((o) => o.status === 'ok').length} section(s) run, ${outcomes.filter((o) => o.status === 'skipped').length} skipped, ` +
      `${outcomes.filter((o) => o.status === 'failed').length} failed; checks ${checks.length - disagree.length}/${checks.length} agree; ` +
      `total ${fmtMs(totalMs)}; load average at end ${meta.loadAvgAtEnd.join(' ')}\nwrote ${outFile}\n`,
  );
  for (const o of outcomes)
    if (o.status === 'skipped') process.stdout.write(`skipped ${o.id}: ${o.reason}\n`);
  return outcomes.some((o) => o.status === 'failed') || disagree.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
