/**
 * Charts rendered on the server as SVG with ECharts (no JavaScript needed to read them):
 * the relative-strength line A/B with streaks shaded, the streak-length history, the size ladder,
 * and the rebased lines of the weekly symbol report. Output is deterministic: no animation, and the
 * renderer's per-instance id prefix is replaced by the chart's own id.
 */
import * as echarts from 'echarts';
import { streakRuns } from '../facts/pure.ts';
import type { Pair } from './pair-context.ts';
import type { ChartBlock } from './types.ts';

const FONT = 'Helvetica, Arial, sans-serif';
const UP = '#1f6f50';
const DOWN = '#b23b3b';
const INK = '#222';
const GRID = '#e3e3e3';
export const MIN_SHADED_STREAK = 5;
export const RS_WINDOW = 252;

function render(id: string, width: number, height: number, option: Record<string, unknown>): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT, color: INK }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return normaliseIds(svg, id).replace('<svg ', `<svg role="img" aria-labelledby="${id}-title" `);
}

/**
 * The SVG renderer numbers its instances (`zr3-`) and its CSS classes (`cls-17`) with counters that
 * live for the whole process; renumber both from zero, in order of appearance, under the chart's id,
 * so a chart's bytes depend only on its data.
 */
export function normaliseIds(svg: string, id: string): string {
  const seen = new Map<string, string>();
  return svg.replace(/zr\d+-([a-z]+)-?(\d+)/g, (_m, kind: string, n: string) => {
    const key = `${kind}:${n}`;
    if (!seen.has(key))
      seen.set(key, `${id}-${kind}${[...seen.keys()].filter((k) => k.startsWith(`${kind}:`)).length}`);
    return seen.get(key)!;
  });
}

const axisCommon = {
  axisLine: { lineStyle: { color: '#999' } },
  axisLabel: { color: '#555', fontSize: 11 },
  splitLine: { lineStyle: { color: GRID } },
};

/** Relative-strength line (A/B rebased to 100) over the last RS_WINDOW sessions, streaks of ≥ 5 sessions shaded. */
export function relativeStrengthChart(p: Pair, asOf: string): ChartBlock | null {
  const n = p.k + 1;
  if (n < 30) return null;
  const s = Math.max(1, n - RS_WINDOW);
  const base = p.aClose[s] / p.bClose[s];
  const data: [string, number][] = [];
  for (let i = s; i < n; i++)
    data.push([p.dates[i], Math.round((p.aClose[i] / p.bClose[i] / base) * 10000) / 100]);
  const diff = new Float64Array(n);
  for (let i = 0; i < n; i++) diff[i] = p.ra[i] - p.rb[i];
  const areas: unknown[] = [];
  for (const dir of ['over', 'under'] as const) {
    const runs = streakRuns(diff, dir, p.k);
    for (let r = 0; r < runs.count; r++) {
      const len = runs.length[r];
      const st = runs.start[r];
      if (len < MIN_SHADED_STREAK || st + len - 1 < s) continue;
      areas.push([
        {
          xAxis: p.dates[Math.max(st, s)],
          itemStyle: { color: dir === 'over' ? 'rgba(31,111,80,0.16)' : 'rgba(178,59,59,0.14)' },
        },
        { xAxis: p.dates[st + len - 1] },
      ]);
    }
  }
  const id = 'chart-rs';
  const svg = render(id, 760, 320, {
    grid: { left: 48, right: 20, top: 36, bottom: 36 },
    title: {
      text: `${p.A} relative to ${p.B}`,
      left: 0,
      top: 0,
      textStyle: { fontSize: 13, fontWeight: 'bold', color: INK },
    },
    xAxis: { type: 'time', ...axisCommon, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...axisCommon },
    series: [
      {
        type: 'line',
        data,
        showSymbol: false,
        lineStyle: { color: INK, width: 1.5 },
        markArea: { silent: true, data: areas },
      },
    ],
  });
  return {
    kind: 'chart',
    id,
    title: `${p.A} relative to ${p.B}: the ratio of their closes, rebased; green bands mark ${p.A} winning streaks and red bands ${p.B} winning streaks`,
    alt: `Line chart of the ${p.A}/${p.B} close ratio over about one year, with shaded bands for streaks of consecutive sessions won by one fund.`,
    svg,
    provenance: {
      series: [p.A, p.B],
      start: p.dates[s],
      end: asOf,
      formula: `ratio[t] = (close_A[t]/close_B[t]) / (close_A[start]/close_B[start]) × 100; bands: streaks of ≥ ${MIN_SHADED_STREAK} sessions with r_A > r_B (green) or r_A < r_B (red)`,
    },
  };
}

