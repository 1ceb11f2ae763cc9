/**
 * Section 4b: API latency under load, for every fact endpoint. The paths come from the capability
 * registry (one GET /api/<name> per capability, with the queries of its descriptor's `examples`:
 * the bench queries, else the contract query), plus /api/rrg and the overview page.
 *
 * Two measures per endpoint, against targets (issue #12):
 * - cold: a fresh server process (bench/api-server.ts), the first request right after it listens
 *   (target < 200 ms);
 * - load: src/server/bench-load.ts loadTest(baseUrl, [path], { durationSec, connections }) with 50
 *   connections for 10 s (2 s with --quick) on one server, after one untimed fetch (target p99 < 20 ms).
 * BENCH_API_ONLY=streak,perf limits the run to the paths containing one of the words.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CAPABILITIES } from '../src/capabilities/registry.ts';
import { loadTest } from '../src/server/bench-load.ts';
import { startServer } from '../src/server/start.ts';
import type { MarketStore } from '../src/store/store.ts';
import { type BenchContext, type BenchSection, emptyResult, fmtInt, REPO_ROOT, type SectionResult, timingOverrides } from './lib.ts';
import { pickNumber } from './optional.ts';

/** Targets of issue #12 (ms). */
export const TARGET_P99_MS = 20;
export const TARGET_COLD_MS = 200;

const qs = (q: Record<string, string>) => {
  const s = new URLSearchParams(q).toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return s ? `?${s}` : '';
};

/** One path per example query of every capability, /api/rrg, and the overview page. */
export function apiPaths(): string[] {
  const out: string[] = [];
  for (const c of CAPABILITIES) {
    const queries = c.examples.bench?.length ? c.examples.bench.map((b) => b.query) : [c.examples.contract];
    for (const q of queries) out.push(`/api/${c.name}${qs(q)}`);
  }
  out.push('/api/rrg', '/');
  const only = process.env.BENCH_API_ONLY?.split(',').filter(Boolean);
  return only ? out.filter((p) => only.some((w) => p.includes(w))) : out;
}

/** The first path of each endpoint (the cold request is measured once per endpoint). */
export function coldPaths(paths: string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const ep = p.split('?')[0];
    if (seen.has(ep)) return false;
    seen.add(ep);
    return true;
  });
}

interface Running {
  url: string;
  close(): Promise<void>;
}

export async function startBenchServer(store: MarketStore): Promise<Running> {
  const s = await startServer(store, { host: '127.0.0.1', port: 0 });
  return { url: s.url, close: () => s.close() };
}

