/**
 * Static assets, read once at startup: the client scripts and stylesheet under src/server/assets/,
 * lightweight-charts (price series) and echarts (bars, scatter, SVG export) from node_modules (no
 * CDN, no network). Pages link them with their content hash (?v=…), which is cached for a year as
 * immutable; each asset is compressed once, on first request, and the bytes kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { type Encoding, encodeFor, encodingHeaders } from '../compress.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  /** The short content hash used in asset URLs. */
  hash: string;
  encoded?: Partial<Record<Encoding, Uint8Array>>;
}

/** Third-party browser builds served under a local name. */
const VENDOR: [string, string, string][] = [
  ['lightweight-charts.js', 'lightweight-charts', 'lightweight-charts.standalone.production.js'],
  ['echarts.min.js', 'echarts', 'echarts.min.js'],
];

/** The file `file` in the dist/ folder of package `pkg` (packages whose exports hide dist/). */
function distFile(pkg: string, file: string): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const p = join(dir, pkg, 'dist', file);
    if (existsSync(p)) return p;
  }
  throw new Error(`${pkg}/dist/${file} not found: run npm install`);
}

let cached: Map<string, Asset> | null = null;

export function loadAssets(): Map<string, Asset> {
  if (cached) return cached;
  const out = new Map<string, Asset>();
  const add = (name: string, body: Buffer) => {
    const hash = createHash('sha1').update(body).digest('base64url').slice(0, 22);
    out.set(name, { body, type: TYPES[extname(name)] ?? 'application/octet-stream', etag: `"${hash}"`, hash: hash.slice(0, 10) });
  };
  const dir = fileURLToPath(new URL('../assets/', import.meta.url));
  for (const f of readdirSync(dir)) if (TYPES[extname(f)]) add(f, readFileSync(join(dir, f)));
  for (const [name, pkg, file] of VENDOR) add(name, readFileSync(distFile(pkg, file)));
  cached = out;
  return out;
}

/** The URL of an asset with its content hash, so pages can let browsers cache it for long. */
export function assetUrl(name: string): string {
  const a = loadAssets().get(name);
  return `/assets/${name}${a ? `?v=${a.hash}` : ''}`;
}

export function registerAssets(app: OpenAPIHono): void {
  const assets = loadAssets();
  app.get('/assets/:name', (c) => {
    const a = assets.get(c.req.param('name'));
    if (!a) return c.json({ error: { code: 'not_found', message: 'no such asset' } }, 404);
    // Only the current hash is immutable: an old ?v= must not pin a stale copy for a year.
    const immutable = c.req.query('v') === a.hash;
    const headers: Record<string, string> = { 'content-type': a.type, etag: a.etag, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300', vary: 'accept-encoding' };
    if (c.req.header('if-none-match') === a.etag) return new Response(null, { status: 304, headers });
    const { bytes, encoding } = encodeFor(a, c.req.header('accept-encoding'), 'max');
    Object.assign(headers, encodingHeaders(encoding));
    return new Response(c.req.method === 'HEAD' ? null : bytes, { status: 200, headers });
  });
}
