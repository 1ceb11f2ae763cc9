// Page widgets: tables in scrolling regions with a CSV button, watchlists (this browser:
// localStorage) and the ☆ Watch button.
const MD = window.MD;

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
MD.wrapTables = wrapTables;

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

MD.ready(() => {
  wrapTables();
  MD.watchButton(document.getElementById('watch-toggle'));
});
