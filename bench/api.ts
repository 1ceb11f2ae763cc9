/**
 * Section 4b: API latency under load, for every fact endpoint. The paths come from the capability
 * registry (one GET /api/<name> per capability, with the queries of its descriptor's `examples`:
 * the bench queries, else the contract query), plus /api/rrg and the overview page.
 *
 * Two measures per endpoint, against targets (issue #12):
 * - cold: a fresh server process (`marketdash serve`, the built bin), the first request right after
 *   it prints its URL, i.e. after it listens (target < 200 ms);
 * - load: src/server/bench-load.ts loadTest(baseUrl, [path], { durationSec, connections }) with 50
 *   connections for 10 s (2 s with --quick) on one server, after one untimed fetch and one second of untimed
 *   load across all the paths (target p99 < 20 ms);
 *   its clients ask for `br, gzip` as browsers and fetch do, so the cached compressed body is what moves.
 * BENCH_API_ONLY=streak,perf limits the run to the paths containing one of the words.
 * BENCH_API_BASE=DIR also measures the (built) checkout in DIR, alternating with this one: before/after.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CAPABILITIES } from '../src/capabilities/registry.ts';
import { loadTest } from '../src/server/bench-load.ts';
import { rebuildReadCache } from '../src/store/read-cache.ts';
import type { MarketStore } from '../src/store/store.ts';
import {
  type BenchContext,
  type BenchSection,
  emptyResult,
  fmtInt,
  REPO_ROOT,
  type SectionResult,
  timingOverrides,
} from './lib.ts';
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

/**
 * `marketdash serve --port 0 --json` (the built bin, as a user runs it: dist/, pool workers on the
 * compiled tasks) in a child process; resolves once it prints its URL, which it does after listening.
 */
async function spawnServer(root: string, storePath: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'marketdash.mjs'), '--db', storePath, 'serve', '--port', '0', '--json'],
    {
      cwd: root,
      env: { ...process.env, MARKETDASH_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start within 120 s: ${out}`)),
      120_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":\s*"(http:\/\/[^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code} before it started: ${out}`));
    });
  });
  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Newest modification time (ms) of the files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) t = Math.max(t, statSync(join(f.parentPath, f.name)).mtimeMs);
  }
  return t;
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

/** A checkout to measure: this one, or the one BENCH_API_BASE names (its own copy of the store: each server owns its file). */
interface Side {
  label: string;
  root: string;
  store: string;
}

/** Cold first request per endpoint: a fresh server process each, the request sent as soon as it listens (the sides alternate). */
async function measureCold(
  sides: Side[],
  paths: string[],
  res: SectionResult,
  log: (s: string) => void,
): Promise<void> {
  for (const path of coldPaths(paths)) {
    for (const side of sides) await coldOne(side, path, res, log);
  }
}

async function coldOne(
  side: Side,
  path: string,
  res: SectionResult,
  log: (s: string) => void,
): Promise<void> {
  log(`cold ${path}${side.label}…`);
  const server = await spawnServer(side.root, side.store);
  try {
    const r = await timedFetch(server.url + path);
    res.rows.push({
      name: `cold GET ${path}${side.label}`,
      stat: null,
      figure: `${ms(r.ms)} · ${ratio(r.ms, TARGET_COLD_MS)}`,
      note: `first request after listen, fresh process; status ${r.status}, ${fmtInt(r.bytes)} bytes (br)`,
      extra: { coldMs: r.ms, targetMs: TARGET_COLD_MS, status: r.status, bytes: r.bytes },
    });
    res.checks.push({
      name: `cold GET ${path}${side.label} answers 200`,
      ok: r.status === 200,
      detail: `status ${r.status}`,
    });
  } finally {
    await server.close();
  }
}

/** Untimed load on each server before the timed paths. */
const WARMUP_SEC = 1;

/** Every path under load, one server per side, the sides alternating per path (after one untimed fetch that fills its caches). */
async function measureLoad(
  sides: Side[],
  paths: string[],
  res: SectionResult,
  log: (s: string) => void,
): Promise<void> {
  const durationSec = timingOverrides.quick ? 2 : 10;
  const connections = 50;
  const servers: Running[] = [];
  for (const side of sides) servers.push(await spawnServer(side.root, side.store));
  res.notes.push(
    `load: one server child process (the built bin: marketdash serve), autocannon in this process via src/server/bench-load.ts, clients asking for br, gzip; ` +
      `${durationSec} s × ${connections} connections per path, after one untimed fetch (the load measures cached answers); targets: p99 < ${TARGET_P99_MS} ms, cold < ${TARGET_COLD_MS} ms`,
    `load warm-up: each server first takes ${WARMUP_SEC} s of untimed load across all the paths, so no path's figure carries the compilation of the server's (and the load client's) request path: without it, whichever path came first had a p99 a few ms over the others'`,
  );
  try {
    // Each path's first answer on each server (the untimed fetch that fills its caches), then the warm-up.
    const firsts = new Map<string, { ms: number; status: number }>();
    for (const [k, server] of servers.entries()) for (const path of paths) firsts.set(`${k} ${path}`, await timedFetch(server.url + path));
    for (const server of servers) await loadTest(server.url, paths, { durationSec: WARMUP_SEC, connections });
    for (const path of paths) {
      for (const [k, server] of servers.entries())
        await loadOne(server, sides[k].label, path, firsts.get(`${k} ${path}`)!, durationSec, connections, res, log);
    }
  } finally {
    for (const server of servers) await server.close();
  }
}

