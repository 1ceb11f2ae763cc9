/**
 * Market-wide tracks: breadth above the N-day average (analytics/breadth.ts conventions: each
 * member's own last N closes, strictly above, share = count / eligible), the leading sector fund
 * YTD, fund flows over the last N records, and record highs across a watchlist.
 */
import { trailingMean } from '../facts/pure.ts';
import type { PriceSeries } from '../analytics/series.ts';
import type { Flow } from '../model/types.ts';
import type { Cmp } from './ast.ts';
import { compare } from './ast.ts';
import { type AlertFact, finiteCloses, pct, type Track } from './track.ts';
import { periodReturns } from './tracks-price.ts';

function unionDates(lists: string[][]): string[] {
  const set = new Set<string>();
  for (const l of lists) for (const d of l) set.add(d);
  return [...set].sort();
}

export function breadthTrack(label: string, members: PriceSeries[], window: number, cmp: Cmp): Track {
  const clean = members.map((m) => ({ s: m, ...finiteCloses(m) }));
  const dates = unionDates(clean.map((c) => c.dates));
  const at = new Map(dates.map((d, i) => [d, i]));
  const count = new Int32Array(dates.length);
  const eligible = new Int32Array(dates.length);
  for (const m of clean) {
    let sum = 0;
    for (let k = 0; k < m.v.length; k++) {
      sum += m.v[k];
      if (k >= window) sum -= m.v[k - window];
      if (k + 1 < window) continue;
      // recompute exactly every 50 sessions to avoid drift from the running sum
      if (k % 50 === 0) sum = (trailingMean(m.v, k, window) as number) * window;
      const mean = sum / window;
      const i = at.get(m.dates[k]) as number;
      eligible[i]++;
      if (m.v[k] > mean) count[i]++;
    }
  }
  const value = Float64Array.from(eligible, (e, i) => (e > 0 ? (count[i] / e) * 100 : Number.NaN));
  return {
    dates,
    holds: Uint8Array.from(value, (x) => (Number.isFinite(x) && compare(x, cmp) ? 1 : 0)),
    value,
    detail: (i) => ({
      message: `${value[i].toFixed(1)}% of ${label} closed above their ${window}-day average on ${dates[i]} (${count[i]} of ${eligible[i]})`,
      facts: [
        {
          label: `share above ${window}-day average`,
          value: value[i],
          unit: '%',
          formula: `count(close_t > mean(last ${window} closes)) / members with a close on t and ≥ ${window} closes`,
          dates: { session: dates[i] },
          series: [{ symbol: label, source: members[0]?.source ?? '', first: dates[0], last: dates[i] }],
          notes: [`${count[i]} of ${eligible[i]} eligible members above`],
        },
      ],
    }),
  };
}

export function sectorLeaderTrack(etfs: PriceSeries[]): Track {
  const rets = etfs.map((s) => ({ s, ...periodReturns(s, 'ytd') }));
  const dates = unionDates(rets.map((r) => r.dates));
  const idx = rets.map((r) => new Map(r.dates.map((d, i) => [d, i])));
  const leader = new Int32Array(dates.length).fill(-1);
  const best = new Float64Array(dates.length).fill(Number.NaN);
  const holds = new Uint8Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    for (let e = 0; e < rets.length; e++) {
      const k = idx[e].get(dates[i]);
      const v = k === undefined ? Number.NaN : rets[e].pct[k];
      if (Number.isFinite(v) && !(v <= best[i])) {
        best[i] = v;
        leader[i] = e;
      }
    }
    if (i > 0 && leader[i] >= 0 && leader[i - 1] >= 0 && leader[i] !== leader[i - 1] && dates[i].slice(0, 4) === dates[i - 1].slice(0, 4)) holds[i] = 1;
  }
  const sym = (i: number) => (leader[i] >= 0 ? rets[leader[i]].s.symbol : null);
  return {
    dates,
    holds,
    value: Float64Array.from(leader),
    detail: (i) => {
      const facts: AlertFact[] = rets.map((r, e) => {
        const k = idx[e].get(dates[i]);
        return { label: `${r.s.symbol} ytd return`, value: k === undefined ? null : r.pct[k], unit: '%', formula: 'close[end]/close[base] − 1', dates: { end: dates[i] }, series: [{ symbol: r.s.symbol, source: r.s.source, adjustment: r.s.adjustment, first: r.s.dates[0], last: dates[i] }] };
      });
      return { message: `${sym(i)} took the lead among sector funds YTD on ${dates[i]} (${pct(best[i])}), from ${sym(i - 1) ?? '—'}`, facts };
    },
  };
}

export function flowsTrack(fund: string, flows: Flow[], days: number, cmp: Cmp): Track {
  const rows = flows.filter((f) => f.fund.toUpperCase() === fund).sort((a, b) => (a.date < b.date ? -1 : 1));
  const dates = rows.map((r) => r.date);
  const value = new Float64Array(rows.length).fill(Number.NaN);
  for (let i = days - 1; i < rows.length; i++) {
    let s = 0;
    for (let k = i - days + 1; k <= i; k++) s += rows[k].flow;
    value[i] = s;
  }
  return {
    dates,
    holds: Uint8Array.from(value, (x) => (Number.isFinite(x) && compare(x, cmp) ? 1 : 0)),
    value,
    detail: (i) => ({
      message: `${fund} flows over the last ${days} records to ${dates[i]}: ${(value[i] / 1e9).toFixed(2)} bn USD`,
      facts: [{ label: `${fund} ${days}-record flows`, value: value[i], unit: 'USD', formula: `sum(flow_usd over the last ${days} flow records)`, dates: { from: dates[i - days + 1], to: dates[i] }, series: [{ symbol: fund, source: 'flows', first: dates[0], last: dates[i] }] }],
    }),
  };
}

/** Any member of a watchlist with a record on t; value = how many. */
export function universeTrack(name: string, tracks: { symbol: string; track: Track }[]): Track {
  const dates = unionDates(tracks.map((t) => t.track.dates));
  const idx = tracks.map((t) => new Map(t.track.dates.map((d, i) => [d, i])));
  const value = new Float64Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    for (let m = 0; m < tracks.length; m++) {
      const k = idx[m].get(dates[i]);
      if (k !== undefined && tracks[m].track.holds[k]) value[i]++;
    }
  }
  return {
    dates,
    holds: Uint8Array.from(value, (x) => (x > 0 ? 1 : 0)),
    value,
    detail: (i) => {
      const hits = tracks.flatMap((t, m) => {
        const k = idx[m].get(dates[i]);
        return k !== undefined && t.track.holds[k] ? [t.track.detail(k)] : [];
      });
      return { message: `watchlist ${name}: ${hits.map((h) => h.message).join('; ')}`, facts: hits.flatMap((h) => h.facts) };
    },
  };
}
