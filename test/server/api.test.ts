/**
 * The JSON API over a temp store of real files: every endpoint returns the facts layer's document
 * (= the CLI's --json), bad parameters are 400s naming the parameter, unknown symbols 404s, no
 * input gives a 500 or a stack trace; ETag/Cache-Control/304; the OpenAPI document lists every
 * path and is structurally valid; security defaults (token, body limit, Host guard).
 */
import { request as httpRequest } from 'node:http';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/format/json.ts';
import { registerAnalytics } from '../../src/cli/commands/analytics.ts';
import { analogsFacts, levelsFacts, perfFacts, recordsFacts, streakFacts, volatilityFacts } from '../../src/facts/core.ts';
import { breadthFacts, contributionsFacts, flowsFacts, ladderFacts, sectorsFacts, valuationFacts } from '../../src/facts/market.ts';
import { loadAny } from '../../src/facts/load.ts';
import type { PriceSeries } from '../../src/model/series.ts';
import { ENDPOINTS } from '../../src/server/endpoints.ts';
import { setQuietErrors } from '../../src/server/errors.ts';
import type { RunningServer } from '../../src/server/start.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { buildStore, FLOWS_CSV, getJson, startTest, type TestStore } from './helpers.ts';
import { validateOpenApi3 } from './openapi-structure.ts';


let ts: TestStore;
let srv: RunningServer;
let base: string;

beforeAll(async () => {
  ts = await buildStore(undefined, [{ rel: 'flows/etf_flows.csv', content: `${FLOWS_CSV}\n` }]);
  srv = await startTest(ts.store);
  base = srv.url;
});

afterAll(async () => {
  await srv?.close();
  await ts?.cleanup();
});

const plain = (x: unknown) => JSON.parse(toJson(x));
const qs = (p: Record<string, string>) => new URLSearchParams(p).toString();

type Fact = (store: MarketStore, raw: unknown) => Promise<unknown>;
const CASES: [string, Record<string, string>, Fact, Record<string, unknown>][] = [
  ['/api/perf', { symbols: 'IWM,SPY', period: 'ytd', asOf: '2026-01-22' }, perfFacts, { symbols: ['IWM', 'SPY'], period: 'ytd', asOf: '2026-01-22' }],
  ['/api/perf', { symbols: 'IWM,SPY', from: '2026-01-22', to: '2026-01-22' }, perfFacts, { symbols: ['IWM', 'SPY'], from: '2026-01-22', to: '2026-01-22' }],
  ['/api/streak', { a: 'IWM', b: 'SPY', asOf: '2026-01-22' }, streakFacts, { a: 'IWM', b: 'SPY', asOf: '2026-01-22' }],
  ['/api/streak', { a: 'FF.SMB', positive: 'true' }, streakFacts, { a: 'FF.SMB', positive: true }],
  ['/api/records', { symbol: 'SPY' }, recordsFacts, { symbol: 'SPY' }],
  ['/api/records', { symbol: 'IWM', basis: 'high', asOf: '2026-01-22' }, recordsFacts, { symbol: 'IWM', basis: 'high', asOf: '2026-01-22' }],
  ['/api/analogs', { a: 'IWM', b: 'SPY', minStreak: '8', asOf: '2026-01-22' }, analogsFacts, { a: 'IWM', b: 'SPY', minStreak: 8, asOf: '2026-01-22' }],
  ['/api/analogs', { a: 'IWM', b: 'SPY', minStreak: '5', horizons: '5,21', direction: 'under' }, analogsFacts, { a: 'IWM', b: 'SPY', minStreak: 5, horizons: [5, 21], direction: 'under' }],
  ['/api/contributions', { fund: 'IWM', top: '3' }, contributionsFacts, { fund: 'IWM', top: 3 }],
  ['/api/breadth', { universe: 'IWM' }, breadthFacts, { universe: 'IWM' }],
  ['/api/ladder', {}, ladderFacts, {}],
  ['/api/ladder', { period: '1w', asOf: '2026-07-31' }, ladderFacts, { period: '1w', asOf: '2026-07-31' }],
  ['/api/sectors', { period: 'ytd' }, sectorsFacts, { period: 'ytd' }],
  ['/api/volatility', { symbol: 'IWM', period: '1y', window: '63' }, volatilityFacts, { symbol: 'IWM', period: '1y', window: 63 }],
  ['/api/levels', { symbol: 'IWM', asOf: '2026-01-22' }, levelsFacts, { symbol: 'IWM', asOf: '2026-01-22' }],
  ['/api/valuation', {}, valuationFacts, {}],
  ['/api/valuation', { a: 'AAPL,MSFT', b: 'all', negatives: 'include' }, valuationFacts, { a: 'AAPL,MSFT', b: 'all', negatives: 'include' }],
  ['/api/flows', { funds: 'IWM,SPY', window: '3' }, flowsFacts, { funds: ['IWM', 'SPY'], window: 3 }],
];

