import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/model/errors.ts';
import { YahooProvider } from '../../../src/sources/live/yahoo.ts';
import { FAST, type LocalServer, startServer } from './local-server.ts';

const t = (iso: string) => Date.parse(iso) / 1000;

/**
 * A chart API v8 body in Yahoo's real shape (values SPY-like, written for the test). Daily
 * timestamps are the 09:30 New York open (14:30 UTC in winter); 2026-01-07 has nulls, as Yahoo
 * sometimes returns for a day.
 */
function spyChart() {
  return {
    chart: {
      result: [
        {
          meta: {
            currency: 'USD',
            symbol: 'SPY',
            exchangeName: 'PCX',
            fullExchangeName: 'NYSEArca',
            instrumentType: 'ETF',
            firstTradeDate: 728317800,
            regularMarketTime: t('2026-01-08T21:00:00Z'),
            hasPrePostMarketData: true,
            gmtoffset: -18000,
            timezone: 'EST',
            exchangeTimezoneName: 'America/New_York',
            regularMarketPrice: 692.76,
            longName: 'SPDR S&P 500 ETF Trust',
            shortName: 'SPDR S&P 500',
            chartPreviousClose: 681.92,
            priceHint: 2,
            currentTradingPeriod: {
              pre: {
                timezone: 'EST',
                start: t('2026-01-08T09:00:00Z'),
                end: t('2026-01-08T14:30:00Z'),
                gmtoffset: -18000,
              },
              regular: {
                timezone: 'EST',
                start: t('2026-01-08T14:30:00Z'),
                end: t('2026-01-08T21:00:00Z'),
                gmtoffset: -18000,
              },
              post: {
                timezone: 'EST',
                start: t('2026-01-08T21:00:00Z'),
                end: t('2026-01-09T01:00:00Z'),
                gmtoffset: -18000,
              },
            },
            dataGranularity: '1d',
            range: '',
            validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
          },
          timestamp: [
            t('2026-01-02T14:30:00Z'),
            t('2026-01-05T14:30:00Z'),
            t('2026-01-06T14:30:00Z'),
            t('2026-01-07T14:30:00Z'),
            t('2026-01-08T14:30:00Z'),
          ],
          events: { splits: {} },
          indicators: {
            quote: [
              {
                open: [684.1, 683.9, 687.2, null, 688.02],
                high: [685.83, 688.1, 690.85, null, 693.31],
                low: [676.57, 682.52, 685.72, null, 687.4],
                close: [681.31, 686.45, 690.03, null, 692.76],
                volume: [86531200, 71350100, 63288400, null, 61554900],
              },
            ],
            adjclose: [{ adjclose: [679.52, 684.64, 688.21, null, 690.93] }],
          },
        },
      ],
      error: null,
    },
  };
}

const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };
const NOT_FOUND = JSON.stringify({
  chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } },
});

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
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