/** Start bench/api-server.ts as a child process and wait for the URL it prints (it prints once listening). */
async function spawnServer(storePath: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'api-server.ts'), storePath], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('the API server did not start within 60 s')), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(JSON.parse(buf.slice(0, nl)).url as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API server exited with code ${code} before it started`));
    });
  });
  return {
    url,
    close: async () => {
      child.stdin.end();
      const t = setTimeout(() => child.kill('SIGTERM'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

async function timedFetch(url: string): Promise<{ ms: number; status: number; bytes: number }> {
  const t0 = performance.now();
  const r = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } });
  const body = await r.arrayBuffer();
  return { ms: performance.now() - t0, status: r.status, bytes: body.byteLength };
}

function summarise(raw: unknown) {
  const r = Array.isArray(raw) ? raw[0] : raw;
  return {
    p50: pickNumber(r, ['p50', 'latency.p50']),
    p99: pickNumber(r, ['p99', 'latency.p99']),
    rps: pickNumber(r, ['rps', 'requests.average']),
    total: pickNumber(r, ['requests', 'requests.total']),
    errors: pickNumber(r, ['errors']) ?? 0,
    non2xx: pickNumber(r, ['non2xx']) ?? 0,
  };
}

const ms = (x: number | null) => (x === null ? '?' : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
const ratio = (x: number | null, target: number) => (x === null ? '?' : `${(x / target).toFixed(2)}× target`);

/** Cold first request per endpoint: a fresh server process each, the request sent as soon as it listens. */
async function measureCold(storePath: string, paths: string[], res: SectionResult, log: (s: string) => void): Promise<void> {
  for (const path of coldPaths(paths)) {
    log(`cold ${path}…`);
    const server = await spawnServer(storePath);
    try {
      const r = await timedFetch(server.url + path);
      res.rows.push({
        name: `cold GET ${path}`,
        stat: null,
        figure: `${ms(r.ms)} · ${ratio(r.ms, TARGET_COLD_MS)}`,
        note: `first request after listen, fresh process; status ${r.status}, ${fmtInt(r.bytes)} bytes (br)`,
        extra: { coldMs: r.ms, targetMs: TARGET_COLD_MS, status: r.status, bytes: r.bytes },
      });
      res.checks.push({ name: `cold GET ${path} answers 200`, ok: r.status === 200, detail: `status ${r.status}` });
    } finally {
      await server.close();
    }
  }
}

/** Every path under load on one server (after one untimed fetch that fills its caches). */
async function measureLoad(storePath: string, paths: string[], res: SectionResult, log: (s: string) => void): Promise<void> {
  const durationSec = timingOverrides.quick ? 2 : 10;
  const connections = 50;
  const server = await spawnServer(storePath);
  res.notes.push(
    `load: one server child process (bench/api-server.ts, store read-only), autocannon in this process via src/server/bench-load.ts; ` +
      `${durationSec} s × ${connections} connections per path, after one untimed fetch (the load measures cached answers); targets: p99 < ${TARGET_P99_MS} ms, cold < ${TARGET_COLD_MS} ms`,
  );
  try {
    for (const path of paths) {
      const first = await timedFetch(server.url + path);
      log(`load ${path} for ${durationSec} s…`);
      const raw = await loadTest(server.url, [path], { durationSec, connections });
      const s = summarise(raw);
      res.rows.push({
        name: `GET ${path}`,
        stat: null,
        figure: `p50 ${ms(s.p50)} · p99 ${ms(s.p99)} · ${s.rps !== null ? fmtInt(s.rps) : '?'} req/s · p99 ${ratio(s.p99, TARGET_P99_MS)}`,
        note: `${s.total !== null ? `${fmtInt(s.total)} requests` : ''}; first on this server ${first.ms.toFixed(0)} ms${s.errors || s.non2xx ? `; ${s.errors} errors, ${s.non2xx} non-2xx` : ''}`,
        extra: { p50Ms: s.p50, p99Ms: s.p99, reqPerSec: s.rps, requests: s.total, errors: s.errors, non2xx: s.non2xx, firstMs: first.ms, durationSec, connections, targetP99Ms: TARGET_P99_MS },
      });
      res.checks.push({
        name: `GET ${path}: 200 and no errors under load`,
        ok: first.status === 200 && s.errors === 0 && s.non2xx === 0,
        detail: `first status ${first.status}; ${s.errors} errors, ${s.non2xx} non-2xx`,
      });
    }
  } finally {
    await server.close();
  }
}

export const apiSection: BenchSection = {
  id: 'api',
  title: 'API: cold first request and latency under load, every fact endpoint (server in a child process, loopback, autocannon)',
  async skipReason() {
    return null;
  },
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    await ctx.ensureStore(log);
    const paths = apiPaths();
    // The servers run in child processes on the same store file (DuckDB allows one writer process:
    // this process lets go of the file until the section ends).
    const storePath = await ctx.releaseStore();
    try {
      await measureCold(storePath, paths, res, log);
      await measureLoad(storePath, paths, res, log);
    } finally {
      await ctx.reopenStore();
    }
    const over = res.rows.filter((r) => (typeof r.extra?.p99Ms === 'number' && r.extra.p99Ms > TARGET_P99_MS) || (typeof r.extra?.coldMs === 'number' && r.extra.coldMs > TARGET_COLD_MS));
    res.notes.push(over.length ? `over target: ${over.map((r) => r.name).join('; ')}` : 'every endpoint within its targets');
    return res;
  },
};
