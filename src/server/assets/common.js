// MarketDash client helpers: JSON fetching with loading/empty/error states, the session date
// picker (offers only dates with data; picking navigates, so URLs carry the state), selectors.
(() => {
  window.MD = window.MD || {};
  const MD = window.MD;

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  MD.esc = esc;

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
    if (state !== 'ready') el.innerHTML = `<div class="${state === 'loading' ? 'loading' : state === 'empty' ? 'empty' : 'error'}" role="status">${esc(msg || '')}</div>`;
  };

  MD.chart = (el) => {
    el.innerHTML = '';
    const c = window.echarts.init(el, null, { renderer: 'canvas' });
    window.addEventListener('resize', () => c.resize());
    return c;
  };

  MD.pct = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(d)}%`);

  MD.urlWith = (param, value) => {
    const u = new URL(window.location.href);
    if (value === null || value === undefined) u.searchParams.delete(param);
    else u.searchParams.set(param, value);
    return u.pathname + u.search + u.hash;
  };

  // ---- session date picker ----
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const DOW = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

  function initPicker(root) {
    const param = root.dataset.param;
    let value = root.dataset.value;
    const toggle = root.querySelector('.dp-toggle');
    const panel = root.querySelector('.dp-panel');
    const prev = root.querySelector('.dp-prev');
    const next = root.querySelector('.dp-next');
    let sessions = null;
    let set = null;
    let view = { y: Number(value.slice(0, 4)), m: Number(value.slice(5, 7)) - 1 };
    let loading = null;

    const load = () => {
      if (!loading) {
        loading = MD.fetchJson(root.dataset.sessions).then((d) => {
          sessions = d.sessions;
          set = new Set(sessions);
          steps();
          return sessions;
        });
      }
      return loading;
    };

    const idx = () => {
      let lo = 0;
      let hi = sessions.length - 1;
      let ans = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sessions[mid] <= value) {
          ans = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return ans;
    };

    function steps() {
      const i = idx();
      const link = (a, d) => {
        if (d) {
          a.href = MD.urlWith(param, d);
          a.dataset.date = d;
          a.removeAttribute('aria-disabled');
        } else {
          a.removeAttribute('href');
          a.setAttribute('aria-disabled', 'true');
        }
      };
      link(prev, i > 0 ? sessions[i - 1] : null);
      link(next, i >= 0 && i < sessions.length - 1 ? sessions[i + 1] : null);
    }

    function pick(d) {
      const ev = new CustomEvent('md:pick', { detail: { param, date: d }, bubbles: true, cancelable: true });
      close();
      if (root.dispatchEvent(ev)) window.location.assign(MD.urlWith(param, d));
      else setValue(d);
    }

    function setValue(d) {
      value = d;
      root.dataset.value = d;
      toggle.textContent = d;
      view = { y: Number(d.slice(0, 4)), m: Number(d.slice(5, 7)) - 1 };
      if (sessions) steps();
    }
    root.mdSetValue = setValue;

    function render() {
      const first = sessions[0];
      const last = sessions[sessions.length - 1];
      const y0 = Number(first.slice(0, 4));
      const y1 = Number(last.slice(0, 4));
      const pad = (n) => String(n).padStart(2, '0');
      const days = new Date(Date.UTC(view.y, view.m + 1, 0)).getUTCDate();
      const lead = (new Date(Date.UTC(view.y, view.m, 1)).getUTCDay() + 6) % 7;
      let grid = DOW.map((d) => `<span class="dow">${d}</span>`).join('');
      for (let i = 0; i < lead; i++) grid += '<span class="blank"></span>';
      let any = false;
      for (let d = 1; d <= days; d++) {
        const iso = `${view.y}-${pad(view.m + 1)}-${pad(d)}`;
        if (set.has(iso)) {
          any = true;
          grid += `<button type="button" class="dp-day${iso === value ? ' sel' : ''}" data-date="${iso}">${d}</button>`;
        } else grid += `<span class="dp-day off" aria-disabled="true">${d}</span>`;
      }
      const years = [];
      for (let y = y1; y >= y0; y--) years.push(`<option${y === view.y ? ' selected' : ''}>${y}</option>`);
      panel.innerHTML = `<div class="dp-head"><button type="button" class="dp-mprev" aria-label="previous month">‹</button>
<select class="dp-month" aria-label="month">${MONTHS.map((m, i) => `<option value="${i}"${i === view.m ? ' selected' : ''}>${m}</option>`).join('')}</select>
<select class="dp-year" aria-label="year">${years.join('')}</select>
<button type="button" class="dp-mnext" aria-label="next month">›</button></div>
<div class="dp-grid">${grid}</div>${any ? '' : '<div class="dp-none">no sessions in this month</div>'}
<div class="dp-foot">${sessions.length.toLocaleString('en-US')} sessions, ${first} → ${last}</div>`;
    }

    function open() {
      panel.hidden = false;
      toggle.setAttribute('aria-expanded', 'true');
      if (!sessions) panel.innerHTML = '<div class="loading">Loading sessions…</div>';
      load().then(render, (e) => {
        panel.innerHTML = `<div class="error">${esc(e.message)}</div>`;
      });
    }
    function close() {
      panel.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
    }

    toggle.addEventListener('click', () => (panel.hidden ? open() : close()));
    panel.addEventListener('click', (e) => {
      const t = e.target.closest('button');
      if (!t) return;
      if (t.classList.contains('dp-day')) pick(t.dataset.date);
      else if (t.classList.contains('dp-mprev') || t.classList.contains('dp-mnext')) {
        const m = view.m + (t.classList.contains('dp-mprev') ? -1 : 1);
        view = { y: view.y + Math.floor(m / 12), m: ((m % 12) + 12) % 12 };
        render();
      }
    });
    panel.addEventListener('change', (e) => {
      if (e.target.classList.contains('dp-month')) view.m = Number(e.target.value);
      if (e.target.classList.contains('dp-year')) view.y = Number(e.target.value);
      render();
    });
    for (const a of [prev, next]) {
      a.addEventListener('click', (e) => {
        e.preventDefault();
        if (a.dataset.date) pick(a.dataset.date);
      });
    }
    document.addEventListener('click', (e) => {
      if (!root.contains(e.target)) close();
    });
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close();
    });
    load().catch(() => {});
  }

  function initSelectors() {
    const pair = document.querySelector('form.pair-select');
    if (pair) {
      pair.addEventListener('change', () => {
        const a = pair.querySelector('[name=a]').value;
        const b = pair.querySelector('[name=b]').value;
        const u = new URL(window.location.href);
        window.location.assign(`/pair/${encodeURIComponent(a)}/${encodeURIComponent(b)}${u.search}`);
      });
    }
    const sym = document.querySelector('form.symbol-select');
    if (sym) {
      sym.addEventListener('change', () => {
        const s = sym.querySelector('[name=symbol]').value;
        const u = new URL(window.location.href);
        window.location.assign(`/instrument/${encodeURIComponent(s)}${u.search}`);
      });
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const el of document.querySelectorAll('.datepicker')) initPicker(el);
    initSelectors();
  });
})();
