// MarketDash client core (an ES module, like every dashboard script): JSON fetching with
// loading/empty/error states, formatting, URLs, the theme. The other shared pieces add themselves
// to window.MD: picker.js (session date picker), search.js (symbol search, pair selectors),
// export.js (CSV/SVG/PNG), widgets.js (tables, watchlists); lwc.js sets up lightweight-charts.
window.MD = window.MD || {};
const MD = window.MD;

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
MD.esc = (s) => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);

MD.pageData = () => {
  const el = document.getElementById('page-data');
  return el ? JSON.parse(el.textContent) : {};
};

const cache = new Map();
MD.fetchJson = (url) => {
  if (!cache.has(url)) {
    cache.set(
      url,
      fetch(url, { headers: { accept: 'application/json' } }).then(async (r) => {
        const body = await r.json().catch(() => null);
        if (!r.ok) throw new Error(body?.error?.message || `HTTP ${r.status}`);
        return body;
      }),
    );
  }
  return cache.get(url);
};

/** loading | empty | error | ready; for anything but ready, the message replaces the content. */
MD.setState = (el, state, msg) => {
  el.dataset.state = state;
  if (state !== 'ready') el.innerHTML = `<div class="${state === 'loading' ? 'loading' : state === 'empty' ? 'empty' : 'error'}" role="status">${MD.esc(msg || '')}</div>`;
};

MD.chart = (el) => {
  el.innerHTML = '';
  const c = window.echarts.init(el, MD.isDark() ? 'dark' : null, { renderer: 'canvas' });
  c.setOption({ backgroundColor: 'transparent', color: MD.palette() });
  window.addEventListener('resize', () => c.resize());
  return c;
};

MD.pct = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(d)}%`);
MD.fmtPrice = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
MD.fmtVol = (x) => (!Number.isFinite(x) ? '—' : x >= 1e9 ? `${(x / 1e9).toFixed(2)}B` : x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}K` : String(Math.round(x)));

MD.urlWith = (param, value) => {
  const u = new URL(window.location.href);
  if (value === null || value === undefined) u.searchParams.delete(param);
  else u.searchParams.set(param, value);
  return u.pathname + u.search + u.hash;
};

// ---- theme: prefers-color-scheme unless the toggle saved a choice ----
MD.isDark = () => {
  const t = document.documentElement.dataset.theme;
  return t ? t === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
};
MD.css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
/** Line colours of the theme (≥ 3:1 against the card background). */
MD.palette = () => Array.from({ length: 10 }, (_, i) => MD.css(`--c${i + 1}`));

function initTheme() {
  const btn = document.getElementById('theme-toggle');
  if (!btn) return;
  const label = () => btn.setAttribute('aria-label', MD.isDark() ? 'Switch to light theme' : 'Switch to dark theme');
  label();
  btn.addEventListener('click', () => {
    const next = MD.isDark() ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem('md-theme', next);
    } catch (_) {}
    label();
    document.dispatchEvent(new CustomEvent('md:theme', { detail: { theme: next } }));
  });
}

/** Run `fn` at DOMContentLoaded, in the order registered (the shared pieces before the page's script). */
MD.ready = (fn) => document.addEventListener('DOMContentLoaded', fn);
MD.ready(initTheme);
