/** Sending cached results: ETag and Cache-Control on results, 304 on a matching If-None-Match. */
import type { Context } from 'hono';
import { encodeFor, encodingHeaders } from './compress.ts';
import { errorResponse } from './errors.ts';
import type { Entry } from './results.ts';

export const API_CACHE = 'public, max-age=300';
export const PAGE_CACHE = 'no-cache';

export function send(c: Context, e: Entry, cacheControl = API_CACHE): Response {
  if (e.status !== 200) {
    return new Response(e.body, { status: e.status, headers: { 'content-type': e.contentType, 'cache-control': 'no-store', ...e.headers } });
  }
  const headers: Record<string, string> = { 'content-type': e.contentType, etag: e.etag, 'cache-control': cacheControl, vary: 'accept-encoding' };
  const inm = c.req.header('if-none-match');
  if (inm && (inm.trim() === '*' || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === e.etag))) {
    return new Response(null, { status: 304, headers });
  }
  // Compressed once, kept with the cached entry.
  const { bytes, encoding } = encodeFor(e, c.req.header('accept-encoding'));
  Object.assign(headers, encodingHeaders(encoding));
  return new Response(c.req.method === 'HEAD' ? null : bytes, { status: 200, headers });
}

/** A JSON error response for any thrown value (no stack traces). */
export function sendError(e: unknown): Response {
  const r = errorResponse(e);
  return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...r.headers } });
}

/** The query string as a record: one value → string, repeated → string[]. */
export function queryOf(c: Context): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(c.req.queries())) out[k] = v.length === 1 ? v[0] : v;
  return out;
}
