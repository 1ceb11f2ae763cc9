/**
 * Section 4b: API latency under load: src/server/bench-load.ts loadTest(baseUrl, paths,
 * { durationSec, connections }) against a server started with src/server/start.ts.
 * Each path is loaded for 10 s with 50 connections (2 s with --quick); p50/p99 latency and req/s.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  type BenchContext,
  type BenchSection,
  emptyResult,
  fmtInt,
  REPO_ROOT,
  type SectionResult,
  timingOverrides,
} from './lib.ts';
import { loadTest } from '../src/server/bench-load.ts';
import { startServer } from '../src/server/start.ts';
import type { MarketStore } from '../src/store/store.ts';
import { pickNumber } from './optional.ts';

export const API_PATHS = ['/api/streak?a=IWM&b=SPY', '/api/perf?symbols=IWM,SPY&period=ytd', '/'];

interface Running {
  url: string;
  close(): Promise<void>;
}

export async function startBenchServer(store: MarketStore): Promise<Running> {
  const s = await startServer(store, { host: '127.0.0.1', port: 0 });
  return { url: s.url, close: () => s.close() };
}

/** Start bench/api-server.ts as a child process and wait for the URL it prints. */
async function spawnServer(storePath: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'bench', 'api-server.ts'), storePath],
    {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
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

function summarise(raw: unknown) {
  const r = Array.isArray(raw) ? raw[0] : raw;
  return {
    p50: pickNumber(r, ['p50', 'p50Ms', 'latency.p50', 'latencyMs.p50', 'latency.median']),
    p99: pickNumber(r, ['p99', 'p99Ms', 'latency.p99', 'latencyMs.p99']),
    rps: pickNumber(r, [
      'reqPerSec',
      'requestsPerSec',
      'rps',
      'requests.average',
      'requests.mean',
      'throughput.rps',
    ]),
    total: pickNumber(r, ['requests', 'total', 'requests.total', 'count']),
    errors: pickNumber(r, ['errors', 'errorCount', 'failures']) ?? 0,
    non2xx: pickNumber(r, ['non2xx']) ?? 0,
  };
}

export const apiSection: BenchSection = {
  id: 'api',
  title: 'API latency under load (server in a child process, loopback, autocannon)',
  async skipReason() {
    return null;
  },
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    await ctx.ensureStore(log);
    const durationSec = timingOverrides.quick ? 2 : 10;
    const connections = 50;
    // The server runs in a child process on the same store file (DuckDB allows one writer process:
    // this process lets go of the file until the section ends).
    const storePath = await ctx.releaseStore();
    const server = await spawnServer(storePath);
    res.notes.push(
      `server: a child process (bench/api-server.ts) on ${server.url}, store opened read-only; load: autocannon via src/server/bench-load.ts in this process; ` +
        `${durationSec} s × ${connections} connections per path; each path fetched once first (status check; it fills the server's result cache, so the load measures cached answers)`,
    );
    try {
      for (const path of API_PATHS) {
        const t0 = performance.now();
        const first = await fetch(server.url + path);
        const body = await first.arrayBuffer();
        const firstMs = performance.now() - t0;
        res.checks.push({
          name: `GET ${path} answers 200`,
          ok: first.status === 200,
          detail: `status ${first.status}, ${fmtInt(body.byteLength)} bytes, first (uncached) ${firstMs.toFixed(0)} ms`,
        });
        log(`load ${path} for ${durationSec} s…`);
        const raw = await loadTest(server.url, [path], { durationSec, connections });
        const s = summarise(raw);
        const ms = (x: number | null) => (x === null ? '?' : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
        res.rows.push({
          name: `GET ${path}`,
          stat: null,
          figure: `p50 ${ms(s.p50)} · p99 ${ms(s.p99)} · ${s.rps !== null ? fmtInt(s.rps) : '?'} req/s`,
          note: `${s.total !== null ? `${fmtInt(s.total)} requests` : ''}; first (uncached) ${firstMs.toFixed(0)} ms${s.errors || s.non2xx ? `; ${s.errors} errors, ${s.non2xx} non-2xx` : ''}`,
          extra: {
            p50Ms: s.p50,
            p99Ms: s.p99,
            reqPerSec: s.rps,
            requests: s.total,
            errors: s.errors,
            non2xx: s.non2xx,
            firstMs,
            durationSec,
            connections,
            raw: JSON.stringify(raw).slice(0, 2000),
          },
        });
        res.checks.push({
          name: `GET ${path} under load: no errors`,
          ok: s.errors === 0 && s.non2xx === 0,
          detail: `${s.errors} errors, ${s.non2xx} non-2xx`,
        });
      }
    } finally {
      await server.close();
      await ctx.reopenStore();
    }
    return res;
  },
};
