// Symbol search (ticker and name, arrow keys, Enter opens), the pair selectors, keyboard shortcuts.
const MD = window.MD;
const esc = MD.esc;

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
  input.addEventListener('blur', () =>
    setTimeout(() => {
      items = [];
      show();
    }, 150),
  );
};

function initSelectors() {
  const pair = document.querySelector('form.pair-select');
  if (!pair) return;
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

MD.ready(() => {
  initSelectors();
  initSearch();
});
