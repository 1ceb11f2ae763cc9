/**
 * The done-when command as a user types it: `marketdash alerts replay --when 'streak IWM SPY >= 10'
 * --frequency on-change --from 2000-01-01 --to 2026-08-21 --json` prints one JSON document whose
 * events are the sessions on which IWM's run over SPY first reached 10 (plain loop over the CSVs here).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The commands' answers are under test, not the process: they run in this process (run-cli.ts).
import { cliInProcess as cliAsync, json } from '../cli/run-cli.ts';
import { DATA_DIR } from '../helpers/temp.ts';
import { buildMarketStore } from './helpers.ts';

let env: Awaited<ReturnType<typeof buildMarketStore>>;
beforeAll(async () => {
  env = await buildMarketStore(['prices/IWM.csv', 'prices/SPY.csv']);
}, 120_000);
afterAll(() => env?.cleanup());

const rows = (f: string) => readFileSync(`${DATA_DIR}/prices/${f}.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

describe('alerts replay --json (CLI)', () => {
  it('lists the sessions the run first reached 10, with value, message and facts', async () => {
    const spy = new Map(rows('SPY').map((r) => [r[0], Number(r[4])]));
    const c = rows('IWM').filter((r) => spy.has(r[0])).map((r) => ({ d: r[0], a: Number(r[4]), b: spy.get(r[0]) as number }));
    const expected: string[] = [];
    for (let i = 1, len = 0; i < c.length; i++) {
      len = c[i].a / c[i - 1].a > c[i].b / c[i - 1].b ? len + 1 : 0;
      if (len === 10) expected.push(c[i].d);
    }
    const r = await cliAsync(['alerts', 'replay', '--when', 'streak IWM SPY >= 10', '--frequency', 'on-change', '--from', '2000-01-01', '--to', '2026-08-21', '--json'], { MARKETDASH_DB: env.dbPath, MARKETDASH_STATE: '' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.condition).toBe('streak IWM SPY >= 10');
    expect(doc.frequency).toBe('on-change');
    expect(doc.events.map((e: { date: string }) => e.date)).toEqual(expected);
    for (const e of doc.events) {
      expect(e.value).toBe(10);
      expect(e.message).toMatch(/^IWM beat SPY for 10 straight sessions/);
      expect(e.facts[0]).toMatchObject({ unit: 'sessions', value: 10, series: [{ symbol: 'IWM' }, { symbol: 'SPY' }] });
    }
    const bad = await cliAsync(['alerts', 'replay', '--when', 'streak IWM SPY >= 10', '--from', '2026-13-01', '--to', '2026-08-21', '--json'], { MARKETDASH_DB: env.dbPath, MARKETDASH_STATE: '' });
    expect(bad.code).toBe(2);
    expect(json(bad.stdout).error.message).toMatch(/--from must be a date/);
  }, 120_000);
});
