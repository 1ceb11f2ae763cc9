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
    const c = window.echarts.init(el, MD.isDark() ? 'dark' : null, { renderer: 'canvas' });
    c.setOption({ backgroundColor: 'transparent', color: MD.palette() });
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

    // Keep the panel inside the viewport (phones: CSS centres it; wide screens: shift it back in).
    function clamp() {
      panel.style.marginLeft = '';
      const r = panel.getBoundingClientRect();
      if (getComputedStyle(panel).position === 'fixed') return;
      if (r.left < 8) panel.style.marginLeft = `${8 - r.left}px`;
      else if (r.right > window.innerWidth - 8) panel.style.marginLeft = `${window.innerWidth - 8 - r.right}px`;
    }

    function open() {
      panel.hidden = false;
      toggle.setAttribute('aria-expanded', 'true');
      if (!sessions) panel.innerHTML = '<div class="loading">Loading sessions…</div>';
      clamp();
      load().then(
        () => {
          render();
          clamp();
        },
        (e) => {
          panel.innerHTML = `<div class="error">${esc(e.message)}</div>`;
        },
      );
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
      const go = () => {
        const a = pair.querySelector('[name=a]').value.trim().toUpperCase();
        const b = pair.querySelector('[name=b]').value.trim().toUpperCase();
        const u = new URL(window.location.href);
        window.location.assign(`/pair/${encodeURIComponent(a)}/${encodeURIComponent(b)}${u.search}`);
      };
      for (const name of ['a', 'b']) {
        const input = pair.querySelector(`[name=${name}]`);
        const list = document.getElementById(`pair-${name}-list`);
        if (input && list)
          MD.combobox(input, list, (sym) => {
            input.value = sym;
            go();
          });
      }
      pair.addEventListener('submit', (e) => {
        e.preventDefault();
        go();
      });
    }
  }

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

  // ---- symbol search: ticker and name, arrow keys, Enter opens ----
  let symbolsP = null;
  MD.symbols = () => {
    symbolsP ??= MD.fetchJson('/api/symbols').then((d) => d.symbols);
    return symbolsP;
  };
  MD.matchSymbols = (list, q, n = 10) => {
    const s = q.trim().toLowerCase();
    if (!s) return [];
    const score = (x) => {
      const t = x.symbol.toLowerCase();
      const nm = (x.name || '').toLowerCase();
      if (t === s) return 0;
      if (t.startsWith(s)) return 1;
      if (nm.startsWith(s)) return 2;
      if (nm.split(/[\s.,&-]+/).some((w) => w.startsWith(s))) return 3;
      if (t.includes(s) || nm.includes(s)) return 4;
      return 9;
    };
    return list
      .map((x) => [score(x), x])
      .filter(([k]) => k < 9)
      .sort((a, b) => a[0] - b[0] || a[1].symbol.length - b[1].symbol.length || (a[1].symbol < b[1].symbol ? -1 : 1))
      .slice(0, n)
      .map(([, x]) => x);
  };
  /** Wire a combobox input + listbox; onPick(symbol) on Enter or click. */
  MD.combobox = (input, list, onPick) => {
    let items = [];
    let active = -1;
    const show = () => {
      list.innerHTML = items
        .map((x, i) => `<li role="option" id="${list.id}-${i}" data-symbol="${esc(x.symbol)}" aria-selected="${i === active}"><b>${esc(x.symbol)}</b><span>${esc(x.name || '')}</span></li>`)
        .join('');
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', String(items.length > 0));
      if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
      else input.removeAttribute('aria-activedescendant');
    };
    input.addEventListener('input', async () => {
      const all = await MD.symbols().catch(() => []);
      items = MD.matchSymbols(all, input.value);
      active = items.length ? 0 : -1;
      show();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!items.length) return;
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
        show();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        const x = items[active] || (input.value.trim() ? { symbol: input.value.trim().toUpperCase() } : null);
        if (x) onPick(x.symbol);
      } else if (e.key === 'Escape') {
        items = [];
        show();
      }
    });
    list.addEventListener('mousedown', (e) => {
      const li = e.target.closest('li');
      if (li) {
        e.preventDefault();
        onPick(li.dataset.symbol);
      }
    });
    input.addEventListener('blur', () => setTimeout(() => {
      items = [];
      show();
    }, 150));
  };

  // ---- watchlists (this browser: localStorage) ----
  MD.watchlists = {
    all() {
      try {
        const v = JSON.parse(localStorage.getItem('md-watchlists') || 'null');
        if (v && typeof v === 'object') return v;
      } catch (_) {}
      return { Main: [] };
    },
    save(v) {
      localStorage.setItem('md-watchlists', JSON.stringify(v));
      document.dispatchEvent(new CustomEvent('md:watchlists'));
    },
    toggle(list, symbol) {
      const v = this.all();
      const l = v[list] || [];
      v[list] = l.includes(symbol) ? l.filter((x) => x !== symbol) : [...l, symbol];
      this.save(v);
      return v[list].includes(symbol);
    },
  };

  // ---- export: CSV with the as-of date and source in the file; PNG of a canvas chart ----
  MD.download = (name, type, content) => {
    const blob = content instanceof Blob ? content : new Blob([content], { type });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  };
  const csvCell = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n#]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  /** CSV text: comment lines (# as of, # source) then a header and rows. */
  MD.csv = (meta, header, rows) =>
    `${Object.entries(meta)
      .map(([k, v]) => `# ${k}: ${v}`)
      .join('\n')}\n${header.map(csvCell).join(',')}\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
  /** The rows of an HTML table as CSV (text of each cell). */
  MD.tableCsv = (table, meta) => {
    const cells = (tr) => [...tr.children].map((c) => c.innerText.replace(/\s+/g, ' ').trim());
    const head = table.tHead ? cells(table.tHead.rows[0]) : [];
    const rows = [...table.tBodies].flatMap((b) => [...b.rows].map(cells));
    return MD.csv(meta, head, rows);
  };
  MD.fmtPrice = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  MD.fmtVol = (x) => (!Number.isFinite(x) ? '—' : x >= 1e9 ? `${(x / 1e9).toFixed(2)}B` : x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}K` : String(Math.round(x)));

  /** A line chart as standalone SVG (for export): series of [date, value], the meta lines in the file. */
  MD.svgLines = (list, meta) => {
    const W = 960;
    const H = 480;
    const L = 64;
    const R = 16;
    const T = 36;
    const B = 56;
    const all = list.flatMap((s) => s.points);
    const dates = [...new Set(all.map((p) => p[0]))].sort();
    const xi = new Map(dates.map((t, i) => [t, i]));
    const vs = all.map((p) => p[1]).filter(Number.isFinite);
    const lo = Math.min(...vs);
    const hi = Math.max(...vs);
    const x = (t) => L + ((W - L - R) * xi.get(t)) / Math.max(1, dates.length - 1);
    const y = (v) => T + ((H - T - B) * (hi - v)) / (hi - lo || 1);
    const pal = MD.palette();
    const fg = MD.css('--fg') || '#1d2330';
    const bg = MD.css('--card') || '#fff';
    const ticks = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
    const lines = list
      .map((s, i) => `<path fill="none" stroke="${pal[i % pal.length]}" stroke-width="1.5" d="${s.points.map((p, j) => `${j ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('')}"><title>${esc(s.name)}</title></path>`)
      .join('');
    const legend = list.map((s, i) => `<text x="${L + i * 90}" y="22" fill="${pal[i % pal.length]}" font-size="12">${esc(s.name)}</text>`).join('');
    const foot = Object.entries(meta)
      .filter(([k]) => k !== 'title')
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · ');
    return `<?xml version="1.0" encoding="utf-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<title>${esc(meta.title || 'chart')}</title><desc>${esc(foot)}</desc>