describe('scenario: fetching SPY daily bars from Yahoo', () => {
  it('maps the chart arrays to bars with close (split-adjusted) and adjClose, skipping the null day', async () => {
    server = await startServer([{ headers: JSON_HEADERS, body: JSON.stringify(spyChart()) }]);
    const yahoo = new YahooProvider({ baseUrl: server.baseUrl, http: FAST });
    const batch = await yahoo.fetchDaily('SPY', { from: '2026-01-02', to: '2026-01-08' });

    const path = `/v8/finance/chart/SPY?period1=${t('2026-01-02T00:00:00Z')}&period2=${t('2026-01-09T00:00:00Z')}&interval=1d&events=div,split`;
    expect(server.requests.map((r) => r.url)).toEqual([path]);
    expect(server.requests[0].headers['user-agent']).toMatch(/Mozilla/);
    const url = `${server.baseUrl}${path}`;
    expect(batch.importer).toBe('yahoo');
    expect(batch.source).toBe('yahoo');
    expect(batch.file).toBe(url);
    expect(batch.instruments).toEqual([{ symbol: 'SPY', name: 'SPDR S&P 500 ETF Trust', kind: 'etf' }]);
    expect(batch.bars.map((b) => b.date)).toEqual(['2026-01-02', '2026-01-05', '2026-01-06', '2026-01-08']);
    expect(batch.bars[0]).toEqual({
      symbol: 'SPY',
      date: '2026-01-02',
      open: 684.1,
      high: 685.83,
      low: 676.57,
      close: 681.31,
      adjClose: 679.52,
      volume: 86531200,
      adjustment: 'split',
      provisional: false,
      prov: { source: 'yahoo', file: url, line: 1 },
    });
    expect(batch.bars[3].prov.line).toBe(5);
    expect(batch.skipped).toEqual([
      { file: url, line: 4, reason: "2026-01-07: no close (null in Yahoo's arrays)" },
    ]);
  });

  it('dates are exchange-local: an ASX open at 23:00 UTC belongs to the next day in Sydney', async () => {
    const body = spyChart();
    const r = body.chart.result[0];
    r.meta.symbol = 'BHP.AX';
    r.meta.instrumentType = 'EQUITY';
    r.meta.exchangeTimezoneName = 'Australia/Sydney';
    r.timestamp = [t('2026-01-04T23:00:00Z')];
    const q = r.indicators.quote[0];
    q.open = [45.1];
    q.high = [45.6];
    q.low = [44.9];
    q.close = [45.3];
    q.volume = [5120000];
    r.indicators.adjclose = [{ adjclose: [45.3] }];
    server = await startServer([{ headers: JSON_HEADERS, body: JSON.stringify(body) }]);
    const batch = await new YahooProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('BHP.AX');
    expect(batch.bars.map((b) => b.date)).toEqual(['2026-01-05']);
    expect(batch.instruments[0].kind).toBe('stock');
  });

  it("today's bar fetched during the session is provisional", async () => {
    server = await startServer([{ headers: JSON_HEADERS, body: JSON.stringify(spyChart()) }]);
    const now = () => Date.parse('2026-01-08T18:00:00Z');
    const batch = await new YahooProvider({ baseUrl: server.baseUrl, http: FAST, now }).fetchDaily('SPY');
    expect(batch.bars.at(-1)).toMatchObject({ date: '2026-01-08', provisional: true });
    expect(server.requests[0].url).toContain(`period2=${t('2026-01-08T18:00:00Z')}`);
  });

  it('429 with Retry-After: 0, then the body: 2 requests', async () => {
    server = await startServer([
      { status: 429, headers: { 'retry-after': '0' }, body: 'Too Many Requests' },
      { headers: JSON_HEADERS, body: JSON.stringify(spyChart()) },
    ]);
    const batch = await new YahooProvider({
      baseUrl: server.baseUrl,
      http: { ...FAST, baseDelayMs: 10_000 },
    }).fetchDaily('SPY');
    expect(batch.bars).toHaveLength(4);
    expect(server.requests).toHaveLength(2);
  });
});

describe('scenario: Yahoo failures', () => {
  it('an unknown symbol (404 + chart.error Not Found) is not_found and not retried', async () => {
    server = await startServer([{ status: 404, headers: JSON_HEADERS, body: NOT_FOUND }]);
    const err = await rejection(
      new YahooProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('NOSUCHX'),
    );
    expect(err.code).toBe('not_found');
    expect(err.message).toContain('yahoo: symbol NOSUCHX not found: No data found, symbol may be delisted');
    expect(server.requests).toHaveLength(1);
  });

  it('a 404 that is not a chart body is unavailable', async () => {
    server = await startServer([{ status: 404, body: '<html>Not Found</html>' }]);
    const err = await rejection(new YahooProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('SPY'));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('yahoo: HTTP 404 without a chart API body');
    expect(server.requests).toHaveLength(1);
  });

  it('a body that is not JSON, or JSON of another shape, is a clear unavailable error', async () => {
    server = await startServer([
      { headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>Yahoo</title>' },
      {
        headers: JSON_HEADERS,
        body: JSON.stringify({ chart: { result: [{ meta: {}, indicators: { quote: [] } }] } }),
      },
      { headers: JSON_HEADERS, body: JSON.stringify({ finance: { error: { code: 'Unauthorized' } } }) },
    ]);
    const yahoo = new YahooProvider({ baseUrl: server.baseUrl, http: FAST });
    const e1 = await rejection(yahoo.fetchDaily('SPY'));
    expect(e1.code).toBe('unavailable');
    expect(e1.message).toContain("yahoo: malformed response: not JSON ('<!doctype html>");
    const e2 = await rejection(yahoo.fetchDaily('SPY'));
    expect(e2.message).toContain(
      'malformed response: not a chart API v8 body (chart.result.0.indicators.quote',
    );
    const e3 = await rejection(yahoo.fetchDaily('SPY'));
    expect(e3.message).toContain('malformed response: not a chart API v8 body (chart:');
  });

  it('arrays of different lengths are rejected', async () => {
    const body = spyChart();
    body.chart.result[0].indicators.quote[0].close.pop();
    server = await startServer([{ headers: JSON_HEADERS, body: JSON.stringify(body) }]);
    const err = await rejection(new YahooProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('SPY'));
    expect(err.message).toContain('close has 4 values for 5 timestamps');
  });

  it('another chart.error is unavailable with its description', async () => {
    const body = JSON.stringify({
      chart: { result: null, error: { code: 'Bad Request', description: 'Invalid input' } },
    });
    server = await startServer([{ status: 400, headers: JSON_HEADERS, body }]);
    const err = await rejection(new YahooProvider({ baseUrl: server.baseUrl, http: FAST }).fetchDaily('SPY'));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('yahoo: error Bad Request: Invalid input');
  });
});
