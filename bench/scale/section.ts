/**
 * Section `scale` (`npm run bench:scale`, i.e. `npm run bench -- --scale`; not part of a plain `npm run
 * bench`): synthetic data at F × the sample's row count (bench/scale/generate.ts: 5,000 symbols, the
 * sessions scaled), generated into a temp folder, imported into a fresh DuckDB file and into PostgreSQL
 * (its own schema, dropped after), then the fact commands as a user runs them (whole processes of the
 * compiled bin) on each store, side by side: `streak` of two members, `perf` over 100 members, `breadth`
 * over all 5,000 members of the generated fund. Generated data and stores are deleted at the end.
 *
 * Env: BENCH_SCALE_FACTORS (default `1`; e.g. `1,10,50`), BENCH_SCALE_STORES (default `duckdb,postgres`;
 * per factor `50:duckdb` limits a factor to one store), BENCH_SCALE_SYMBOLS (default 5000),
 * BENCH_SCALE_PG (default postgres://postgres@127.0.0.1:5432/test).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { type BenchContext, type BenchSection, emptyResult, fmtInt, fmtMs, MB, measure, type SectionResult, type Stat } from '../lib.ts';
import { generate, type Generated, specForFactor } from './generate.ts';

type StoreKind = 'duckdb' | 'postgres';

export interface ScalePlan {
  factor: number;
  stores: StoreKind[];
}

/** `1,10,50:duckdb` → [{1, both}, {10, both}, {50, duckdb}] (stores default from BENCH_SCALE_STORES). */
export function parsePlan(factors: string, stores: string): ScalePlan[] {
  const all = stores.split(',').map((s) => s.trim()).filter(Boolean) as StoreKind[];
  for (const s of all) if (s !== 'duckdb' && s !== 'postgres') throw new Error(`BENCH_SCALE_STORES: unknown store '${s}'`);
  return factors.split(',').map((item) => {
    const [f, only] = item.split(':');
    const factor = Number(f);
    if (!(factor > 0)) throw new Error(`BENCH_SCALE_FACTORS: '${item}' is not a positive factor`);
    const st = only ? (only.split('+') as StoreKind[]) : all;
    return { factor, stores: st };
  });
}

function runBin(bin: string, args: string[]): string {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * MB });
  if (r.status !== 0) throw new Error(`marketdash ${args.slice(0, 4).join(' ')}… exited ${r.status}: ${(r.stderr || r.stdout).slice(0, 400)}`);
  return r.stdout;
}

