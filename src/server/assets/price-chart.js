// Instrument page: one lightweight-charts chart with linked panes (price + averages, volume,
// volatility, drawdown). Range, type, scale and zoom live in the URL; nothing reloads the page.
// An ES module: it runs once the document is parsed, and starts at DOMContentLoaded.
const MD = window.MD;
const LC = window.LightweightCharts;
const d = MD.pageData();
const el = document.getElementById('chart-price');
const tip = document.getElementById('chart-price-tip');
const desc = document.getElementById('chart-price-desc');
const q = new URL(window.location.href).searchParams;
const st = {
  range: q.get('range') || q.get('period') || d.range,
  type: q.get('type') || 'candles',
  scale: q.get('scale') || 'linear',
  ma: q.get('ma') !== '0',
  zoom: q.get('from') && q.get('to') ? { from: q.get('from'), to: q.get('to') } : null,
};
let sessions = null;
let bars = null; // {dates, open, high, low, close, volume, source, adjustment, from}
let chart = null;
let series = {};
let base = null;
let vol = null;

const { themedChart, addDays } = MD.lwc;
/** perf's base session of a range (see lwc.js). */
const rangeBase = (range) => MD.lwc.rangeBase(sessions, d.asOf, range);
const perfUrl = (range, b) =>
  range === '10y' ? `/api/perf?from=${addDays(b, 1)}&symbols=${encodeURIComponent(d.symbol)}&to=${d.asOf}` : `/api/perf?asOf=${d.asOf}&period=${range}&symbols=${encodeURIComponent(d.symbol)}`;
const volUrl = (range) => `${d.volatility}&period=${['1m', '3m', '6m', 'ytd', '1y', '3y', '5y', 'max'].includes(range) ? range : 'max'}`;

function saveUrl() {
  const u = new URL(window.location.href);
  u.searchParams.delete('period');
  u.searchParams.set('range', st.range);
  for (const [k, v, def] of [
    ['type', st.type, 'candles'],
    ['scale', st.scale, 'linear'],
    ['ma', st.ma ? '1' : '0', '1'],
  ]) {
    if (v === def) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  if (st.zoom) {
    u.searchParams.set('from', st.zoom.from);
    u.searchParams.set('to', st.zoom.to);
  } else {
    u.searchParams.delete('from');
    u.searchParams.delete('to');
  }
  history.replaceState(null, '', u.pathname + u.search);
}

async function ensureBars(from) {
  if (bars && (bars.from === null || bars.from <= from)) return;
  const all = from <= sessions[0];
  const url = `${d.bars}?${all ? '' : `from=${from}&`}to=${d.asOf}`;
  const b = await MD.fetchJson(url);
  const keep = [];
  b.dates.forEach((_, i) => {
    if (b.close[i] !== null) keep.push(i);
  });
  const pick = (a) => (a ? keep.map((i) => a[i]) : null);
  bars = { url, from: all ? null : from, source: b.source, adjustment: b.adjustment, dates: pick(b.dates), open: pick(b.open), high: pick(b.high), low: pick(b.low), close: pick(b.close), volume: pick(b.volume) };
}

const sma = (xs, n) => {
  const out = new Array(xs.length).fill(null);
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    s += xs[i];
    if (i >= n) s -= xs[i - n];
    if (i >= n - 1) out[i] = s / n;
  }
  return out;
};

function makeChart() {
  chart = themedChart(el, { timeScale: { rightOffset: 2 } });
  chart.subscribeCrosshairMove(onCrosshair);
  chart.timeScale().subscribeVisibleTimeRangeChange(onZoom);
}

const pctFmt = { type: 'custom', minMove: 0.01, formatter: (p) => `${p >= 0 ? '+' : ''}${p.toFixed(2)}%` };
const priceFmt = { type: 'custom', minMove: 0.01, formatter: (p) => MD.fmtPrice(p) };

