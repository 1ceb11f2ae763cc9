/** Compression of cached bodies: negotiated from Accept-Encoding, done once per body, lossless. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Compressible, encodeFor, negotiate } from '../../src/server/compress.ts';

describe('compress once per body', () => {
  it('negotiates br over gzip, honours q=0, identity otherwise', () => {
    expect(negotiate('gzip, deflate, br')).toBe('br');
    expect(negotiate('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(negotiate('*')).toBe('gzip');
    expect(negotiate('identity')).toBeNull();
    expect(negotiate(undefined)).toBeNull();
  });

  it('compresses a body once and keeps the bytes; both encodings decode to the body', () => {
    const body = JSON.stringify({ dates: Array.from({ length: 2000 }, (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')}`) });
    const h: Compressible = { body };
    const a = encodeFor(h, 'br');
    const b = encodeFor(h, 'br');
    expect(a.encoding).toBe('br');
    expect(b.bytes).toBe(a.bytes); // the same buffer: not compressed again
    expect(a.bytes.byteLength).toBeLessThan(body.length / 5);
    expect(brotliDecompressSync(a.bytes).toString('utf8')).toBe(body);
    const g = encodeFor(h, 'gzip');
    expect(gunzipSync(g.bytes).toString('utf8')).toBe(body);
    expect(Object.keys(h.encoded ?? {}).sort()).toEqual(['br', 'gzip']);
  });

  it('small bodies go as they are', () => {
    const h: Compressible = { body: '{"ok":true}' };
    const r = encodeFor(h, 'br');
    expect(r.encoding).toBeNull();
    expect(Buffer.from(r.bytes).toString('utf8')).toBe('{"ok":true}');
    expect(h.encoded).toBeUndefined();
  });
});
