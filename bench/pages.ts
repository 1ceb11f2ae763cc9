/**
 * Light pages: page weight (bytes on the wire, all requests until the network is idle) and settle
 * time (navigation start → load event and no [data-state] element still loading; median of 3 fresh
 * browser contexts) in headless Chromium, for the overview, pair, instrument and rotation pages; API
 * latency (autocannon) and the cold first request, on a temp store of the server test files.
 *   node --import tsx bench/pages.ts [--store PATH] [--quick]
 * Prints one JSON document.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { startServer } from '../src/server/start.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths } from '../src/store/ingest.ts';
import { DATA_DIR } from './lib.ts';
import { SERVER_FILES } from '../test/server/fixtures.ts';

/** The server test files imported into a temp store (as the tests' shared store), reopened read-only. */
async function buildStore(): Promise<{ store: DuckDbStore; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'md-pages-bench-'));
  const path = join(dir, 'store.duckdb');
  const w = await DuckDbStore.open(path);
  await importPaths(
    w,
    SERVER_FILES.map((f) => join(DATA_DIR, f)),
    { dataRoot: DATA_DIR, lenient: false },
  );
  await w.close();
  const store = await DuckDbStore.open(path, { readOnly: true });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const args = process.argv.slice(2);
/** The pages of issue #12: overview, pair, instrument, rotation. */
const PAGES = ['/', '/pair/IWM/SPY', '/instrument/IWM', '/rrg'];
const quick = args.includes('--quick');
const storeArg = args.indexOf('--store');

async function main() {
  const ts = storeArg >= 0 ? null : await buildStore();
  const store = ts ? ts.store : await DuckDbStore.open(args[storeArg + 1], { readOnly: true });
  const srv = await startServer(store, { host: '127.0.0.1', port: 0, warm: 'before-listen' }); // as `serve` starts
  const out: Record<string, unknown> = {};
  // Cold first request of the overview and of a fact endpoint.
  for (const p of ['/', '/api/streak?a=IWM&b=SPY']) {
    const t0 = performance.now();
    const r = await fetch(srv.url + p);
    await r.arrayBuffer();
    out[`cold ${p}`] = +(performance.now() - t0).toFixed(1);
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  for (const path of PAGES) {
    const runs: { bytes: number; ms: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
        bytes += e.encodedDataLength;
      });
      const t0 = performance.now();
      await page.goto(srv.url + path, { waitUntil: 'load' });
      await page.waitForFunction(
        () =>
          Array.from(document.querySelectorAll('[data-state]')).every(
            (e) => (e as HTMLElement).dataset.state !== 'loading',
          ),
        null,
        { timeout: 30_000, polling: 10 },
      );
      // Settled: loaded and no element still loading; the bytes are counted once the network is idle too.
      const ms = performance.now() - t0;
      await page.waitForLoadState('networkidle');
      runs.push({ bytes, ms });
      await ctx.close();
    }
    runs.sort((a, b) => a.ms - b.ms);
    const byBytes = runs.map((r) => r.bytes).sort((a, b) => a - b);
    out[`page ${path}`] = {
      transferredKB: +(byBytes[1] / 1024).toFixed(1),
      settleMsMedian: +runs[1].ms.toFixed(0),
      settleMsAll: runs.map((r) => +r.ms.toFixed(0)),
    };
  }
  await browser.close();
  const paths = [
    '/api/streak?a=IWM&b=SPY',
    '/api/perf?symbols=IWM,SPY&period=ytd',
    '/api/bars/SPY',
    '/api/records?symbol=IWM',
  ];
  for (const p of paths) {
    const r = await autocannon({
      url: srv.url + p,
      duration: quick ? 2 : 5,
      connections: 50,
      headers: { 'accept-encoding': 'gzip, br' },
    });
    out[`load ${p}`] = {
      p50: r.latency.p50,
      p99: r.latency.p99,
      rps: Math.round(r.requests.average),
      non2xx: r.non2xx,
    };
  }
  await srv.close();
  if (ts) await ts.cleanup();
  else await store.close();
  console.log(JSON.stringify(out, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
