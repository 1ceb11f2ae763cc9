/** The price chart card shared by the instrument page: toolbar (range, type, scale, averages, export) and the chart. */
import { CHART_RANGES } from './common.ts';
import { h, type Raw } from './layout.ts';

const TYPES: [string, string][] = [
  ['candles', 'Candles'],
  ['bars', 'Bars'],
  ['line', 'Line'],
  ['area', 'Area'],
];
const SCALES: [string, string][] = [
  ['linear', 'Linear'],
  ['log', 'Log'],
  ['pct', '%'],
];

function seg(name: string, label: string, items: [string, string][], current: string): Raw {
  return h`<span class="seg" role="group" aria-label="${label}" data-seg="${name}">${items.map(([v, l]) => h`<button type="button" data-value="${v}" aria-pressed="${String(v === current)}">${l}</button>`)}</span>`;
}

export function priceChartBox(symbol: string, range: string): Raw {
  return h`<section class="card chart-card" id="price-card">
<h2 id="chart-price-title">${symbol}: daily prices with volume, volatility and drawdown</h2>
<div class="toolbar">${seg('range', 'range', CHART_RANGES, range)}
${seg('type', 'chart type', TYPES, 'candles')}
${seg('scale', 'price scale', SCALES, 'linear')}
<label><input type="checkbox" id="show-ma" checked> SMA 50/200</label>
<span class="export" role="group" aria-label="export"><button type="button" data-export="csv">CSV</button><button type="button" data-export="png">PNG</button><button type="button" data-export="svg">SVG</button></span></div>
<div class="legend" id="chart-price-tip" aria-live="off"></div>
<div class="chart" id="chart-price" style="height:560px" data-state="loading" role="figure" aria-labelledby="chart-price-title" aria-describedby="chart-price-desc"><div class="loading">Loading…</div></div>
<p class="hint">Panes: price (with 50/200-session averages), volume, rolling volatility (annualised), drawdown from the running peak. Drag or scroll to zoom; all panes follow.</p>
<p class="sr-only chart-desc" id="chart-price-desc"></p>
</section>`;
}

/** The /api/perf query of a chart range (10Y is not a named period of perf: from its base session). */
export function rangePerfQuery(range: string, asOf: string, base: string): Record<string, string> {
  return range === '10y' ? { from: nextDay(base), to: asOf } : { period: range, asOf };
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
