// PerfChart: each symbol's closes rebased to 0% at its base session (the API's), overlaid.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const MD = window.MD;
    const LC = window.LightweightCharts;
    const d = MD.pageData();
    const el = document.getElementById('chart-perf');
    const tip = document.getElementById('chart-perf-tip');
    const form = document.getElementById('perf-form');
    const hidden = document.getElementById('perf-symbols');
    const symbols = () => hidden.value.split(',').filter(Boolean);
    const setSymbols = (xs) => {
      hidden.value = xs.slice(0, 10).join(',');
      form.submit();
    };
    form.addEventListener('click', (e) => {
      const b = e.target.closest('[data-remove]');
      if (b) setSymbols(symbols().filter((x) => x !== b.dataset.remove));
    });
    const add = document.getElementById('perf-add');
    MD.combobox(add, document.getElementById('perf-add-list'), (sym) => {
      if (!symbols().includes(sym)) setSymbols([...symbols(), sym]);
    });
    const wl = document.getElementById('perf-watchlist');
    for (const [name, xs] of Object.entries(MD.watchlists.all())) if (xs.length) wl.insertAdjacentHTML('beforeend', `<option value="${MD.esc(xs.join(','))}">${MD.esc(name)} (${xs.length})</option>`);
    wl.addEventListener('change', () => wl.value && setSymbols(wl.value.split(',')));
    const fromInput = document.getElementById('perf-from');
    fromInput.addEventListener('change', () => {
      if (!fromInput.value) return;
      const u = new URL(window.location.href);
      u.searchParams.set('from', fromInput.value);
      window.location.assign(u.pathname + u.search);
    });

    if (!d.rows.length) return MD.setState(el, 'empty', 'no data for these symbols');
    Promise.all(d.rows.map((r) => MD.fetchJson(r.bars)))
      .then((all) => {
        el.innerHTML = '';
        const pal = MD.palette();
        const chart = MD.lwc.themedChart(el);
        const fmt = { type: 'custom', minMove: 0.01, formatter: (p) => `${p >= 0 ? '+' : ''}${p.toFixed(2)}%` };
        const lines = all.map((b, j) => {
          const pts = [];
          const c0 = b.close[0];
          b.dates.forEach((t, i) => {
            if (b.close[i] !== null) pts.push({ time: t, value: (100 * b.close[i]) / c0 - 100 });
          });
          const s = chart.addSeries(LC.LineSeries, { color: pal[j % pal.length], lineWidth: 2, title: d.rows[j].symbol, priceFormat: fmt });
          s.setData(pts);
          return { symbol: d.rows[j].symbol, pts, s, source: b.source };
        });
        chart.timeScale().fitContent();
        el.dataset.last = JSON.stringify(Object.fromEntries(lines.map((l) => [l.symbol, l.pts[l.pts.length - 1].value])));
        el.dataset.symbols = String(lines.length);
        const legend = (t) =>
          lines
            .map((l, j) => {
              const p = t ? l.pts.find((x) => x.time === t) : l.pts[l.pts.length - 1];
              return `<span style="color:${pal[j % pal.length]}">■</span> ${MD.esc(l.symbol)} ${p ? fmt.formatter(p.value) : '—'}`;
            })
            .join(' · ');
        tip.innerHTML = legend(null);
        chart.subscribeCrosshairMove((p) => {
          tip.innerHTML = `${p?.time ? `<b>${p.time}</b> ` : ''}${legend(p?.time ? String(p.time) : null)}`;
        });
        document.getElementById('chart-perf-desc').textContent = `Change since the base close of each symbol to ${d.asOf}: ${lines.map((l) => `${l.symbol} ${fmt.formatter(l.pts[l.pts.length - 1].value)}`).join(', ')}.`;
        const meta = { 'as of': d.asOf, source: `MarketDash ${d.perf}; bars ${lines.map((l) => `${l.symbol}: ${l.source}`).join(', ')}` };
        for (const b of document.querySelectorAll('[data-export]')) {
          b.addEventListener('click', () => {
            const name = `perfchart-${d.asOf}`;
            if (b.dataset.export === 'csv') {
              const dates = [...new Set(lines.flatMap((l) => l.pts.map((p) => p.time)))].sort();
              const maps = lines.map((l) => new Map(l.pts.map((p) => [p.time, p.value])));
              MD.download(`${name}.csv`, 'text/csv', MD.csv(meta, ['date', ...lines.map((l) => `${l.symbol} % since base`)], dates.map((t) => [t, ...maps.map((m) => (m.has(t) ? m.get(t).toFixed(4) : ''))])));
            } else if (b.dataset.export === 'png') chart.takeScreenshot().toBlob((blob) => MD.download(`${name}.png`, 'image/png', blob));
            else MD.download(`${name}.svg`, 'image/svg+xml', MD.svgLines(lines.map((l) => ({ name: l.symbol, points: l.pts.map((p) => [p.time, p.value]) })), { title: 'Change since the base, %', ...meta }));
          });
        }
        el.dataset.state = 'ready';
        document.addEventListener('md:theme', () => window.location.reload());
      })
      .catch((e) => MD.setState(el, 'error', e.message));
  });
})();
