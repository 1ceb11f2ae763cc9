import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/model/errors.ts';
import { StooqProvider, stooqSymbol } from '../../../src/sources/live/stooq.ts';
import { FAST, type LocalServer, startServer } from './local-server.ts';

/** Stooq's real layout: header, oldest first, CRLF. Values are SPY-like, written for the test. */
const SPY_CSV = [
  'Date,Open,High,Low,Close,Volume',
  '2026-01-02,684.1,685.83,676.57,681.31,86531200',
  '2026-01-05,683.9,688.1,682.52,686.45,71350100',
  '2026-01-06,687.2,690.85,685.72,690.03,63288400',
  '2026-01-07,689.55,691.2,686.34,688.2,58021700',
  '2026-01-08,688.02,693.31,687.4,692.76,61554900',
].join('\r\n');

const CSV_HEADERS = { 'content-type': 'text/csv; charset=utf-8' };

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  delete process.env.MARKETDASH_STOOQ_URL;
});

async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a rejection');
}

describe('scenario: fetching SPY daily bars from Stooq', () => {
  it('maps the CSV to split-adjusted bars with the URL and CSV line as provenance', async () => {
    server = await startServer([{ headers: CSV_HEADERS, body: SPY_CSV }]);
    const stooq = new StooqProvider({ baseUrl: server.baseUrl, http: FAST });
    const batch = await stooq.fetchDaily('SPY');

    expect(server.requests.map((r) => r.url)).toEqual(['/q/d/l/?s=spy.us&i=d']);
    const url = `${server.baseUrl}/q/d/l/?s=spy.us&i=d`;
    expect(batch.importer).toBe('stooq');
    expect(batch.source).toBe('stooq');
    expect(batch.file).toBe(url);
    expect(batch.sha256).toBe(createHash('sha256').update(SPY_CSV).digest('hex'));
    expect(batch.instruments).toEqual([{ symbol: 'SPY', name: null, kind: 'etf' }]);
    expect(batch.bars).toHaveLength(5);
    expect(batch.bars[0]).toEqual({
      symbol: 'SPY',
      date: '2026-01-02',
      open: 684.1,
      high: 685.83,
      low: 676.57,
      close: 681.31,
      adjClose: null,
      volume: 86531200,
      adjustment: 'split',
      provisional: false,
      prov: { source: 'stooq', file: url, line: 2 },
    });
    expect(batch.bars[4].prov.line).toBe(6);
    expect(batch.warnings).toEqual([]);
    expect(batch.skipped).toEqual([]);
  });

  it('passes from/to as d1/d2 and keeps only that window', async () => {
    server = await startServer([{ headers: CSV_HEADERS, body: SPY_CSV }]);
    const stooq = new StooqProvider({ baseUrl: server.baseUrl, http: FAST });
    const batch = await stooq.fetchDaily('SPY', { from: '2026-01-05', to: '2026-01-07' });
    expect(server.requests[0].url).toBe('/q/d/l/?s=spy.us&i=d&d1=20260105&d2=20260107');
    expect(batch.bars.map((b) => b.date)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
  });

  it('reads the base URL from MARKETDASH_STOOQ_URL', async () => {
    server = await startServer([{ headers: CSV_HEADERS, body: SPY_CSV }]);
    process.env.MARKETDASH_STOOQ_URL = `${server.baseUrl}/`;
    const batch = await new StooqProvider({ http: FAST }).fetchDaily('spy');
    expect(batch.bars).toHaveLength(5);
    expect(server.requests).toHaveLength(1);
  });

  it('an index without a Volume column: ^GSPC is asked as ^spx and stored unadjusted', async () => {
    const body = 'Date,Open,High,Low,Close\r\n2026-01-02,6878.11,6894.39,6821.5,6858.47\r\n';
    server = await startServer([{ headers: CSV_HEADERS, body }]);
    const batch = await new StooqProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('^GSPC');
    expect(server.requests[0].url).toBe('/q/d/l/?s=^spx&i=d');
    expect(batch.bars[0]).toMatchObject({
      symbol: '^GSPC',
      close: 6858.47,
      volume: null,
      adjustment: 'none',
    });
    expect(batch.instruments[0].kind).toBe('index');
  });

  it("today's row fetched before the close is provisional", async () => {
    server = await startServer([{ headers: CSV_HEADERS, body: SPY_CSV }]);
    const now = () => Date.parse('2026-01-08T17:00:00Z'); // 12:00 in New York
    const batch = await new StooqProvider({ baseUrl: server.baseUrl, http: FAST, now }).fetchDaily('SPY');
    expect(batch.bars.at(-1)!.provisional).toBe(true);
    expect(batch.bars.at(-2)!.provisional).toBe(false);
    expect(batch.warnings.some((w) => w.message.includes('provisional'))).toBe(true);
  });
});

describe('scenario: Stooq failures', () => {
  it('"No data" for an unknown symbol is not_found, without retries', async () => {
    server = await startServer([{ headers: { 'content-type': 'text/plain' }, body: 'No data' }]);
    const err = await rejection(
      new StooqProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('NOSUCH'),
    );
    expect(err.code).toBe('not_found');
    expect(err.message).toContain('stooq: no data for NOSUCH (nosuch.us)');
    expect(server.requests).toHaveLength(1);
  });

  it('two 503s then the CSV: succeeds after 3 requests', async () => {
    server = await startServer([{ status: 503 }, { status: 503 }, { headers: CSV_HEADERS, body: SPY_CSV }]);
    const batch = await new StooqProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('SPY');
    expect(batch.bars).toHaveLength(5);
    expect(server.requests).toHaveLength(3);
  });

  it('an HTML page or quota text instead of CSV is a clear "unavailable" error', async () => {
    server = await startServer([{ body: 'Exceeded the daily hits limit' }]);
    const err = await rejection(new StooqProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('SPY'));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('stooq: unexpected response, not a Stooq CSV');
    expect(err.message).toContain('Exceeded the daily hits limit');
    expect(err.message).toContain(server.baseUrl);
  });

  it('a malformed row fails the fetch, or is skipped when lenient', async () => {
    const body = `${SPY_CSV}\r\n2026-01-09,690,680,695,692,100\r\n2026-01-12,692.1,abc,690,693,100`;
    server = await startServer([{ headers: CSV_HEADERS, body }]);
    const stooq = new StooqProvider({ baseUrl: server.baseUrl, http: FAST });
    const err = await rejection(stooq.fetchDaily('SPY'));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/stooq: malformed row 7: .*high 680 < low 695/);

    const batch = await stooq.fetchDaily('SPY', { lenient: true });
    expect(batch.bars).toHaveLength(5);
    expect(batch.skipped.map((s) => s.line)).toEqual([7, 8]);
    expect(batch.skipped[1].reason).toContain("column high: 'abc' is not a number");
  });

  it('bad arguments are bad_input before any request', async () => {
    server = await startServer([{ body: SPY_CSV }]);
    const stooq = new StooqProvider({ baseUrl: server.baseUrl, http: FAST });
    expect((await rejection(stooq.fetchDaily('SPY', { from: '2026-02-30' }))).code).toBe('bad_input');
    expect((await rejection(stooq.fetchDaily('SPY', { from: '2026-02-01', to: '2026-01-01' }))).code).toBe(
      'bad_input',
    );
    expect((await rejection(stooq.fetchDaily(' '))).code).toBe('bad_input');
    expect(server.requests).toHaveLength(0);
  });
});

describe('stooqSymbol', () => {
  it('maps tickers to Stooq names', () => {
    expect(stooqSymbol('SPY')).toBe('spy.us');
    expect(stooqSymbol('brk.b')).toBe('brk-b.us');
    expect(stooqSymbol('^GSPC')).toBe('^spx');
    expect(stooqSymbol('VOD.UK')).toBe('vod.uk');
  });
});