<rect width="100%" height="100%" fill="${bg}"/>
${ticks.map((v) => `<text x="${L - 6}" y="${y(v).toFixed(1)}" text-anchor="end" font-size="11" fill="${fg}">${v.toFixed(2)}</text><line x1="${L}" x2="${W - R}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${fg}" stroke-opacity=".15"/>`).join('')}
<text x="${L}" y="${H - B + 16}" font-size="11" fill="${fg}">${esc(dates[0] || '')}</text><text x="${W - R}" y="${H - B + 16}" text-anchor="end" font-size="11" fill="${fg}">${esc(dates[dates.length - 1] || '')}</text>
${legend}${lines}
<text x="${L}" y="${H - 12}" font-size="11" fill="${fg}">${esc(foot)}</text>
</svg>
`;
  };

  /** An SVG string as a PNG blob, with a caption line (as-of and source) under it. */
  MD.svgToPng = (svg, w, h, caption) =>
    new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => {
        const c = document.createElement('canvas');
        c.width = w;
        c.height = h + 24;
        const g = c.getContext('2d');
        g.fillStyle = MD.css('--card') || '#fff';
        g.fillRect(0, 0, c.width, c.height);
        g.drawImage(img, 0, 0, w, h);
        g.fillStyle = MD.css('--fg') || '#000';
        g.font = '12px sans-serif';
        g.fillText(caption, 8, h + 16);
        c.toBlob(resolve);
      };
      img.onerror = reject;
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    });

  /** A ☆ Watch button: adds or removes its symbol from the first watchlist of this browser. */
  MD.watchButton = (btn) => {
    if (!btn) return;
    const sym = btn.dataset.symbol;
    const list = () => Object.keys(MD.watchlists.all())[0] || 'Main';
    const show = () => {
      const on = (MD.watchlists.all()[list()] || []).includes(sym);
      btn.setAttribute('aria-pressed', String(on));
      btn.textContent = on ? '★ Watching' : '☆ Watch';
    };
    btn.addEventListener('click', () => {
      MD.watchlists.toggle(list(), sym);
      show();
    });
    show();
  };

  function wrapTables() {
    for (const t of document.querySelectorAll('main table')) {
      if (t.parentElement.classList.contains('table-scroll')) continue;
      const w = document.createElement('div');
      w.className = 'table-scroll';
      w.tabIndex = 0;
      w.setAttribute('role', 'region');
      const h = t.closest('section')?.querySelector('h2, h3');
      w.setAttribute('aria-label', t.getAttribute('aria-label') || (h ? h.textContent.trim() : 'table'));
      t.parentElement.insertBefore(w, t);
      w.appendChild(t);
      if (t.tHead && !t.closest('#check-output')) addTableCsv(t, w);
    }
  }

  /** A CSV button over a table: its cells, with the page's as-of date and the page as the source. */
  function addTableCsv(t, w) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'table-csv';
    const name = (w.getAttribute('aria-label') || 'table').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'table';
    b.textContent = 'CSV';
    b.setAttribute('aria-label', `Download ${w.getAttribute('aria-label') || 'this table'} as CSV`);
    b.addEventListener('click', () => {
      const asOf = MD.pageData().asOf || document.querySelector('.dp-toggle')?.textContent || '';
      const meta = { 'as of': asOf, source: `MarketDash ${window.location.pathname}${window.location.search} (each number links to its API result)` };
      MD.download(`${name}${asOf ? `-${asOf}` : ''}.csv`, 'text/csv', MD.tableCsv(t, meta));
    });
    w.parentElement.insertBefore(b, w);
  }
  MD.wrapTables = wrapTables;

  function initSearch() {
    const input = document.getElementById('symbol-search');
    const list = document.getElementById('search-results');
    if (!input || !list) return;
    MD.combobox(input, list, (sym) => window.location.assign(`/instrument/${encodeURIComponent(sym)}`));
    document.addEventListener('keydown', (e) => {
      const t = e.target;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        input.focus();
      } else if (e.key === 't') document.getElementById('theme-toggle')?.click();
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const el of document.querySelectorAll('.datepicker')) initPicker(el);
    initSelectors();
    initTheme();
    initSearch();
    wrapTables();
    MD.watchButton(document.getElementById('watch-toggle'));
  });
})();
