import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/model/errors.ts';
import {
  backoffDelay,
  fetchWithRetry,
  HttpError,
  parseRetryAfter,
  redactUrl,
} from '../../../src/sources/live/http.ts';
import { FAST, type LocalServer, startServer } from './local-server.ts';

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function failure(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toBeInstanceOf(UserError);
    return err as HttpError;
  }
  throw new Error('expected a failure');
}

describe('scenario: a flaky provider', () => {
  it('two 503s then 200: succeeds on the third request', async () => {
    server = await startServer([{ status: 503, body: 'busy' }, { status: 503 }, { status: 200, body: 'ok' }]);
    const res = await fetchWithRetry(`${server.baseUrl}/data`, { ...FAST, provider: 'test' });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('ok');
    expect(res.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('429 with Retry-After: 0 is retried at once', async () => {
    server = await startServer([
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 200, body: 'ok' },
    ]);
    const t = performance.now();
    // A huge base delay proves Retry-After, not the back-off, decided the wait.
    const res = await fetchWithRetry(`${server.baseUrl}/x`, {
      ...FAST,
      baseDelayMs: 20_000,
      maxDelayMs: 30_000,
    });
    expect(res.text()).toBe('ok');
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  it('404 is not retried and the error names provider, URL and status', async () => {
    server = await startServer([{ status: 404, body: 'Not here' }]);
    const err = await failure(
      fetchWithRetry(`${server.baseUrl}/missing?s=spy.us`, { ...FAST, provider: 'stooq' }),
    );
    expect(server.requests).toHaveLength(1);
    expect(err.code).toBe('unavailable');
    expect(err.status).toBe(404);
    expect(err.attempts).toBe(1);
    expect(err.message).toContain('stooq: HTTP 404');
    expect(err.message).toContain(`${server.baseUrl}/missing?s=spy.us`);
    expect(err.message).toContain('not retried');
    expect(err.message).toContain('Not here');
  });

  it('a persistent 500 gives up after retries + 1 attempts', async () => {
    server = await startServer([{ status: 500, body: 'boom' }]);
    const err = await failure(fetchWithRetry(`${server.baseUrl}/x`, { ...FAST, retries: 2, provider: 'p' }));
    expect(server.requests).toHaveLength(3);
    expect(err.status).toBe(500);
    expect(err.message).toMatch(/p: HTTP 500.*gave up after 3 attempts/);
  });

  it('a dropped connection is a network error and is retried', async () => {
    server = await startServer([{ hangUp: true }, { status: 200, body: 'ok' }]);
    const res = await fetchWithRetry(`${server.baseUrl}/x`, FAST);
    expect(res.text()).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('a refused connection ends in a clear network error', async () => {
    server = await startServer([{ status: 200 }]);
    const url = `${server.baseUrl}/x`;
    await server.close();
    server = null;
    const err = await failure(fetchWithRetry(url, { ...FAST, retries: 1, provider: 'yahoo' }));
    expect(err.status).toBeNull();
    expect(err.message).toMatch(/yahoo: network error: .*gave up after 2 attempts/);
  });

  it('a slow server hits the time-out, which is retried and then reported', async () => {
    server = await startServer([{ status: 200, body: 'late', delayMs: 1_000 }]);
    const err = await failure(fetchWithRetry(`${server.baseUrl}/x`, { ...FAST, retries: 1, timeoutMs: 50 }));
    expect(server.requests).toHaveLength(2);
    expect(err.message).toContain('no complete response within 50 ms');
  });

  it('a Retry-After longer than maxDelayMs stops at once instead of hammering', async () => {
    server = await startServer([{ status: 429, headers: { 'retry-after': '120' } }]);
    const err = await failure(fetchWithRetry(`${server.baseUrl}/x`, { ...FAST, maxDelayMs: 1_000 }));
    expect(server.requests).toHaveLength(1);
    expect(err.status).toBe(429);
    expect(err.message).toContain('retry after 120 s');
  });

  it('accept() hands chosen statuses back instead of raising', async () => {
    server = await startServer([{ status: 404, body: '{"x":1}' }]);
    const res = await fetchWithRetry(`${server.baseUrl}/x`, { ...FAST, accept: (s) => s === 404 });
    expect(res.status).toBe(404);
    expect(res.text()).toBe('{"x":1}');
  });

  it('secrets in the URL never reach error messages', async () => {
    server = await startServer([{ status: 403 }]);
    const url = `${server.baseUrl.replace('http://', 'http://user:hunter2@')}/q?symbol=SPY&apikey=SECRET123`;
    const err = await failure(
      fetchWithRetry(url, { ...FAST, fetchImpl: (_u, init) => fetch(`${server!.baseUrl}/q`, init) }),
    );
    expect(err.message).not.toContain('SECRET123');
    expect(err.message).not.toContain('hunter2');
    expect(err.url).toContain('apikey=***');
    expect(err.url).toContain('symbol=SPY');
  });
});

describe('retry arithmetic', () => {
  it('backoffDelay grows exponentially with 50-100% jitter and is capped', () => {
    expect(backoffDelay(1, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(1, 100, 10_000, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, 100, 10_000, () => 0.999999)).toBe(400);
    expect(backoffDelay(20, 100, 1_000, () => 0.999999)).toBe(1_000);
  });

  it('parseRetryAfter reads seconds and HTTP dates', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('2')).toBe(2_000);
    const now = Date.parse('2026-01-05T12:00:00Z');
    expect(parseRetryAfter('Mon, 05 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });

  it('redactUrl keeps clean URLs as written', () => {
    const clean =
      'https://query1.finance.yahoo.com/v8/finance/chart/SPY?period1=0&period2=1&interval=1d&events=div,split';
    expect(redactUrl(clean)).toBe(clean);
    expect(redactUrl('https://u:p@x.test/a?token=abc&s=1')).toBe('https://x.test/a?token=***&s=1');
  });
});