function draw() {
  const css = MD.css;
  const pal = MD.palette();
  for (const s of Object.values(series)) chart.removeSeries(s);
  series = {};
  const k0 = Math.max(0, bars.dates.indexOf(base));
  const b0 = bars.close[k0];
  const pct = st.scale === 'pct';
  const tx = (v) => (v === null || v === undefined ? null : pct ? (100 * v) / b0 - 100 : v);
  const dates = bars.dates;
  const ohlc = dates.map((t, i) => ({ time: t, open: tx(bars.open ? bars.open[i] : bars.close[i]), high: tx(bars.high ? bars.high[i] : bars.close[i]), low: tx(bars.low ? bars.low[i] : bars.close[i]), close: tx(bars.close[i]) }));
  const fmt = pct ? pctFmt : priceFmt;
  const up = css('--pos');
  const down = css('--neg');
  if (st.type === 'candles') series.main = chart.addSeries(LC.CandlestickSeries, { upColor: up, downColor: down, wickUpColor: up, wickDownColor: down, borderVisible: false, priceFormat: fmt, title: d.symbol });
  else if (st.type === 'bars') series.main = chart.addSeries(LC.BarSeries, { upColor: up, downColor: down, priceFormat: fmt, title: d.symbol });
  else if (st.type === 'area') series.main = chart.addSeries(LC.AreaSeries, { lineColor: pal[0], topColor: `${pal[0]}55`, bottomColor: `${pal[0]}05`, lineWidth: 2, priceFormat: fmt, title: d.symbol });
  else series.main = chart.addSeries(LC.LineSeries, { color: pal[0], lineWidth: 2, priceFormat: fmt, title: d.symbol });
  series.main.setData(st.type === 'candles' || st.type === 'bars' ? ohlc : ohlc.map((x) => ({ time: x.time, value: x.close })));
  if (st.ma) {
    for (const [n, color] of [
      [50, pal[1]],
      [200, pal[3]],
    ]) {
      const m = sma(bars.close, n);
      const s = chart.addSeries(LC.LineSeries, { color, lineWidth: 1, priceLineVisible: false, crosshairMarkerVisible: false, priceFormat: fmt, title: `SMA${n}` });
      s.setData(dates.flatMap((t, i) => (m[i] === null ? [] : [{ time: t, value: tx(m[i]) }])));
      series[`sma${n}`] = s;
    }
  }
  if (bars.volume) {
    series.volume = chart.addSeries(LC.HistogramSeries, { priceFormat: { type: 'volume' }, priceLineVisible: false, title: 'Volume' }, 1);
    series.volume.setData(dates.map((t, i) => ({ time: t, value: bars.volume[i] ?? 0, color: i > 0 && bars.close[i] < bars.close[i - 1] ? `${down}88` : `${up}88` })));
  }
  const volPane = bars.volume ? 2 : 1;
  if (vol?.rolling.dates.length) {
    series.vol = chart.addSeries(LC.LineSeries, { color: pal[5], lineWidth: 1, priceLineVisible: false, title: `Vol ${d.window}d`, priceFormat: { type: 'custom', minMove: 0.1, formatter: (p) => `${p.toFixed(1)}%` } }, volPane);
    series.vol.setData(vol.rolling.dates.map((t, i) => ({ time: t, value: vol.rolling.annualised[i] * 100 })));
    el.dataset.volPoints = String(vol.rolling.dates.length);
  }
  // Drawdown from the running peak, from the volatility window's start (the API's drawdown window).
  const ddFrom = vol?.drawdown?.start ? vol.drawdown.start : base;
  let k = bars.dates.findIndex((x) => x >= ddFrom);
  if (k < 0) k = k0;
  const dd = [];
  let pk = bars.close[k];
  let worst = 0;
  for (let i = k; i < bars.close.length; i++) {
    if (bars.close[i] > pk) pk = bars.close[i];
    const v = bars.close[i] / pk - 1;
    if (v < worst) worst = v;
    dd.push({ time: dates[i], value: v * 100 });
  }
  series.dd = chart.addSeries(LC.AreaSeries, { lineColor: down, topColor: `${down}10`, bottomColor: `${down}55`, invertFilledArea: false, lineWidth: 1, priceLineVisible: false, title: 'Drawdown', priceFormat: { type: 'custom', minMove: 0.01, formatter: (p) => `${p.toFixed(1)}%` } }, volPane + 1);
  series.dd.setData(dd);
  el.dataset.maxDrawdown = String(worst);
  const panes = chart.panes();
  if (panes[0]) panes[0].setStretchFactor(4);
  for (let i = 1; i < panes.length; i++) panes[i].setStretchFactor(1);
  chart.priceScale('right', 0).applyOptions({ mode: st.scale === 'log' ? LC.PriceScaleMode.Logarithmic : LC.PriceScaleMode.Normal });
  el.dataset.scale = st.scale;
  el.dataset.type = st.type;
  el.dataset.base = base;
  el.dataset.last = String(tx(bars.close[bars.close.length - 1]));
  levels();
  records();
  applyRange();
  describe();
}

