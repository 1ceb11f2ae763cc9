// Watchlists: manage the lists (localStorage) and show each as a scoreboard from /api/perf.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const MD = window.MD;
    const d = MD.pageData();
    const sel = document.getElementById('wl-list');
    const boards = document.getElementById('wl-boards');
    const cell = (url, path, v) => `<td><a class="num${v > 0 ? ' pos' : v < 0 ? ' neg' : ''}" tabindex="-1" href="${url}" data-api="${url}" data-path="${path}" data-fmt="pct">${MD.pct(v)}</a></td>`;

    async function board(name, xs) {
      if (!xs.length) return `<section class="card"><h2>${MD.esc(name)}</h2><div class="empty">No symbols yet: add one above.</div></section>`;
      const q = (extra) => `/api/perf?${extra}&symbols=${xs.map(encodeURIComponent).join(',')}`;
      const urls = [q(`from=${d.asOf}&to=${d.asOf}`), q(`asOf=${d.asOf}&period=1w`), q(`asOf=${d.asOf}&period=ytd`)].map((u) => u.replace(/^\/api\/perf\?(.*)$/, (_, s) => `/api/perf?${s.split('&').sort().join('&')}`));
      const res = await Promise.all(urls.map((u) => MD.fetchJson(u).catch((e) => ({ error: e.message }))));
      const rows = xs
        .map((x, i) => {
          const tds = res.map((r, j) => (r.rows ? cell(urls[j], `rows.${i}.return`, r.rows[i].return) : `<td class="na" title="${MD.esc(r.error)}">—</td>`)).join('');
          return `<tr data-symbol="${MD.esc(x)}"><th scope="row"><a href="/instrument/${encodeURIComponent(x)}">${MD.esc(x)}</a></th>${tds}<td><button type="button" data-remove="${MD.esc(x)}" data-list="${MD.esc(name)}" aria-label="remove ${MD.esc(x)} from ${MD.esc(name)}">×</button></td></tr>`;
        })
        .join('');
      return `<section class="card" data-list="${MD.esc(name)}"><h2>${MD.esc(name)} <small><a href="/perf?symbols=${xs.slice(0, 10).map(encodeURIComponent).join(',')}">PerfChart</a></small></h2>
<table class="score"><thead><tr><th scope="col">Symbol</th><th scope="col">Last session</th><th scope="col">1 week</th><th scope="col">YTD</th><th scope="col"><span class="sr-only">remove</span></th></tr></thead><tbody>${rows}</tbody></table></section>`;
    }

    async function render() {
      const all = MD.watchlists.all();
      const cur = sel.value;
      sel.innerHTML = Object.keys(all)
        .map((n) => `<option${n === cur ? ' selected' : ''}>${MD.esc(n)}</option>`)
        .join('');
      boards.innerHTML = (await Promise.all(Object.entries(all).map(([n, xs]) => board(n, xs)))).join('');
      MD.wrapTables();
      boards.dataset.state = 'ready';
    }

    MD.combobox(document.getElementById('wl-add'), document.getElementById('wl-add-list'), (sym) => {
      const all = MD.watchlists.all();
      const name = sel.value || Object.keys(all)[0];
      if (!(all[name] || []).includes(sym)) MD.watchlists.toggle(name, sym);
      document.getElementById('wl-add').value = '';
      render();
    });
    document.getElementById('wl-create').addEventListener('click', () => {
      const n = document.getElementById('wl-new').value.trim();
      if (!n) return;
      const all = MD.watchlists.all();
      if (!all[n]) all[n] = [];
      MD.watchlists.save(all);
      render().then(() => {
        sel.value = n;
      });
    });
    boards.addEventListener('click', (e) => {
      const b = e.target.closest('[data-remove]');
      if (!b) return;
      MD.watchlists.toggle(b.dataset.list, b.dataset.remove);
      render();
    });
    render();
  });
})();