async function dropSchema(base: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

interface StoreRun {
  kind: StoreKind;
  importMs: number;
  rows: number;
  facts: Map<string, { stat: Stat; json: string }>;
}

/** The fact commands timed on each store (whole processes). */
function factCommands(g: Generated, fund: string): [string, string[]][] {
  return [
    [`streak ${g.symbols[0]} ${g.symbols[1]}`, ['streak', g.symbols[0], g.symbols[1], '--json']],
    [`perf over 100 members, 1y`, ['perf', ...g.symbols.slice(0, 100), '--period', '1y', '--json']],
    [`breadth ${fund} (${fmtInt(g.symbols.length)} members)`, ['breadth', fund, '--json']],
  ];
}

async function runStore(kind: StoreKind, g: Generated, fund: string, work: string, pgBase: string, bin: string, log: (s: string) => void): Promise<StoreRun> {
  const schema = `md_scale_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const location = kind === 'duckdb' ? join(work, `scale-${Date.now()}.duckdb`) : `${pgBase}?schema=${schema}`;
  try {
    const store: MarketStore = kind === 'duckdb' ? await DuckDbStore.open(location) : await PgStore.open(location);
    const t0 = performance.now();
    let rows = 0;
    try {
      const s = await importPaths(store, [g.dir], { dataRoot: g.dir, lenient: false });
      if (s.totals.failed > 0) throw new Error(`${kind}: ${s.totals.failed} file(s) failed to import: ${s.files.find((f) => f.status === 'failed')?.error}`);
      rows = s.totals.rowsRead;
    } finally {
      await store.close();
    }
    const importMs = performance.now() - t0;
    log(`${kind}: imported ${fmtInt(rows)} rows in ${fmtMs(importMs)} (${fmtInt(rows / (importMs / 1000))} rows/s)`);
    const facts = new Map<string, { stat: Stat; json: string }>();
    for (const [name, args] of factCommands(g, fund)) {
      const { stat, last } = await measure(() => runBin(bin, ['--db', location, ...args]), { warmup: 1, minReps: 3 });
      facts.set(name, { stat, json: last });
      log(`${kind}: ${name}: median ${fmtMs(stat.medianMs)}`);
    }
    return { kind, importMs, rows, facts };
  } finally {
    if (kind === 'duckdb') {
      rmSync(location, { force: true });
      rmSync(`${location}.wal`, { force: true });
    } else await dropSchema(pgBase, schema).catch((e) => log(`could not drop schema ${schema}: ${(e as Error).message}`));
  }
}

/** Facts carry the store's location in their provenance; compare the numbers, not the location. */
function comparable(json: string): string {
  const drop = new Set(['store', 'location', 'db', 'generatedAt', 'computedAt']);
  return JSON.stringify(JSON.parse(json), (k, v) => (drop.has(k) ? undefined : v));
}

export async function runScale(ctx: BenchContext, plans: ScalePlan[], symbols: number, pgBase: string, log: (s: string) => void): Promise<SectionResult> {
  const res = emptyResult();
  const bin = join(ctx.repoRoot, 'bin', 'marketdash.mjs');
  for (const plan of plans) {
    const spec = specForFactor(plan.factor, symbols);
    const dir = join(ctx.workDir, `scale-${plan.factor}x`);
    try {
      const t0 = performance.now();
      const g = await generate(dir, spec);
      const genMs = performance.now() - t0;
      const label = `${plan.factor}× (${fmtInt(g.rows)} rows: ${fmtInt(spec.symbols)} symbols × ${fmtInt(spec.sessions)} sessions ${g.first}..${g.last})`;
      log(`generated ${label}, ${(g.bytes / MB).toFixed(0)} MB in ${fmtMs(genMs)}`);
      res.notes.push(`${label}: generated ${(g.bytes / MB).toFixed(0)} MB in ${fmtMs(genMs)}`);
      const runs: StoreRun[] = [];
      for (const kind of plan.stores) runs.push(await runStore(kind, g, spec.fund, ctx.workDir, pgBase, bin, log));
      const duck = runs.find((r) => r.kind === 'duckdb');
      for (const r of runs) {
        const ratio = (ms: number, base: number | undefined) => (r.kind !== 'duckdb' && base ? ` · ${(ms / base).toFixed(2)}× DuckDB` : '');
        res.rows.push({
          name: `${plan.factor}× ${r.kind}: import`,
          stat: { n: 1, warmup: 0, medianMs: r.importMs, minMs: r.importMs, maxMs: r.importMs, samplesMs: [r.importMs] },
          figure: `${fmtInt(r.rows / (r.importMs / 1000))} rows/s${ratio(r.importMs, duck?.importMs)}`,
          note: `${fmtInt(r.rows)} rows, ${fmtInt(g.files)} files`,
          extra: { factor: plan.factor, store: r.kind, rows: r.rows, rowsPerSec: Math.round(r.rows / (r.importMs / 1000)) },
        });
        for (const [name, { stat, json }] of r.facts) {
          const base = duck?.facts.get(name);
          res.rows.push({
            name: `${plan.factor}× ${r.kind}: ${name}`,
            stat,
            figure: ratio(stat.medianMs, base?.stat.medianMs).replace(/^ · /, ''),
            note: 'whole process',
            extra: { factor: plan.factor, store: r.kind, medianMs: Math.round(stat.medianMs) },
          });
          if (base && r.kind !== 'duckdb') {
            const same = comparable(json) === comparable(base.json);
            res.checks.push({ name: `${plan.factor}× ${name}: same JSON on PostgreSQL and DuckDB`, ok: same, detail: same ? 'identical' : 'DIFFERENT' });
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return res;
}

export const scaleSection: BenchSection = {
  id: 'scale',
  title: 'Synthetic scale run: generated symbols × sessions imported into DuckDB and PostgreSQL; streak, perf, breadth per store',
  skipReason(ctx: BenchContext) {
    return spawnSync(process.execPath, [join(ctx.repoRoot, 'scripts', 'build.mjs')], { stdio: 'ignore' }).status === 0
      ? null
      : 'npm run build failed: no compiled CLI to time';
  },
  async run(ctx: BenchContext): Promise<SectionResult> {
    const plans = parsePlan(process.env.BENCH_SCALE_FACTORS ?? '1', process.env.BENCH_SCALE_STORES ?? 'duckdb,postgres');
    const symbols = Number(process.env.BENCH_SCALE_SYMBOLS ?? 5000);
    const pgBase = process.env.BENCH_SCALE_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
    return runScale(ctx, plans, symbols, pgBase, (s) => process.stdout.write(`  ${s}\n`));
  },
};
