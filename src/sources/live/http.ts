/**
 * HTTP GET with retries, for the live providers. Uses the global `fetch` (Node 20) unless a
 * `fetchImpl` is given.
 *
 * Retried: HTTP 429 and 5xx, network errors (refused, reset, DNS) and time-outs, up to `retries`
 * extra attempts, waiting `baseDelayMs * 2^(attempt-1)` with jitter (50-100% of that, capped at
 * `maxDelayMs`), or exactly what a `Retry-After` header asks (seconds or an HTTP date). When the
 * server asks for a longer wait than `maxDelayMs`, we give up at once rather than hammer it.
 * Not retried: any other status outside `accept` (other 4xx, 3xx left after redirects).
 * Every failure is an HttpError (a UserError with code 'unavailable') naming the provider, the URL
 * with secrets removed, the status and the number of attempts.
 */
import { UserError } from '../../model/errors.ts';

export interface FetchWithRetryOptions {
  /** Provider name used in error messages; defaults to the URL's host. */
  provider?: string;
  /** Extra attempts after the first one. Default 3. */
  retries?: number;
  /** First back-off delay. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest single wait (back-off or Retry-After). Default 30 s. */
  maxDelayMs?: number;
  /** Per-attempt limit covering the headers and the whole body. Default 30 s. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  headers?: Record<string, string>;
  /** Statuses handed back to the caller instead of raising. Default: 200-299. */
  accept?: (status: number) => boolean;
  /** Random source for the jitter, in [0, 1). Default Math.random. */
  random?: () => number;
}

export interface HttpResponse {
  /** The URL requested, secrets removed. */
  url: string;
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** Number of requests made (1 = no retry). */
  attempts: number;
  /** Body decoded as UTF-8 (lenient). */
  text(): string;
}

export class HttpError extends UserError {
  constructor(
    message: string,
    readonly url: string,
    /** Last HTTP status, or null for network errors and time-outs. */
    readonly status: number | null,
    readonly attempts: number,
  ) {
    super(message, 'unavailable');
    this.name = 'HttpError';
  }
}

const SECRET_PARAM = /(key|token|secret|password|passwd|pwd|auth|sig|signature|crumb|session)/i;

/** The URL without credentials: user:password@ removed, secret-looking query values replaced by `***`. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
  let changed = false;
  if (u.username || u.password) {
    u.username = '';
    u.password = '';
    changed = true;
  }
  for (const k of new Set(u.searchParams.keys())) {
    if (SECRET_PARAM.test(k)) {
      u.searchParams.set(k, '***');
      changed = true;
    }
  }
  // Unchanged URLs are returned as written (URLSearchParams would re-encode e.g. commas).
  return changed ? u.toString() : url;
}

/** Milliseconds a Retry-After value asks for (delta-seconds or HTTP date); null when absent/unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - nowMs);
}

/** Back-off before retry number `attempt` (1-based): exponential with 50-100% jitter, capped. */
export function backoffDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp * (0.5 + 0.5 * random()));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryable(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code =
      cause && typeof cause === 'object' && 'code' in cause
        ? String((cause as { code: unknown }).code)
        : null;
    const causeMsg = cause instanceof Error ? cause.message : null;
    return [err.message, code, causeMsg && causeMsg !== err.message ? causeMsg : null]
      .filter(Boolean)
      .join(': ');
  }
  return String(err);
}

function snippet(body: Uint8Array): string {
  const text = new TextDecoder().decode(body.subarray(0, 400)).replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export async function fetchWithRetry(url: string, opts: FetchWithRetryOptions = {}): Promise<HttpResponse> {
  const safeUrl = redactUrl(url);
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw new UserError(`invalid URL ${safeUrl}`, 'bad_input');
  }
  const provider = opts.provider ?? host;
  const retries = Math.max(0, Math.floor(opts.retries ?? 3));
  const baseDelayMs = Math.max(0, opts.baseDelayMs ?? 500);
  const maxDelayMs = Math.max(0, opts.maxDelayMs ?? 30_000);
  const timeoutMs = Math.max(1, opts.timeoutMs ?? 30_000);
  const doFetch = opts.fetchImpl ?? globalThis.fetch;
  const accept = opts.accept ?? ((s: number) => s >= 200 && s <= 299);
  const random = opts.random ?? Math.random;
  const maxAttempts = retries + 1;

  let lastProblem = '';
  let lastStatus: number | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let status: number | null = null;
    let retryAfter: string | null = null;
    try {
      const res = await doFetch(url, {
        headers: opts.headers,
        signal: controller.signal,
        redirect: 'follow',
      });
      status = res.status;
      const body = new Uint8Array(await res.arrayBuffer());
      if (accept(res.status)) {
        return {
          url: safeUrl,
          status: res.status,
          headers: res.headers,
          body,
          attempts: attempt,
          text: () => new TextDecoder().decode(body),
        };
      }
      const statusText = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      const detail = snippet(body);
      if (!retryable(res.status)) {
        throw new HttpError(
          `${provider}: ${statusText} from ${safeUrl} (not retried)${detail ? `: ${detail}` : ''}`,
          safeUrl,
          res.status,
          attempt,
        );
      }
      lastStatus = res.status;
      lastProblem = `${statusText}${detail ? `: ${detail}` : ''}`;
      retryAfter = res.headers.get('retry-after');
    } catch (err) {
      if (err instanceof HttpError) throw err;
      lastStatus = status;
      lastProblem = controller.signal.aborted
        ? `no complete response within ${timeoutMs} ms`
        : `network error: ${describeNetworkError(err)}`;
    } finally {
      clearTimeout(timer);
    }

    if (attempt === maxAttempts) break;
    const asked = parseRetryAfter(retryAfter);
    if (asked !== null && asked > maxDelayMs) {
      throw new HttpError(
        `${provider}: ${lastProblem} from ${safeUrl}; the server asks to retry after ${Math.ceil(asked / 1000)} s, ` +
          `longer than the ${Math.ceil(maxDelayMs / 1000)} s limit (attempt ${attempt})`,
        safeUrl,
        lastStatus,
        attempt,
      );
    }
    await sleep(asked ?? backoffDelay(attempt, baseDelayMs, maxDelayMs, random));
  }
  throw new HttpError(
    `${provider}: ${lastProblem} from ${safeUrl} (gave up after ${maxAttempts} attempt${maxAttempts === 1 ? '' : 's'})`,
    safeUrl,
    lastStatus,
    maxAttempts,
  );
}
