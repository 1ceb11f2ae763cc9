/**
 * Errors → HTTP. User errors keep their message (400 bad input, naming the parameter; 404 unknown
 * symbol or series; 409 conflict; 503 unavailable); anything else is a 500 with a generic message,
 * logged on the server: no stack trace ever reaches the client.
 */
import { ParamError } from '../facts/params.ts';
import { UserError } from '../model/errors.ts';

export type ErrorCode = 'bad_input' | 'not_found' | 'conflict' | 'unavailable' | 'forbidden' | 'too_large' | 'internal' | 'unauthorized';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; param?: string };
}

export class HttpError extends Error {
  /** Seconds for a Retry-After header (503 when busy). */
  retryAfter?: number;
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS: Record<UserError['code'], 400 | 404 | 409 | 503> = { bad_input: 400, not_found: 404, conflict: 409, unavailable: 503 };

/** Status and JSON body for any thrown value. */
export function errorResponse(e: unknown): { status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 500 | 503; body: ErrorBody; headers?: Record<string, string> } {
  if (e instanceof HttpError) {
    const headers = e.retryAfter !== undefined ? { 'retry-after': String(e.retryAfter) } : undefined;
    return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.param !== undefined ? { param: e.param } : {}) } }, headers };
  }
  if (e instanceof ParamError) return { status: 400, body: { error: { code: 'bad_input', message: e.message, param: e.param } } };
  if (e instanceof UserError) return { status: STATUS[e.code] ?? 400, body: { error: { code: e.code, message: e.message } } };
  if (isBadJson(e)) return { status: 400, body: { error: { code: 'bad_input', message: 'the request body is not valid JSON' } } };
  logInternal(e);
  return { status: 500, body: { error: { code: 'internal', message: 'internal error (logged on the server)' } } };
}

function isBadJson(e: unknown): boolean {
  return e instanceof SyntaxError && /JSON/i.test(e.message);
}

let quiet = false;
/** Tests that provoke internal errors on purpose can silence the log. */
export function setQuietErrors(q: boolean): void {
  quiet = q;
}

function logInternal(e: unknown): void {
  if (quiet) return;
  const msg = e instanceof Error ? (process.env.MARKETDASH_DEBUG ? e.stack : `${e.name}: ${e.message}`) : String(e);
  process.stderr.write(`marketdash serve: internal error: ${msg}\n`);
}
