/**
 * The other condition forms on the real files, each against a second method: breakout against
 * analytics/levels.ts `technicalLevels` evaluated as of each session; `longest-since` against
 * analytics/streak.ts `streaks` as of each session; `records >= N` against `recordHighs`; `return ytd`,
 * `move` and `streak FF.SMB > 0` against plain loops over the CSV rows in this test.
 */
import { describe, expect, it } from 'vitest';
import { recordHighs } from '../../src/analytics/records.ts';
import { streaks } from '../../src/analytics/streak.ts';
import { technicalLevels } from '../../src/analytics/levels.ts';
import { breakoutTrack, moveTrack, returnTrack } from '../../src/alerts/tracks-price.ts';
import { pairStreakTrack, recordTrack, zeroStreakTrack } from '../../src/alerts/tracks-streak.ts';
import { loadFactor, loadPrices, readPriceRows } from '../analytics/helpers/real-data.ts';

const rut = loadPrices('RUT_INDEX');
const iwm = loadPrices('IWM');
const spy = loadPrices('SPY');

describe('tracks against a second method (real data)', () => {
  it('breakout ^RUT: holds exactly on the sessions technicalLevels reports as a breakout as of that day', () => {
    const t = breakoutTrack(rut);
    const from = t.dates.findIndex((d) => d >= '2023-01-01');
    let hits = 0;
    for (let i = from; i < t.dates.length; i += 1) {
      const lv = technicalLevels(rut, t.dates[i]);
      const byLevels = lv.breakout?.date === t.dates[i];
      expect(Boolean(t.holds[i]), t.dates[i]).toBe(byLevels);
      if (byLevels) {
        hits++;
        expect(t.detail(i).facts[0].value).toBeCloseTo(lv.breakout?.level as number, 9);
      }
    }
    expect(hits).toBeGreaterThan(0);
  }, 120_000);

  it('streak IWM SPY longest-since >= 10y: the run and its longest-since date agree with streaks() as of each session', () => {
    const t = pairStreakTrack(iwm, spy, 'over', null, 10);
    let held = 0;
    for (let i = 0; i < t.dates.length; i += 7) {
      const d = t.dates[i];
      if (d < '2001-01-01') continue;
      const s = streaks(iwm, spy, { asOf: d });
      expect(t.value[i], d).toBe(s.current.length);
      if (s.current.length === 0) continue;
      const f = t.detail(i).facts[0];
      expect(f.dates.longestSinceEnd ?? null, d).toBe(s.longestSince?.end ?? null);
      const cutoff = `${Number(d.slice(0, 4)) - 10}${d.slice(4)}`;
      const expected = s.longestSince ? s.longestSince.end < cutoff : s.dataStart <= cutoff;
      expect(Boolean(t.holds[i]), d).toBe(expected);
      if (expected) held++;
    }
    expect(held).toBeGreaterThan(0);
  }, 120_000);

  it('records ^RUT close >= N: the run length equals recordHighs().current.length as of each session', () => {
    const t = recordTrack(rut, 'close', { op: '>=', value: 3 });
    for (let i = 1; i < t.dates.length; i += 13) {
      const r = recordHighs(rut, { basis: 'close', asOf: t.dates[i] });
      expect(t.value[i], t.dates[i]).toBe(r.current.length);
      expect(Boolean(t.holds[i])).toBe(r.current.length >= 3);
    }
  });

  it('return SPY ytd and move IWM: plain loops over the CSV rows', () => {
    const rows = readPriceRows('SPY').map((r) => ({ d: r[0], c: Number(r[4]) }));
    const t = returnTrack(spy, 'ytd', { op: '>=', value: 10 });
    for (let i = 300; i < rows.length; i += 17) {
      const year = rows[i].d.slice(0, 4);
      const base = [...rows.slice(0, i)].reverse().find((r) => r.d < `${year}-01-01`) as { c: number };
      const expected = (rows[i].c / base.c - 1) * 100;
      expect(t.value[i], rows[i].d).toBeCloseTo(expected, 9);
      expect(Boolean(t.holds[i])).toBe(expected >= 10);
    }
    const m = moveTrack(iwm, { op: '<=', value: -2 });
    const ir = readPriceRows('IWM').map((r) => Number(r[4]));
    const expectedDays = ir.flatMap((c, i) => (i > 0 && (c / ir[i - 1] - 1) * 100 <= -2 ? [i] : []));
    expect([...m.holds].flatMap((h, i) => (h ? [i] : []))).toEqual(expectedDays);
  });

  it('streak FF.SMB > 0: run lengths from a plain loop over the factor returns', () => {
    const smb = loadFactor('SMB');
    const t = zeroStreakTrack(smb, 'over', { op: '>=', value: 6 }, null);
    let len = 0;
    let fired = 0;
    for (let i = 0; i < smb.ret.length; i++) {
      len = smb.ret[i] > 0 ? len + 1 : 0;
      expect(t.value[i]).toBe(len);
      if (len === 6) fired++;
    }
    expect(fired).toBeGreaterThan(100);
  });
});
