/**
 * Static assets, read once at startup: the client scripts and stylesheet under src/server/assets/
 * and echarts from node_modules (no CDN, no network).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

let cached: Map<string, Asset> | null = null;

export function loadAssets(): Map<string, Asset> {
  if (cached) return cached;
  const out = new Map<string, Asset>();
  const add = (name: string, body: Buffer) => {
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    out.set(name, { body, type: TYPES[extname(name)] ?? 'application/octet-stream', etag });
  };
  const dir = fileURLToPath(new URL('../assets/', import.meta.url));
  for (const f of readdirSync(dir)) if (TYPES[extname(f)]) add(f, readFileSync(join(dir, f)));
  const require = createRequire(import.meta.url);
  add('echarts.min.js', readFileSync(require.resolve('echarts/dist/echarts.min.js')));
  cached = out;
  return out;
}

/** The URL of an asset with its content hash, so pages can let browsers cache it for long. */
export function assetUrl(name: string): string {
  const a = loadAssets().get(name);
  return `/assets/${name}${a ? `?v=${a.etag.slice(1, 9)}` : ''}`;
}

export function registerAssets(app: OpenAPIHono): void {
  const assets = loadAssets();
  app.get('/assets/:name', (c) => {
    const a = assets.get(c.req.param('name'));
    if (!a) return c.json({ error: { code: 'not_found', message: 'no such asset' } }, 404);
    const headers = { 'content-type': a.type, etag: a.etag, 'cache-control': c.req.query('v') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600' };
    if (c.req.header('if-none-match') === a.etag) return new Response(null, { status: 304, headers });
    return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(a.body), { status: 200, headers });
  });
}
