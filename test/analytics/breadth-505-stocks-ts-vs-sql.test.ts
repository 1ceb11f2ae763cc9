/**
 * Real data, two methods: breadth in TypeScript (computeBreadth over PriceSeries parsed with plain
 * string splitting) vs plain DuckDB SQL (breadth-sql.ts over read_csv of the same 505 files).
 * Panel: ../shared/data/panels/individual_stocks_5yr (S&P 500 members as of early 2018,
 * 2013-02-08..2018-02-07, split-adjusted closes; survivorship-biased, so these are not historical
 * S&P 500 breadth figures — a check that the two methods agree, plus pinned values).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BreadthResult, computeBreadth } from '../../src/analytics/breadth.ts';
import type { PriceSeries } from '../../src/model/series.ts';
import { advanceDeclineSql, newHighsLowsSql, shareAboveMaSql } from '../../src/store/duckdb/sql-twins/breadth-sql.ts';
import { loadPanel, PANEL_GLOB } from './helpers/market-files.ts';

type Con = {
  runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }>;
  run(sql: string): Promise<unknown>;
};
let con: Con;
let closeCon: () => void = () => {};
let panel: PriceSeries[];
let members: string[];

beforeAll(async () => {
  panel = loadPanel();
  members = panel.map((s) => s.symbol);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  con = c as unknown as Con;
  closeCon = () => {
    c.closeSync();
    inst.closeSync();
  };
  await con.run(
    `CREATE TABLE panel AS SELECT Name AS symbol, date, close FROM read_csv('${PANEL_GLOB}', header = true,
       columns = {'date': 'DATE', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'BIGINT', 'Name': 'VARCHAR'})`,
  );
});
afterAll(() => closeCon());

async function sqlRows(sql: string) {
  return (await con.runAndReadAll(sql)).getRowObjects();
}

function breadth(period: Parameters<typeof computeBreadth>[0]['period'], asOf: string) {
  return computeBreadth({ universe: 'S&P 500 (2018 members) panel', members, series: panel, period, asOf });
}

async function compareWithSql(r: BreadthResult) {
  const ad = await sqlRows(advanceDeclineSql('panel', { start: r.period.start, end: r.asOf }));
  expect(ad.map((x) => ({ ...x }))).toEqual(
    r.adLine.map((x) => ({
      date: x.date,
      advancers: x.advancers,
      decliners: x.decliners,
      unchanged: x.unchanged,
      cumulative: x.cumulative,
    })),
  );
  for (const [w, tsRes] of [
    [50, r.above50],
    [200, r.above200],
  ] as const) {
    const [row] = await sqlRows(shareAboveMaSql('panel', { asOf: r.asOf, window: w }));
    expect({ above: row.above, eligible: row.eligible, insufficient: row.insufficient }).toEqual({
      above: tsRes.count,
      eligible: tsRes.eligible,
      insufficient: tsRes.insufficient.length,
    });
    expect(row.share as number).toBeCloseTo(tsRes.share!, 12);
  }
  const hl = await sqlRows(newHighsLowsSql('panel', { asOf: r.asOf }));
  expect(hl.filter((x) => x.kind === 'high').map((x) => x.symbol)).toEqual([...r.newHighs.symbols].sort());
  expect(hl.filter((x) => x.kind === 'low').map((x) => x.symbol)).toEqual([...r.newLows.symbols].sort());
  // share up over the period, third check in plain SQL
  const [up] = await sqlRows(`
    SELECT count(*) FILTER (WHERE e.close > b.close)::INTEGER AS up, count(*)::INTEGER AS n
    FROM panel b JOIN panel e ON e.symbol = b.symbol
    WHERE b.date = '${r.period.start}' AND e.date = '${r.asOf}'`);
  expect(up).toEqual({ up: r.up, n: r.withData });
}

describe('breadth on the 505-stock panel: TypeScript vs DuckDB SQL', () => {
  it('2018 to date through the 2018-02-05 selloff', async () => {
    const r = breadth({ from: '2018-01-02' }, '2018-02-05');
    expect(r.members).toBe(505);
    expect(r.period).toEqual({ start: '2017-12-29', end: '2018-02-05' });
    await compareWithSql(r);
    // pinned (both methods agree on these)
    expect(r.withData).toBe(505);
    expect([r.up, r.down, r.flat]).toEqual([213, 291, 1]);
    expect([r.advancers, r.decliners, r.unchanged]).toEqual([2, 503, 0]);
    expect(r.adLine).toHaveLength(24);
    expect(r.adLine.at(-1)?.cumulative).toBe(514);
    expect([r.above50.count, r.above50.eligible, r.above50.insufficient]).toEqual([139, 504, ['APTV']]);
    expect([r.above200.count, r.above200.eligible]).toEqual([306, 501]);
    expect(r.newHighs.count).toBe(0);
    expect(r.newLows.count).toBe(43);
  });

  it('year to date on Brexit day, 2016-06-24', async () => {
    const r = breadth('ytd', '2016-06-24');
    expect(r.period.start).toBe('2015-12-31');
    await compareWithSql(r);
    expect(r.adLine).toHaveLength(121);
    expect([r.advancers, r.decliners, r.unchanged]).toEqual([41, 456, 0]);
    // members listed later than the base (e.g. HLT, FTV) are missing, never guessed
    expect(r.withData).toBe(495);
    expect(r.missing.map((m) => m.symbol)).toContain('FTV');
    expect([r.newHighs.count, r.newLows.count]).toEqual([19, 17]);
  });

  it('March 2015, when DHR, O and ES have a ten-session gap in the file', async () => {
    const r = breadth({ from: '2015-03-02' }, '2015-03-31');
    await compareWithSql(r);
    // 2015-03-23: the gap members have a close but none on the previous session (03-20) → not counted
    const d = r.adLine.find((x) => x.date === '2015-03-23')!;
    const d2 = r.adLine.find((x) => x.date === '2015-03-24')!;
    expect(d.advancers + d.decliners + d.unchanged + 3).toBe(d2.advancers + d2.decliners + d2.unchanged);
    // base 2015-02-27 and end 2015-03-31 both have closes for them: they count for the period
    expect(r.missing.map((m) => m.symbol)).not.toContain('DHR');
  });

  it('one-month periods on other dates (incl. members with gaps or later listings)', async () => {
    for (const asOf of ['2014-10-15', '2017-12-29', '2018-02-07']) {
      const r = computeBreadth({
        universe: 'panel + unknown',
        members: [...members, 'NOSUCH'],
        series: panel,
        period: '1m',
        asOf,
      });
      await compareWithSql(r);
      expect(r.withData + r.missing.length).toBe(506);
      expect(r.missing).toContainEqual({ symbol: 'NOSUCH', reason: 'no price series' });
    }
  });
});
