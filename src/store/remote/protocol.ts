/**
 * The wire format between a store owner and its clients: one JSON document per line.
 * Typed arrays travel as base64 (exact, NaN kept), Sets as arrays, errors with their user-error code.
 */
import { UserError } from '../../model/errors.ts';

export interface Request {
  id: number;
  method: string;
  args: unknown[];
}

export interface Response {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { message: string; code: string | null };
}

export function encode(doc: Request | Response): string {
  return `${JSON.stringify(doc, (_k, v) => {
    if (v instanceof Float64Array) return { $f64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (v instanceof Set) return { $set: [...v] };
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
    return v;
  })}\n`;
}

export function decode(line: string): unknown {
  return JSON.parse(line, (_k, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (typeof v.$f64 === 'string' && Object.keys(v).length === 1) {
        const b = Buffer.from(v.$f64, 'base64');
        const out = new Float64Array(b.byteLength / 8);
        new Uint8Array(out.buffer).set(b);
        return out;
      }
      if (Array.isArray(v.$set) && Object.keys(v).length === 1) return new Set(v.$set);
      if (typeof v.$num === 'string' && Object.keys(v).length === 1) return Number(v.$num);
    }
    return v;
  });
}

export function errorOf(e: unknown): Response['error'] {
  return { message: e instanceof Error ? e.message : String(e), code: e instanceof UserError ? e.code : null };
}

export function toError(err: NonNullable<Response['error']>): Error {
  return err.code ? new UserError(err.message, err.code as UserError['code']) : new Error(err.message);
}

/** Split a byte stream into lines, calling `onLine` for each complete one. */
export function lineReader(onLine: (line: string) => void): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  return (chunk: Buffer) => {
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, i));
      const line = Buffer.concat(pending).toString('utf8');
      pending = [];
      start = i + 1;
      if (line.length) onLine(line);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  };
}
