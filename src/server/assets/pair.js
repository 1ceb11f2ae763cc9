// Pair page: relative strength with the streaks shaded, both prices rebased to a pinned session;
// two lightweight-charts charts whose time scales move together. Range and base live in the URL.
const MD = window.MD;
const { themedChart, lastOnOrBefore, rangeBase } = MD.lwc;
let d = null;
let rsEl = null;
let prEl = null;
let base = null;
let range = null;
let sessions = null;
let loadedFrom;
let data = null; // {dates, ca, cb}
let streak = null;
let charts = null;

/** Both close series from `from` (all of them when `from` is before the first session), on common sessions. */
async function load(from) {
  if (loadedFrom === null || (loadedFrom !== undefined && loadedFrom <= from)) return;
  const all = from <= sessions[0];
  const q = `${all ? '' : `from=${from}&`}to=${d.asOf}`;
  const [A, B] = await Promise.all([MD.fetchJson(`${d.bars[0]}?${q}`), MD.fetchJson(`${d.bars[1]}?${q}`)]);
  const mb = new Map();
  B.dates.forEach((x, i) => {
    if (B.close[i] !== null) mb.set(x, B.close[i]);
  });
  const dates = [];
  const ca = [];
  const cb = [];
  A.dates.forEach((x, i) => {
    const vb = mb.get(x);
    if (vb !== undefined && A.close[i] !== null) {
      dates.push(x);
      ca.push(A.close[i]);
      cb.push(vb);
    }
  });
  data = { dates, ca, cb, source: `${A.source} / ${B.source}` };
  loadedFrom = all ? null : from;
}

const at = (day) => Math.max(0, lastOnOrBefore(data.dates, day));
const rangeStart = (r) => rangeBase(sessions, d.asOf, r);

function build() {
  if (charts) {
    charts.rs.remove();
    charts.pr.remove();
  }
  const LC = window.LightweightCharts;
  const pal = MD.palette();
  const opts = { localization: { priceFormatter: (p) => p.toFixed(2) } };
  const rs = themedChart(rsEl, opts);
  const pr = themedChart(prEl, opts);
  const shade = rs.addSeries(LC.HistogramSeries, { priceScaleId: 'shade', priceLineVisible: false, lastValueVisible: false, base: 0 });
  rs.priceScale('shade').applyOptions({ scaleMargins: { top: 0, bottom: 0 }, visible: false });
  const rsLine = rs.addSeries(LC.LineSeries, { color: pal[0], lineWidth: 2, title: `${d.a}/${d.b}` });
  const la = pr.addSeries(LC.LineSeries, { color: pal[0], lineWidth: 2, title: d.a });
  const lb = pr.addSeries(LC.LineSeries, { color: pal[1], lineWidth: 2, title: d.b });
  // The two time scales move together (same sessions, so the same logical range).
  let syncing = false;
  const sync = (to) => (r) => {
    if (syncing || !r) return;
    syncing = true;
    to.timeScale().setVisibleLogicalRange(r);
    syncing = false;
  };
  rs.timeScale().subscribeVisibleLogicalRangeChange(sync(pr));
  pr.timeScale().subscribeVisibleLogicalRangeChange(sync(rs));
  pr.subscribeClick((p) => {
    if (p?.time) setBase(String(p.time));
  });
  charts = { rs, pr, shade, rsLine, la, lb };
}

/** Sessions inside a streak of at least d.shade sessions. */
function streakSessions(dates) {
  const inStreak = new Set();
  for (const s of streak.history) {
    if (s.length < d.shade) continue;
    for (let i = lastOnOrBefore(dates, s.start); i >= 0 && i < dates.length && dates[i] <= s.end; i++) inStreak.add(i);
  }
  return inStreak;
}

function draw() {
  const LC = window.LightweightCharts;
  const { dates, ca, cb } = data;
  const k = at(base);
  const green = MD.css('--pos');
  const inStreak = streakSessions(dates);
  charts.shade.setData(dates.map((t, i) => ({ time: t, value: 1, color: inStreak.has(i) ? `${green}30` : 'rgba(0,0,0,0)' })));
  const r = ca.map((x, i) => (100 * (x / cb[i])) / (ca[k] / cb[k]));
  const ra = ca.map((x) => (100 * x) / ca[k]);
  const rb = cb.map((x) => (100 * x) / cb[k]);
  charts.rsLine.setData(dates.map((t, i) => ({ time: t, value: r[i] })));
  charts.la.setData(dates.map((t, i) => ({ time: t, value: ra[i] })));
  charts.lb.setData(dates.map((t, i) => ({ time: t, value: rb[i] })));
  for (const s of [charts.la, charts.rsLine]) {
    if (s._baseLine) s.removePriceLine(s._baseLine);
    s._baseLine = s.createPriceLine({ price: 100, color: MD.css('--muted'), lineStyle: LC.LineStyle.Dashed, lineWidth: 1, title: `base ${dates[k]}`, axisLabelVisible: false });
  }
  describe(dates, k, r, ra, rb);
}