// Levels as a few labelled price lines: range high/low, the nearest support and resistance, the target.
let levelDoc = null;
function levels() {
  if (!levelDoc || st.scale === 'pct') return;
  const l = levelDoc;
  const lines = [];
  const add = (price, title, color, style) => {
    if (price === null || price === undefined) return;
    if (lines.some((x) => Math.abs(x.price / price - 1) < 0.004)) return; // labels would overlap
    lines.push({ price, title, color, lineStyle: style, axisLabelVisible: true, lineWidth: 1 });
  };
  const css = MD.css;
  add(l.range.high, 'range high', css('--c1'), LC.LineStyle.Solid);
  add(l.range.low, 'range low', css('--c1'), LC.LineStyle.Solid);
  const above = l.resistances.map((x) => x.level).filter((x) => x > l.close).sort((a, b) => a - b)[0];
  const below = l.supports.map((x) => x.level).filter((x) => x < l.close).sort((a, b) => b - a)[0];
  add(above, 'resistance', css('--neg'), LC.LineStyle.Dashed);
  add(below, 'support', css('--pos'), LC.LineStyle.Dashed);
  add(l.measuredMoveTarget, 'target', css('--c4'), LC.LineStyle.Dotted);
  for (const x of lines) series.main.createPriceLine(x);
  el.dataset.levels = String(lines.length);
}

let _recordDoc = null;
function records() {
  // New all-time closing highs within the loaded data (the first session is not a record).
  let peak = -Infinity;
  const marks = [];
  for (let i = 0; i < bars.close.length; i++) {
    if (bars.close[i] > peak) {
      if (i > 0 && bars.from === null) marks.push({ time: bars.dates[i], position: 'aboveBar', shape: 'circle', color: MD.css('--c5'), size: 0.5 });
      peak = bars.close[i];
    }
  }
  el.dataset.records = String(marks.length);
  if (LC.createSeriesMarkers && marks.length && marks.length < 800) LC.createSeriesMarkers(series.main, marks);
}

// Programmatic range changes are applied now and again on the next frames (the chart may
// still be laying out new series); the change events they cause are not user zooms.
let applying = 0;
let zoomTimer = null;
function applyRange() {
  const r = st.zoom || { from: base, to: d.asOf };
  const set = () => {
    try {
      chart.timeScale().setVisibleRange({ from: r.from, to: r.to });
    } catch (_) {
      chart.timeScale().fitContent();
    }
  };
  const token = ++applying;
  clearTimeout(zoomTimer);
  set();
  requestAnimationFrame(() => {
    set();
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (applying === token) applying = 0;
      }, 100),
    );
  });
}

function onZoom(r) {
  if (applying || !r) return;
  clearTimeout(zoomTimer);
  zoomTimer = setTimeout(() => {
    st.zoom = { from: String(r.from), to: String(r.to) };
    saveUrl();
  }, 250);
}

function onCrosshair(p) {
  if (!p?.time || !series.main) return showTip(null);
  const i = bars.dates.indexOf(String(p.time));
  showTip(i < 0 ? null : i);
}

function showTip(i) {
  if (i === null) i = bars.dates.length - 1;
  const c = bars.close[i];
  const chg = c / bars.close[bars.dates.indexOf(base)] - 1;
  const day = i > 0 ? c / bars.close[i - 1] - 1 : null;
  const f = MD.fmtPrice;
  tip.dataset.date = bars.dates[i];
  tip.innerHTML = `<b>${bars.dates[i]}</b> O ${f(bars.open ? bars.open[i] : null)} H ${f(bars.high ? bars.high[i] : null)} L ${f(bars.low ? bars.low[i] : null)} C <b>${f(c)}</b>${day === null ? '' : ` (${MD.pct(day)})`} · ${MD.pct(chg)} since ${base}${bars.volume ? ` · Vol ${MD.fmtVol(bars.volume[i])}` : ''}`;
}

function describe() {
  const n = bars.dates.length;
  const k0 = Math.max(0, bars.dates.indexOf(base));
  const c = bars.close;
  let hi = -Infinity;
  let lo = Infinity;
  for (let i = k0; i < n; i++) {
    hi = Math.max(hi, c[i]);
    lo = Math.min(lo, c[i]);
  }
  desc.textContent = `${d.symbol} daily closes from ${base} to ${bars.dates[n - 1]}: ${MD.fmtPrice(c[k0])} to ${MD.fmtPrice(c[n - 1])} (${MD.pct(c[n - 1] / c[k0] - 1)}); high ${MD.fmtPrice(hi)}, low ${MD.fmtPrice(lo)}. Source ${bars.source}, ${bars.adjustment} adjusted.`;
}