async function loadOne(
  server: Running,
  label: string,
  path: string,
  first: { ms: number; status: number },
  durationSec: number,
  connections: number,
  res: SectionResult,
  log: (s: string) => void,
): Promise<void> {
  log(`load ${path}${label} for ${durationSec} s…`);
  const raw = await loadTest(server.url, [path], { durationSec, connections });
  const s = summarise(raw);
  res.rows.push({
    name: `GET ${path}${label}`,
    stat: null,
    figure: `p50 ${ms(s.p50)} · p99 ${ms(s.p99)} · ${s.rps !== null ? fmtInt(s.rps) : '?'} req/s · p99 ${ratio(s.p99, TARGET_P99_MS)}`,
    note: `${s.total !== null ? `${fmtInt(s.total)} requests` : ''}; first on this server ${first.ms.toFixed(0)} ms${s.errors || s.non2xx ? `; ${s.errors} errors, ${s.non2xx} non-2xx` : ''}`,
    extra: {
      p50Ms: s.p50,
      p99Ms: s.p99,
      reqPerSec: s.rps,
      requests: s.total,
      errors: s.errors,
      non2xx: s.non2xx,
      firstMs: first.ms,
      durationSec,
      connections,
      targetP99Ms: TARGET_P99_MS,
    },
  });
  res.checks.push({
    name: `GET ${path}${label}: 200 and no errors under load`,
    ok: first.status === 200 && s.errors === 0 && s.non2xx === 0,
    detail: `first status ${first.status}; ${s.errors} errors, ${s.non2xx} non-2xx`,
  });
}

/**
 * Why an example path cannot answer on the store's data (it would be a 404, not a latency), or null.
 * The data folder has no fund-flows file, so /api/flows has nothing to answer with: said, not measured.
 */
async function skipOnThisData(store: MarketStore, path: string): Promise<string | null> {
  if (path.startsWith('/api/flows') && (await store.getFlows()).length === 0)
    return 'the store holds no fund flows (the data folder has no flows file), so the endpoint can only answer 404';
  return null;
}

export const apiSection: BenchSection = {
  id: 'api',
  title:
    'API: cold first request and latency under load, every fact endpoint (server in a child process, loopback, autocannon)',
  async skipReason() {
    return null;
  },
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    const store = await ctx.ensureStore(log);
    const paths: string[] = [];
    for (const path of apiPaths()) {
      const why = await skipOnThisData(store, path);
      if (why) res.notes.push(`skipped ${path}: ${why}`);
      else paths.push(path);
    }
    // The servers are the built bin (dist/): it must be built from the current sources.
    const fresh = newest(join(REPO_ROOT, 'dist')) >= newest(join(REPO_ROOT, 'src'));
    res.checks.push({
      name: 'dist/ is built from the current src/ (npm run build)',
      ok: fresh,
      detail: fresh ? 'dist newer than every src file' : 'a src file is newer than dist/: run npm run build',
    });
    // The servers run in child processes on the same store file (DuckDB allows one writer process:
    // this process lets go of the file until the section ends).
    const storePath = await ctx.releaseStore();
    // As `marketdash import` leaves it: the store file with its read cache (kept when fresh, else built),
    // so the servers answer as they do on a store the CLI imported.
    const cachedHere = await rebuildReadCache(storePath);
    res.notes.push(`the store ${cachedHere ? 'with' : 'without'} its read cache (${storePath})`);
    const sides: Side[] = [{ label: '', root: REPO_ROOT, store: storePath }];
    const base = process.env.BENCH_API_BASE;
    if (base) {
      const copy = join(ctx.workDir, 'store-base.duckdb');
      copyFileSync(storePath, copy);
      // The read cache is stamped with the store file's identity, so a copy's is stale: built for the
      // copy, else the base's servers would read DuckDB where this checkout's read the cache.
      const cached = await rebuildReadCache(copy);
      sides.push({ label: ' [base]', root: resolve(base), store: copy });
      res.notes.push(
        `[base]: the checkout in ${resolve(base)} (BENCH_API_BASE, its built bin), on a copy of the store (${cached ? 'its read cache built for it' : 'no read cache'}), alternating with this checkout per endpoint`,
      );
    }
    try {
      await measureCold(sides, paths, res, log);
      await measureLoad(sides, paths, res, log);
    } finally {
      await ctx.reopenStore();
    }
    const over = res.rows.filter(
      (r) =>
        (typeof r.extra?.p99Ms === 'number' && r.extra.p99Ms > TARGET_P99_MS) ||
        (typeof r.extra?.coldMs === 'number' && r.extra.coldMs > TARGET_COLD_MS),
    );
    res.notes.push(
      over.length
        ? `over target: ${over.map((r) => r.name).join('; ')}`
        : 'every endpoint within its targets',
    );
    return res;
  },
};
