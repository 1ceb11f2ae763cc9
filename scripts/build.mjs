#!/usr/bin/env node
/**
 * Build the CLI to JavaScript: src/cli/main.ts → dist/cli/main.js, one ES module per entry with the
 * commands' heavy parts (report + charts, server, checker) split into chunks under dist/chunks/ that
 * load only when a command imports them. JavaScript dependencies are bundled in; the DuckDB native
 * binding stays in node_modules. Static files the server reads next to its code (src/server/assets)
 * are copied to dist/assets, which is where `new URL('../assets/', import.meta.url)` points from
 * dist/cli/ and dist/chunks/ alike.
 *
 *   node scripts/build.mjs [--outdir DIR] [--metafile FILE]
 * Runs from `npm ci` / `npm install` through the `prepare` script, and as `npm run build`.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Packages left to Node's resolver at run time: native bindings, and anything only tests/benches use. */
export const EXTERNAL = ['@duckdb/node-bindings', 'better-sqlite3', 'bullmq', 'ioredis', 'pg', 'pg-copy-streams', 'piscina', 'playwright-core', 'tsx', 'vitest', 'autocannon'];

/**
 * CommonJS packages left external are loaded with require(), not `import`: an `import` of CommonJS
 * makes Node scan every file of the package for its export names at each start. The names are read
 * here, at build time, from the installed package. (The DuckDB API itself, ~200 small CommonJS files,
 * is bundled: compiling them one by one cost ≈0.3 s per start; only its native binding stays outside.)
 */
const REQUIRE_EXTERNAL = ['@duckdb/node-bindings'];
const requireExternals = {
  name: 'require-externals',
  setup(b) {
    const req = createRequire(join(ROOT, 'package.json'));
    const filter = new RegExp(`^(${REQUIRE_EXTERNAL.map((n) => n.replace(/[/.]/g, (c) => `\\${c}`)).join('|')})$`);
    b.onResolve({ filter }, (a) => ({ path: a.path, namespace: 'require-external' }));
    b.onLoad({ filter: /.*/, namespace: 'require-external' }, (a) => {
      const names = Object.keys(req(a.path)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
      // `__mdRequire` is the banner's require, under a name esbuild does not bundle through.
      const lines = [`const m = __mdRequire(${JSON.stringify(a.path)});`, 'export default m;'];
      for (const k of names) lines.push(`export const ${k} = m.${k};`);
      return { contents: lines.join('\n'), loader: 'js', resolveDir: ROOT };
    });
  },
};

export async function buildCli({ outdir = join(ROOT, 'dist'), metafile = false, write = true } = {}) {
  if (write) rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    // The server's worker-pool tasks are an entry of their own: piscina loads them in worker threads.
    entryPoints: { 'cli/main': 'src/cli/main.ts', 'chunks/worker/tasks': 'src/server/worker/tasks.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    // The version the CLI prints (--version), fixed at build time: no package.json read at each start.
    define: { __MARKETDASH_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version) },
    external: EXTERNAL,
    plugins: [requireExternals],
    // echarts' prebuilt single-file ES module (minified) compiles in a fraction of the time its ~500
    // source modules take; it is the same library version, with the SVG renderer and SSR.
    alias: { echarts: 'echarts/dist/echarts.esm.min.mjs' },
    // Bundled CommonJS dependencies call require() for Node's built-ins; give every ES module one.
    banner: { js: "import { createRequire as __mdCreateRequire } from 'node:module'; const require = __mdCreateRequire(import.meta.url); const __mdRequire = require;" },
    sourcemap: 'linked',
    legalComments: 'none',
    metafile,
    write,
    logLevel: 'warning',
  });
  if (write) {
    const assets = join(ROOT, 'src', 'server', 'assets');
    if (existsSync(assets)) cpSync(assets, join(outdir, 'assets'), { recursive: true });
    // The pool's entry sits beside whichever file holds src/server/pool.ts once bundled (a chunk, or main).
    for (const dir of ['chunks/worker', 'cli/worker']) {
      mkdirSync(join(outdir, dir), { recursive: true });
      cpSync(join(ROOT, 'src', 'server', 'worker', 'entry.mjs'), join(outdir, dir, 'entry.mjs'));
    }
    mkdirSync(outdir, { recursive: true });
    writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n');
  }
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const outdir = opt('--outdir') ? resolve(opt('--outdir')) : undefined;
  const meta = opt('--metafile');
  const t0 = performance.now();
  const r = await buildCli({ outdir, metafile: Boolean(meta) });
  if (meta) writeFileSync(resolve(meta), JSON.stringify(r.metafile));
  process.stderr.write(`built ${outdir ?? join(ROOT, 'dist')} in ${Math.round(performance.now() - t0)} ms\n`);
}