/** Every streak of ≥ MIN_SHADED_STREAK sessions in the pair's history: A's above the axis, B's below. */
export function streakHistoryChart(
  p: Pair,
  over: { length: number; start: string; end: string }[],
  under: { length: number; start: string; end: string }[],
  highlight: string | null,
): ChartBlock {
  const pick = (xs: typeof over, sign: number) =>
    xs
      .filter((x) => x.length >= MIN_SHADED_STREAK)
      .map((x) => ({
        value: [x.end, sign * x.length],
        itemStyle: { color: x.end === highlight ? '#e08a00' : sign > 0 ? UP : DOWN },
      }))
      .sort((a, b) => (a.value[0] < b.value[0] ? -1 : 1));
  const id = 'chart-streaks';
  const svg = render(id, 760, 300, {
    grid: { left: 48, right: 20, top: 36, bottom: 36 },
    title: {
      text: `Streaks of consecutive sessions: ${p.A} ahead (up), ${p.B} ahead (down)`,
      left: 0,
      top: 0,
      textStyle: { fontSize: 13, fontWeight: 'bold', color: INK },
    },
    xAxis: { type: 'time', ...axisCommon, splitLine: { show: false } },
    yAxis: {
      type: 'value',
      ...axisCommon,
      axisLabel: { ...axisCommon.axisLabel, formatter: (x: number) => String(Math.abs(x)) },
    },
    series: [
      { type: 'bar', data: pick(over, 1), barWidth: 2 },
      { type: 'bar', data: pick(under, -1), barWidth: 2, barGap: '-100%' },
    ],
  });
  return {
    kind: 'chart',
    id,
    title: `Streak lengths since the pair's data begin: bars above the axis are ${p.A} streaks, below ${p.B} streaks, drawn at the session each ended; the highlighted bar is the run discussed here`,
    alt: `Bar chart of the length of every streak of consecutive sessions won by ${p.A} or by ${p.B}, by end date.`,
    svg,
    provenance: {
      series: [p.A, p.B],
      start: p.dates[0],
      end: p.dates[p.k],
      formula: `streaks of ≥ ${MIN_SHADED_STREAK} sessions (strict r_A > r_B or r_A < r_B on common sessions), plotted at their end date`,
    },
  };
}

/** Size ladder: one bar per segment, largest first. */
export function ladderChart(
  rows: { segment: string; symbol: string; ret: number }[],
  start: string,
  end: string,
): ChartBlock {
  const id = 'chart-ladder';
  const svg = render(id, 760, 260, {
    grid: { left: 110, right: 40, top: 36, bottom: 30 },
    title: {
      text: 'Last session by size segment, largest at top',
      left: 0,
      top: 0,
      textStyle: { fontSize: 13, fontWeight: 'bold', color: INK },
    },
    xAxis: {
      type: 'value',
      ...axisCommon,
      axisLabel: { ...axisCommon.axisLabel, formatter: (x: number) => `${x}%` },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => `${r.segment} (${r.symbol})`),
      ...axisCommon,
    },
    series: [
      {
        type: 'bar',
        barWidth: 18,
        data: rows.map((r) => ({
          value: Math.round(r.ret * 10000) / 100,
          itemStyle: { color: r.ret >= 0 ? UP : DOWN },
        })),
      },
    ],
  });
  return {
    kind: 'chart',
    id,
    title: 'Return on the last session by size segment, from the largest companies (top) to the smallest',
    alt: `Bar chart of one-session returns of ${rows.map((r) => r.symbol).join(', ')}.`,
    svg,
    provenance: {
      series: rows.map((r) => r.symbol),
      start,
      end,
      formula: 'close[asOf]/close[previous session] − 1, in percent',
    },
  };
}

/** Rebased lines (100 at the window start) for the weekly symbol report. */
export function rebasedChart(
  lines: { symbol: string; dates: string[]; close: ArrayLike<number> }[],
  start: string,
  end: string,
  title: string,
): ChartBlock {
  const colors = [INK, '#2b6cb0', '#b7791f'];
  const series = lines.map((l, j) => {
    const i0 = l.dates.findIndex((d) => d >= start);
    const data: [string, number][] = [];
    for (let i = i0; i >= 0 && i < l.dates.length && l.dates[i] <= end; i++)
      data.push([l.dates[i], Math.round((l.close[i] / l.close[i0]) * 10000) / 100]);
    return {
      type: 'line',
      name: l.symbol,
      data,
      showSymbol: false,
      lineStyle: { color: colors[j % colors.length], width: j === 0 ? 2 : 1.3 },
      itemStyle: { color: colors[j % colors.length] },
    };
  });
  const id = 'chart-rebased';
  const svg = render(id, 760, 300, {
    grid: { left: 48, right: 20, top: 56, bottom: 36 },
    title: { text: title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 'bold', color: INK } },
    legend: { top: 24, left: 0, textStyle: { fontSize: 11 } },
    xAxis: { type: 'time', ...axisCommon, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...axisCommon },
    series,
  });
  return {
    kind: 'chart',
    id,
    title: `${title}: closes rebased to one hundred at the start of the window`,
    alt: `Line chart of ${lines.map((l) => l.symbol).join(', ')} rebased to the same starting value.`,
    svg,
    provenance: { series: lines.map((l) => l.symbol), start, end, formula: 'close[t]/close[start] × 100' },
  };
}