async function updateReturn() {
  const url = perfUrl(st.range, base);
  const a = document.querySelector('#range-return a.num');
  document.getElementById('range-label').textContent = st.range.toUpperCase();
  document.getElementById('range-base').textContent = base;
  try {
    const r = await MD.fetchJson(url);
    if (a) {
      a.href = url;
      a.dataset.api = url;
      const v = r.rows[0].return;
      a.textContent = MD.pct(v);
      a.className = `num${v > 0 ? ' pos' : v < 0 ? ' neg' : ''} big`;
    }
  } catch (_) {}
}

async function setRange(range) {
  clearTimeout(zoomTimer);
  st.range = range;
  st.zoom = null;
  base = rangeBase(range);
  for (const b of document.querySelectorAll('[data-seg=range] button')) b.setAttribute('aria-pressed', String(b.dataset.value === range));
  saveUrl();
  el.dataset.state = 'loading';
  await ensureBars(addDays(base, -320));
  vol = await MD.fetchJson(volUrl(range)).catch(() => null);
  draw();
  el.dataset.range = range;
  el.dataset.state = 'ready';
  updateReturn();
}

function wire() {
  for (const g of document.querySelectorAll('[data-seg]')) {
    g.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (!b) return;
      const k = g.dataset.seg;
      if (k === 'range') return void setRange(b.dataset.value);
      st[k] = b.dataset.value;
      for (const x of g.querySelectorAll('button')) x.setAttribute('aria-pressed', String(x === b));
      saveUrl();
      draw();
    });
  }
  document.getElementById('show-ma').addEventListener('change', (e) => {
    st.ma = e.target.checked;
    saveUrl();
    draw();
  });
  for (const b of document.querySelectorAll('#price-card [data-export]')) b.addEventListener('click', () => exportChart(b.dataset.export));
  document.addEventListener('md:theme', () => {
    chart.remove();
    makeChart();
    draw();
  });
}

function visible() {
  const r = chart.timeScale().getVisibleRange() || { from: base, to: d.asOf };
  const out = [];
  for (let i = 0; i < bars.dates.length; i++) if (bars.dates[i] >= String(r.from) && bars.dates[i] <= String(r.to)) out.push(i);
  return out;
}

function exportChart(kind) {
  const meta = { 'as of': d.asOf, source: `${bars.source} (${bars.adjustment} adjusted), MarketDash ${bars.url}`, symbol: d.symbol };
  const name = `${d.symbol}-${d.asOf}`;
  if (kind === 'csv') {
    const rows = visible().map((i) => [bars.dates[i], bars.open?.[i], bars.high?.[i], bars.low?.[i], bars.close[i], bars.volume?.[i]]);
    MD.download(`${name}.csv`, 'text/csv', MD.csv(meta, ['date', 'open', 'high', 'low', 'close', 'volume'], rows));
  } else if (kind === 'png') {
    const canvas = chart.takeScreenshot();
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height + 28;
    const g = out.getContext('2d');
    g.fillStyle = MD.css('--card');
    g.fillRect(0, 0, out.width, out.height);
    g.drawImage(canvas, 0, 0);
    g.fillStyle = MD.css('--fg');
    g.font = '12px sans-serif';
    g.fillText(`${d.symbol} · as of ${d.asOf} · source: ${meta.source}`, 8, canvas.height + 18);
    out.toBlob((blob) => MD.download(`${name}.png`, 'image/png', blob));
  } else {
    const idx = visible();
    MD.download(`${name}.svg`, 'image/svg+xml', MD.svgLines([{ name: d.symbol, points: idx.map((i) => [bars.dates[i], bars.close[i]]) }], { title: `${d.symbol} close`, ...meta }));
  }
}

MD.ready(() => {
  MD.fetchJson(d.sessions)
    .then(async (s) => {
      sessions = s.sessions;
      base = rangeBase(st.range);
      const [lv, rc] = await Promise.all([MD.fetchJson(d.levels).catch(() => null), MD.fetchJson(d.records).catch(() => null)]);
      levelDoc = lv;
      _recordDoc = rc;
      await ensureBars(addDays(base, -320));
      vol = await MD.fetchJson(volUrl(st.range)).catch(() => null);
      if (!bars.dates.length) return MD.setState(el, 'empty', 'no data for this range');
      makeChart();
      wire();
      draw();
      showTip(null);
      el.dataset.range = st.range;
      el.dataset.state = 'ready';
      window.MDCharts = window.MDCharts || {};
      window.MDCharts.price = chart;
    })
    .catch((e) => MD.setState(el, 'error', e.message));
});
