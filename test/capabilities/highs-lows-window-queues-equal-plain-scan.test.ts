/**
 * highs-lows counts with sliding-window queues (each close enters and leaves the window once) give the
 * same answer as the plain scan (for every listed session, each member's previous N − 1 closes read
 * again), the way the counts were first computed:
 * (1) generated members with gaps, missing (NaN) closes and many ties, small windows, every as-of;
 * (2) the real 505-stock panel, windows 2 to 1,000, up to every session of the panel.
 * The whole result is compared: rows, the as-of session's symbols, provenance.
 */
import { describe, expect, it } from 'vitest';
import { newHighsLows } from '../../src/capabilities/highs-lows.ts';
import type { PriceSeries } from '../../src/model/series.ts';
import { loadPanel } from '../analytics/helpers/market-files.ts';

type Opts = Parameters<typeof newHighsLows>[1];

/** The plain scan: sessions = every date with a finite close up to as-of; per session and member, the previous N − 1 closes. */
function plainScan(series: readonly PriceSeries[], o: Opts) {
  const n = o.window;
  const clean = series.map((s) => {
    const idx = [...s.close.keys()].filter((i) => Number.isFinite(s.close[i]));
    const dates = idx.map((i) => s.dates[i]);
    return { s, dates, close: idx.map((i) => s.close[i]), at: new Map(dates.map((d, k) => [d, k])) };
  });
  const calendar = [...new Set(clean.flatMap((c) => c.dates))].filter((d) => d <= o.asOf).sort();
  if (calendar.length === 0) return null;
  const days = calendar.slice(-o.sessions);
  const last = days[days.length - 1];
  const latest = { date: last, highs: [] as string[], lows: [] as string[] };
  const rows = days.map((date) => {
    const row = { date, highs: 0, lows: 0, eligible: 0, insufficient: 0 };
    for (const c of clean) {
      const i = c.at.get(date);
      if (i === undefined) continue;
      if (i < n - 1) {
        row.insufficient++;
        continue;
      }
      row.eligible++;
      let hi = Number.NEGATIVE_INFINITY;
      let lo = Number.POSITIVE_INFINITY;
      for (let k = i - n + 1; k < i; k++) {
        hi = Math.max(hi, c.close[k]);
        lo = Math.min(lo, c.close[k]);
      }
      const high = c.close[i] > hi;
      const low = c.close[i] < lo;
      if (high) row.highs++;
      if (low) row.lows++;
      if (date === last && high) latest.highs.push(c.s.symbol);
      if (date === last && low) latest.lows.push(c.s.symbol);
    }
    return row;
  });
  const withData = clean.filter((c) => c.dates.length > 0);
  return {
    rows,
    latest: { ...latest, highs: latest.highs.sort(), lows: latest.lows.sort() },
    withData: withData.length,
    provenance: withData.map((c) => ({
      symbol: c.s.symbol,
      first: c.dates[0],
      last: c.dates[c.dates.length - 1],
    })),
  };
}

function compare(series: readonly PriceSeries[], o: Opts): void {
  const want = plainScan(series, o);
  if (!want) {
    expect(() => newHighsLows(series, o)).toThrow(
      `no member of ${o.universe} has a close on or before ${o.asOf}`,
    );
    return;
  }
  const got = newHighsLows(series, o);
  expect(got.rows).toEqual(want.rows);
  expect(got.latest).toEqual(want.latest);
  expect(got.asOf).toBe(want.latest.date);
  expect(got.withData).toBe(want.withData);
  expect(got.provenance.series.map((x) => ({ symbol: x.symbol, first: x.first, last: x.last }))).toEqual(
    want.provenance,
  );
}

/** Deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAYS = Array.from({ length: 60 }, (_, i) =>
  new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
);

function generated(seed: number): PriceSeries[] {
  const r = rng(seed);
  return Array.from({ length: 8 }, (_, m) => {
    const start = Math.floor(r() * 20);
    const dates = DAYS.slice(start).filter(() => r() > 0.2); // gaps: a member has no row on some sessions
    // Small integers: many closes equal the prior extreme (neither a high nor a low).
    const close = Float64Array.from(dates, () => (r() < 0.1 ? Number.NaN : Math.floor(r() * 6)));
    return {
      symbol: `M${m}`,
      source: 'gen',
      adjustment: 'none',
      dates,
      close,
      open: null,
      high: null,
      low: null,
      volume: null,
    };
  });
}

describe('highs-lows: sliding-window queues equal the plain scan', () => {
  it('generated members with gaps, NaN closes and ties: windows 2–12, as-of dates every 7 days, 1–40 sessions', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const series = generated(seed);
      for (const window of [2, 3, 5, 12]) {
        for (const asOf of DAYS.filter((_, i) => i % 7 === 6)) {
          for (const sessions of [1, 4, 40]) {
            compare(series, { window, sessions, asOf, universe: 'gen', members: series.length });
          }
        }
      }
    }
  });

  it('the 505-stock panel: windows 2 to 1,000; 1 to all 1,259 sessions; two as-of dates', () => {
    const panel = loadPanel();
    const last = panel
      .map((x) => x.dates[x.dates.length - 1])
      .sort()
      .at(-1)!;
    for (const [window, sessions, asOf] of [
      [252, 252, last],
      [252, 21, last],
      [2, 5, last],
      [21, 1, '2016-06-30'],
      [1000, 100, last],
      [20, 1259, last],
    ] as const) {
      compare(panel, { window, sessions, asOf, universe: 'panel', members: panel.length });
    }
  });
});
