/**
 * Compression of text responses, done once per body: the compressed bytes are kept next to the
 * cached body (result cache, page cache, static assets), so a request pays only for the copy.
 * Brotli when the client accepts it, else gzip; bodies under 1 KiB go as they are.
 */
import type { MiddlewareHandler } from 'hono';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** A body with its compressed forms, filled on first use. */
export interface Compressible {
  body: string | Uint8Array;
  encoded?: Partial<Record<Encoding, Uint8Array>>;
  /** The body's UTF-8 bytes, filled on first use (a 1 MB body is not encoded again for every identity response). */
  raw?: Uint8Array;
}

const MIN_BYTES = 1024;

/** The encoding to use for an Accept-Encoding header (q=0 excludes), or null for identity. */
export function negotiate(accept: string | undefined | null): Encoding | null {
  if (!accept) return null;
  const ok = new Set<string>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    ok.add(name.trim());
  }
  if (ok.has('br')) return 'br';
  if (ok.has('gzip') || ok.has('*')) return 'gzip';
  return null;
}

function bytesOf(holder: Compressible): Uint8Array {
  if (typeof holder.body !== 'string') return holder.body;
  holder.raw ??= Buffer.from(holder.body, 'utf8');
  return holder.raw;
}

/** The bytes to send and the Content-Encoding (null = identity), compressing at most once per holder and encoding. */
export function encodeFor(holder: Compressible, accept: string | undefined | null, quality: 'fast' | 'max' = 'fast'): { bytes: Uint8Array<ArrayBuffer>; encoding: Encoding | null } {
  const enc = negotiate(accept);
  const raw = bytesOf(holder);
  if (!enc || raw.byteLength < MIN_BYTES) return { bytes: raw as Uint8Array<ArrayBuffer>, encoding: null };
  holder.encoded ??= {};
  let out = holder.encoded[enc];
  if (!out) {
    out =
      enc === 'br'
        ? brotliCompressSync(raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: quality === 'max' ? 9 : 5,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.byteLength,
            },
          })
        : gzipSync(raw, { level: quality === 'max' ? 9 : 6 });
    holder.encoded[enc] = out;
  }
  return { bytes: out as Uint8Array<ArrayBuffer>, encoding: enc };
}

/** Headers for an encoded body (Vary always, so caches keep the variants apart). */
export function encodingHeaders(encoding: Encoding | null): Record<string, string> {
  return encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : { vary: 'accept-encoding' };
}

const TEXTY = /^(text\/|application\/(json|feed\+json|atom\+xml|xml|javascript)|image\/svg\+xml)/;

/**
 * Middleware for the responses not compressed into a cache (check results, feeds, the OpenAPI
 * document): 200s with a text type and no encoding yet are compressed here, per request.
 */
export function compressRest(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    // Headers and status only until the body is to be compressed: reading `res.body` turns the node
    // adapter's lightweight response (its bytes written at once) into a stream, which cost every cached
    // answer a copy through web streams (the 1 MB volatility body: most of its p99 under load).
    if (res.status !== 200 || c.req.method === 'HEAD' || res.headers.has('content-encoding')) return;
    // Vary: accept-encoding: the encoding was chosen already (cached results, pages, assets: send/encodeFor).
    if (/accept-encoding/i.test(res.headers.get('vary') ?? '')) return;
    if (!TEXTY.test(res.headers.get('content-type') ?? '')) return;
    const enc = negotiate(c.req.header('accept-encoding'));
    if (!enc || !res.body) return;
    const holder: Compressible = { body: new Uint8Array(await res.arrayBuffer()) };
    const { bytes, encoding } = encodeFor(holder, c.req.header('accept-encoding'));
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    for (const [k, v] of Object.entries(encodingHeaders(encoding))) headers.set(k, v);
    c.res = new Response(bytes, { status: res.status, headers });
  };
}