/** The charts' data attributes, titles and text descriptions. */
function describe(dates, k, r, ra, rb) {
  const shaded = streak.history.filter((s) => s.length >= d.shade).length;
  for (const el of [rsEl, prEl]) {
    el.dataset.base = dates[k];
    el.dataset.state = 'ready';
    el.dataset.range = range;
  }
  prEl.dataset.lastA = String(ra[ra.length - 1]);
  prEl.dataset.lastB = String(rb[rb.length - 1]);
  rsEl.dataset.last = String(r[r.length - 1]);
  rsEl.dataset.shaded = String(shaded);
  for (const t of document.querySelectorAll('.card h2')) t.textContent = t.textContent.replace(/100 at \d{4}-\d{2}-\d{2}/, `100 at ${dates[k]}`);
  document.getElementById('chart-prices-desc').textContent = `${d.a} and ${d.b} rebased to 100 at ${dates[k]}: ${d.a} ends at ${ra[ra.length - 1].toFixed(2)}, ${d.b} at ${rb[rb.length - 1].toFixed(2)} on ${dates[dates.length - 1]}.`;
  document.getElementById('chart-rs-desc').textContent = `Relative strength ${d.a}/${d.b} rebased to 100 at ${dates[k]} ends at ${r[r.length - 1].toFixed(2)}; ${shaded} streaks of ${d.shade}+ sessions shaded.`;
}

function show() {
  const from = rangeStart(range);
  const to = d.asOf;
  for (const c of [charts.rs, charts.pr]) {
    try {
      c.timeScale().setVisibleRange({ from, to });
    } catch (_) {
      c.timeScale().fitContent();
    }
  }
}

function setBase(day) {
  base = data.dates[at(day)];
  history.replaceState(null, '', MD.urlWith('base', base));
  const picker = document.getElementById('dp-base');
  if (picker?.mdSetValue) picker.mdSetValue(base);
  draw();
}

async function setRange(r) {
  range = r;
  for (const b of document.querySelectorAll('[data-seg=range] button')) b.setAttribute('aria-pressed', String(b.dataset.value === r));
  const u = new URL(window.location.href);
  u.searchParams.set('range', r);
  u.searchParams.delete('base');
  history.replaceState(null, '', u.pathname + u.search);
  base = rangeStart(r);
  const picker = document.getElementById('dp-base');
  if (picker?.mdSetValue) picker.mdSetValue(base);
  await load(base);
  draw();
  show();
}

function wire() {
  for (const b of document.querySelectorAll('[data-seg=range] button')) b.addEventListener('click', () => setRange(b.dataset.value));
  document.addEventListener('md:pick', async (ev) => {
    if (ev.detail.param !== 'base') return;
    ev.preventDefault();
    if (ev.detail.date < data.dates[0]) await load(ev.detail.date);
    setBase(ev.detail.date);
  });
  document.addEventListener('md:theme', () => {
    build();
    draw();
    show();
  });
}

async function start() {
  sessions = (await MD.fetchJson(d.sessions)).sessions;
  const first = base < rangeStart(range) ? base : rangeStart(range);
  const [, S] = await Promise.all([load(first), MD.fetchJson(d.streak)]);
  streak = S;
  if (data.dates.length < 2) {
    MD.setState(rsEl, 'empty', 'no data for this range');
    MD.setState(prEl, 'empty', 'no data for this range');
    return;
  }
  build();
  draw();
  show();
  window.MDCharts = window.MDCharts || {};
  window.MDCharts.pair = charts;
  wire();
}

MD.ready(() => {
  d = MD.pageData();
  rsEl = document.getElementById('chart-rs');
  prEl = document.getElementById('chart-prices');
  base = d.base;
  range = d.range;
  start().catch((e) => {
    MD.setState(rsEl, 'error', e.message);
    MD.setState(prEl, 'error', e.message);
  });
});