describe('analytics endpoints return the facts layer JSON (the CLI --json document)', () => {
  it.each(CASES)('%s %o', async (path, query, fact, raw) => {
    const r = await getJson(base, `${path}?${qs(query)}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body).toEqual(plain(await fact(ts.store, raw)));
  });

  it('the issue example: IWM beat SPY 14 straight sessions to 2026-01-22', async () => {
    const r = await getJson(base, '/api/streak?a=IWM&b=SPY&asOf=2026-01-22');
    expect(r.body.current).toEqual({ length: 14, start: '2026-01-02', end: '2026-01-22' });
  });

  it('lists and repeated parameters are the same query', async () => {
    const a = await getJson(base, '/api/perf?symbols=IWM,SPY&period=1w');
    const b = await getJson(base, '/api/perf?symbols=IWM&symbols=SPY&period=1w');
    expect(b.body).toEqual(a.body);
  });

  it('every analytics command of the CLI has a GET endpoint', () => {
    const program = new Command();
    registerAnalytics(program);
    const paths = new Set(ENDPOINTS.map((e) => e.path));
    for (const c of program.commands) expect(paths, c.name()).toContain(`/api/${c.name()}`);
  });
});

describe('data endpoints', () => {
  it('/api/series lists the stored series, /api/series?symbol= one of them', async () => {
    const all = await getJson(base, '/api/series');
    expect(all.status).toBe(200);
    expect(all.body.series).toEqual(plain(await ts.store.listSeries()));
    const one = await getJson(base, '/api/series?symbol=FF.SMB');
    expect(one.body.series).toHaveLength(1);
    expect(one.body.series[0]).toMatchObject({ symbol: 'FF.SMB', first: '1926-07-01', table: 'observations' });
    const bars = await getJson(base, '/api/series?table=bars');
    expect(bars.body.series.every((s: { table: string }) => s.table === 'bars')).toBe(true);
  });

  it('/api/bars/:symbol: the stored prices, cut to from/to', async () => {
    const r = await getJson(base, '/api/bars/IWM?from=2026-01-20&to=2026-01-22');
    expect(r.status).toBe(200);
    // The facts layer's series (preferred source, documented basis splices repaired), as analytics see it.
    const s = (await loadAny(ts.store, 'IWM')).series as PriceSeries;
    const i = s.dates.indexOf('2026-01-20');
    expect(r.body).toMatchObject({ symbol: 'IWM', source: s.source, first: '2026-01-20', last: '2026-01-22', count: 3 });
    expect(r.body.dates).toEqual(s.dates.slice(i, i + 3));
    expect(r.body.close).toEqual(Array.from(s.close.subarray(i, i + 3)));
    expect(r.body.volume).toEqual(Array.from(s.volume!.subarray(i, i + 3)));
  });

  it('/api/bars: another source; a return series as growth of $1; lower-case symbols', async () => {
    const alt = await getJson(base, '/api/bars/IWM?source=aurum&from=2020-01-02&to=2020-01-03');
    expect(alt.status).toBe(200);
    expect(alt.body.source).toBe('aurum');
    const ff = await getJson(base, '/api/bars/FF.SMB?to=1926-07-03');
    expect(ff.status).toBe(200);
    expect(ff.body.kind).toMatch(/growth of \$1/);
    expect(ff.body.first).toBe('1926-07-01');
    const lower = await getJson(base, '/api/bars/iwm?from=2026-01-22&to=2026-01-22');
    expect(lower.body.close).toEqual((await getJson(base, '/api/bars/IWM?from=2026-01-22&to=2026-01-22')).body.close);
  });

  it('/api/sessions: dates common to the series', async () => {
    const r = await getJson(base, '/api/sessions?symbols=IWM,RSP&from=2026-07-27');
    expect(r.status).toBe(200);
    // RSP's last stored row (2026-08-03) is provisional: left out, like the analytics do.
    expect(r.body.sessions).toEqual(['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30', '2026-07-31']);
    expect(r.body.last).toBe('2026-07-31');
  });

  it('/api/health answers', async () => {
    const r = await getJson(base, '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, readOnly: true });
  });
});

describe('bad parameters → 400 naming the parameter', () => {
  const BAD: [string, string][] = [
    ['/api/perf?symbols=IWM&period=2w', 'period'],
    ['/api/perf?period=ytd', 'symbols'],
    ['/api/perf?symbols=IWM&asOf=2026-02-30', 'asOf'],
    ['/api/perf?symbols=IWM&asOf=2026-13-01', 'asOf'],
    ['/api/perf?symbols=IWM&asOf=yesterday', 'asOf'],
    ['/api/perf?symbols=IWM&period=ytd&from=2026-01-02', 'period'],
    ['/api/perf?symbols=IWM&to=2026-01-02', 'to'],
    ['/api/streak?a=IWM&b=SPY&direction=sideways', 'direction'],
    ['/api/streak?a=IWM&b=SPY&min=0', 'min'],
    ['/api/streak?b=SPY', 'a'],
    ['/api/records?symbol=SPY&basis=low', 'basis'],
    ['/api/analogs?a=IWM&b=SPY', 'minStreak'],
    ['/api/analogs?a=IWM&b=SPY&minStreak=3&horizons=5,x', 'horizons.1'],
    ['/api/contributions?weights=middle', 'weights'],
    ['/api/contributions?top=0', 'top'],
    ['/api/breadth?period=ytd', 'universe'],
    ['/api/ladder?ladder=mid', 'ladder'],
    ['/api/sectors?period=forever', 'period'],
    ['/api/volatility?symbol=IWM&window=1', 'window'],
    ['/api/levels?symbol=IWM&lookback=5', 'lookback'],
    ['/api/valuation?negatives=maybe', 'negatives'],
    ['/api/flows?window=-3', 'window'],
    ['/api/series?table=nope', 'table'],
    ['/api/bars/IWM?from=2026-01-05&to=2026-01-02', 'from'],
    ['/api/bars/IWM?from=2026-99-01', 'from'],
    ['/api/bars/IWM?symbol=SPY', 'symbol'],
    ['/api/sessions', 'symbols'],
    ['/api/report?pair=IWM', 'pair'],
    ['/api/report?pair=IWM:SPY&symbol=IWM', 'pair'],
    ['/api/report?symbol=IWM&format=pdf', 'format'],
    ['/api/perf?symbols=IWM&sybmols=SPY', 'sybmols'],
  ];
  it.each(BAD)('%s → 400 naming %s', async (path, param) => {
    const r = await getJson(base, path);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe('bad_input');
    expect(r.body.error.param).toBe(param);
    expect(r.body.error.message).toContain(param.split('.')[0]);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('a date that is not a session of the pair is a 400 (analytics user error)', async () => {
    const r = await getJson(base, '/api/streak?a=IWM&b=SPY&asOf=2026-01-24');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/2026-01-24/);
  });
});

describe('unknown symbols → 404', () => {
  const NOT_FOUND = [
    '/api/perf?symbols=IWM,NOPE&period=ytd',
    '/api/streak?a=NOPE&b=SPY',
    '/api/streak?a=IWM&b=ZZZZ',
    '/api/records?symbol=NOPE',
    '/api/analogs?a=NOPE&b=SPY&minStreak=3',
    '/api/contributions?fund=NOPE',
    '/api/breadth?universe=NOPE',
    '/api/ladder?ladder=french',
    '/api/sectors?universe=NOPE',
    '/api/volatility?symbol=NOPE',
    '/api/levels?symbol=NOPE',
    '/api/valuation?a=sector:Nothing',
    '/api/flows?funds=NOPE',
    '/api/series?symbol=NOPE',
    '/api/bars/NOPE',
    '/api/bars/IWM?source=nosuchsource',
    '/api/sessions?symbols=IWM,NOPE',
    '/api/no-such-endpoint',
  ];
  it.each(NOT_FOUND)('%s → 404', async (path) => {
    const r = await getJson(base, path);
    expect(r.status, JSON.stringify(r.body)).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect(typeof r.body.error.message).toBe('string');
  });
});

describe('never a 500 for user input, never a stack trace', () => {
  const VALUES = ['', ' ', 'x', '-1', '0', '1.5', '1e309', 'NaN', '99999999', '2026-13-45', '0000-01-01', '9999-12-31', '1900-01-01', '2026-01-24', "IWM'; DROP TABLE bars;--", '<script>alert(1)</script>', '%00', '\u0000', 'a'.repeat(3000), ',,,', 'IWM,IWM', 'FF.SMB', 'true'];
  it('every parameter of every GET endpoint, odd values', async () => {
    setQuietErrors(true);
    const fails: string[] = [];
    try {
      for (const ep of ENDPOINTS) {
        const path = ep.path.replace('{symbol}', 'IWM');
        for (const param of Object.keys(ep.schema.shape)) {
          if (ep.pathParams?.includes(param)) continue;
          for (const v of VALUES) {
            const base0: Record<string, string> = ep.path === '/api/report' ? {} : Object.fromEntries(CASES.find(([p]) => p === ep.path)?.[1] ? Object.entries(CASES.find(([p]) => p === ep.path)![1]) : []);
            const url = `${path}?${qs({ ...base0, [param]: v })}`;
            const r = await fetch(base + url);
            const text = await r.text();
            if (r.status >= 500) fails.push(`${url} → ${r.status} ${text.slice(0, 200)}`);
            if (/\bat .+:\d+:\d+\)?/.test(text) || text.includes('node_modules')) fails.push(`${url}: stack trace in body`);
          }
        }
      }
      for (const sym of ['NOPE', "A'B", '%2e%2e', '..%2F..%2Fetc', 'a'.repeat(500)]) {
        const r = await fetch(`${base}/api/bars/${sym}`);
        if (r.status >= 500) fails.push(`/api/bars/${sym} → ${r.status}`);
      }
    } finally {
      setQuietErrors(false);
    }
    expect(fails).toEqual([]);
  }, 180_000);
});

describe('caching headers', () => {
  it('results carry an ETag and Cache-Control; a matching If-None-Match gets 304', async () => {
    const url = `${base}/api/perf?symbols=IWM,SPY&period=1w&asOf=2026-01-22`;
    const r1 = await fetch(url);
    const etag = r1.headers.get('etag');
    expect(etag).toMatch(/^"d[a-z0-9]+-[\w-]+"$/);
    expect(r1.headers.get('cache-control')).toMatch(/max-age=\d+/);
    await r1.text();
    const r2 = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(r2.status).toBe(304);
    expect(await r2.text()).toBe('');
    const r3 = await fetch(`${base}/api/perf?symbols=IWM,SPY&period=1m&asOf=2026-01-22`, { headers: { 'if-none-match': etag! } });
    expect(r3.status).toBe(200);
    expect(r3.headers.get('etag')).not.toBe(etag);
  });

  it('HEAD answers like GET without a body', async () => {
    const r = await fetch(`${base}/api/perf?symbols=IWM,SPY&period=1w&asOf=2026-01-22`, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBeTruthy();
    expect(await r.text()).toBe('');
  });

  it('the same query in another parameter order is the same cached result (same ETag)', async () => {
    const a = await fetch(`${base}/api/streak?a=IWM&b=SPY&asOf=2026-01-22`);
    const b = await fetch(`${base}/api/streak?asOf=2026-01-22&b=SPY&a=IWM`);
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
  });

  it('pages have ETags too; errors are not cached by clients', async () => {
    const p = await fetch(`${base}/pair/IWM/SPY?asOf=2026-01-22`);
    expect(p.status).toBe(200);
    expect(p.headers.get('etag')).toBeTruthy();
    expect((await fetch(`${base}/pair/IWM/SPY?asOf=2026-01-22`, { headers: { 'if-none-match': p.headers.get('etag')! } })).status).toBe(304);
    const e = await fetch(`${base}/api/bars/NOPE`);
    expect(e.headers.get('cache-control')).toBe('no-store');
    expect(e.headers.get('etag')).toBeNull();
  });

  it('security headers are set', async () => {
    const r = await fetch(`${base}/`);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('OpenAPI document', () => {
  it('is structurally valid OpenAPI 3 and lists every path with its parameters', async () => {
    const r = await getJson(base, '/api/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(validateOpenApi3(doc)).toEqual([]);
    expect(doc.openapi).toMatch(/^3\./);
    for (const ep of ENDPOINTS) {
      const op = doc.paths[ep.path]?.get;
      expect(op, ep.path).toBeTruthy();
      const names = (op.parameters ?? []).map((p: { name: string }) => p.name).sort();
      expect(names, ep.path).toEqual(Object.keys(ep.schema.shape).sort());
      for (const p of op.parameters) expect(p.in).toBe(ep.pathParams?.includes(p.name) ? 'path' : 'query');
      expect(op.responses['400']).toBeTruthy();
    }
    expect(doc.paths['/api/check']?.post?.requestBody).toBeTruthy();
    expect(doc.paths['/api/admin/cache/clear']?.post?.security).toEqual([{ token: [] }]);
    expect(doc.paths['/api/openapi.json']?.get).toBeTruthy();
    // Generated from the parameter schemas: enums and defaults come through.
    const period = doc.paths['/api/perf'].get.parameters.find((p: { name: string }) => p.name === 'period');
    expect(period.schema.enum).toContain('ytd');
    const dir = doc.paths['/api/streak'].get.parameters.find((p: { name: string }) => p.name === 'direction');
    expect(dir.schema).toMatchObject({ enum: ['over', 'under'], default: 'over' });
  });

  it('the validator catches broken documents', () => {
    expect(validateOpenApi3({ openapi: '2.0', info: {}, paths: { x: { get: { responses: {} } } } }).length).toBeGreaterThan(2);
    expect(
      validateOpenApi3({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a/{id}': { get: { parameters: [{ name: 'q', in: 'body' }], responses: { 200: {} } } } } }),
    ).toEqual(expect.arrayContaining([expect.stringContaining('no parameter'), expect.stringContaining("bad 'in'"), expect.stringContaining('description')]));
  });
});

describe('reports and the checker', () => {
  it('/api/report?pair=IWM:SPY builds the report', async () => {
    const r = await getJson(base, '/api/report?pair=IWM:SPY&asOf=2026-01-22');
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(typeof r.body).toBe('object');
    const html = await fetch(`${base}/api/report?pair=IWM:SPY&asOf=2026-01-22&format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    const md = await fetch(`${base}/api/report?symbol=IWM&asOf=2026-01-22&format=markdown`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/text\/markdown/);
    expect((await getJson(base, '/api/report?pair=IWM:NOPE')).status).toBe(404);
  });

  const article = 'NEW YORK, Jan. 22, 2026 — IWM beat SPY for the 14th straight session.';
  it('POST /api/check returns verdicts', async () => {
    const r = await getJson(base, '/api/check?asOf=2026-01-22', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: article });
    const j = await getJson(base, '/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: article, asOf: '2026-01-22' }) });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(Array.isArray(r.body.claims)).toBe(true);
    expect(r.body.claims.length).toBeGreaterThan(0);
    expect(r.body.spans.length).toBe(r.body.claims.length);
    expect(j.body).toEqual(r.body);
  });

  it('POST /api/check: bad bodies are 4xx', async () => {
    const empty = await getJson(base, '/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '' }) });
    expect(empty.status).toBe(400);
    expect(empty.body.error.param).toBe('text');
    const bad = await getJson(base, '/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' });
    expect(bad.status).toBe(400);
    const badDate = await getJson(base, '/api/check?asOf=2026-02-30', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: article });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.param).toBe('asOf');
    const type = await getJson(base, '/api/check', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'xx' });
    expect(type.status).toBe(415);
    const get = await getJson(base, '/api/check');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const put = await getJson(base, '/api/perf?symbols=IWM', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
  });

  it('POST /api/check: a body over the limit is 413', async () => {
    const big = 'IWM rose 1%. '.repeat(50_000); // ~650 KB > 512 KiB
    const r = await getJson(base, '/api/check', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: big });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('too_large');
  });
});

