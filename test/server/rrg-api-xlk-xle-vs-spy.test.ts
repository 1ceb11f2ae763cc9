/**
 * GET /api/rrg on the real XLK, XLE and SPY files: the last tail point of each fund recomputed in
 * the test from /api/bars (weekly last sessions by calendar week, plain loops), as a second method.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start.ts';
import { buildStore, getJson, startTest, type TestStore } from './helpers.ts';

let ts: TestStore;
let srv: RunningServer;

beforeAll(async () => {
  ts = await buildStore(['prices/XLK.csv', 'prices/XLE.csv', 'prices/SPY.csv']);
  srv = await startTest(ts.store, { warm: false });
}, 120_000);

afterAll(async () => {
  await srv?.close();
  await ts?.cleanup();
});

/** ISO week key (year-week of the Monday) of a date. */
function mondayOf(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7));
  return t.toISOString().slice(0, 10);
}

describe('/api/rrg XLK and XLE vs SPY as of 2026-01-22', () => {
  it('RS-Ratio and RS-Momentum of the last week equal a recomputation from the bars', async () => {
    const r = await getJson(srv.url, '/api/rrg?symbols=XLK,XLE&benchmark=SPY&asOf=2026-01-22&window=10&momentum=4&tail=3');
    expect(r.status).toBe(200);
    expect(r.body.method).toMatch(/RS-Momentum/);
    const spy = (await getJson(srv.url, '/api/bars/SPY?to=2026-01-22&from=2025-06-01')).body;
    for (const sym of ['XLK', 'XLE']) {
      const b = (await getJson(srv.url, `/api/bars/${sym}?to=2026-01-22&from=2025-06-01`)).body;
      const spyBy = new Map<string, number>(spy.dates.map((d: string, i: number) => [d, spy.close[i]]));
      const weekly = new Map<string, [string, number]>();
      b.dates.forEach((d: string, i: number) => {
        const s = spyBy.get(d);
        if (s !== undefined && b.close[i] !== null) weekly.set(mondayOf(d), [d, (100 * b.close[i]) / s]);
      });
      const pts = [...weekly.values()];
      const rs = pts.map((p) => p[1]);
      const ratio = (k: number) => (100 * rs[k]) / (rs.slice(k - 9, k + 1).reduce((a, x) => a + x, 0) / 10);
      const n = rs.length - 1;
      const ratios = [ratio(n - 3), ratio(n - 2), ratio(n - 1), ratio(n)];
      const mom = (100 * ratios[3]) / (ratios.reduce((a, x) => a + x, 0) / 4);
      const m = r.body.members.find((x: { symbol: string }) => x.symbol === sym);
      expect(m.tail).toHaveLength(3);
      const last = m.tail[2];
      expect(last.date).toBe(pts[n][0]);
      expect(last.date).toBe('2026-01-22');
      expect(last.rsRatio).toBeCloseTo(ratios[3], 9);
      expect(last.rsMomentum).toBeCloseTo(mom, 9);
      expect(m.quadrant).toBe(ratios[3] >= 100 ? (mom >= 100 ? 'leading' : 'weakening') : mom >= 100 ? 'improving' : 'lagging');
    }
  }, 60_000);

  it('bad parameters are 400s naming the parameter; unknown symbols 404', async () => {
    const bad = await getJson(srv.url, '/api/rrg?symbols=XLK&window=1');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/window/);
    const unknown = await getJson(srv.url, '/api/rrg?symbols=NOPE');
    expect(unknown.status).toBe(404);
  });
});