describe('security defaults', () => {
  it('write endpoints are disabled (403) without MARKETDASH_TOKEN', async () => {
    const r = await getJson(base, '/api/admin/cache/clear', { method: 'POST' });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/MARKETDASH_TOKEN/);
  });

  it('with a token: 401 without or with a wrong one, 200 with the right one', async () => {
    const s = await startTest(ts.store, { token: 's3cret-token' });
    try {
      expect((await fetch(`${s.url}/api/admin/cache/clear`, { method: 'POST' })).status).toBe(401);
      expect((await fetch(`${s.url}/api/admin/cache/clear`, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      await fetch(`${s.url}/api/perf?symbols=IWM&period=ytd`);
      const ok = await getJson(s.url, '/api/admin/cache/clear', { method: 'POST', headers: { authorization: 'Bearer s3cret-token' } });
      expect(ok.status).toBe(200);
      expect(ok.body.cleared).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });

  it('binds to 127.0.0.1 and refuses other Host names (DNS rebinding)', async () => {
    expect(srv.host).toBe('127.0.0.1');
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: srv.port, path: '/api/health', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status('evil.example:80')).toBe(403);
    expect(await status(`localhost:${srv.port}`)).toBe(200);
    expect(await status(`127.0.0.1:${srv.port}`)).toBe(200);
  });

  it('the store is read-only while serving', async () => {
    await expect(srv.ctx.store.writeBatch()).rejects.toThrow(/read-only/);
    await expect(ts.store.sql('CREATE TABLE t (x INTEGER)')).rejects.toThrow();
  });
});
