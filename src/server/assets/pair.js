// Pair page: relative strength with streaks shaded; both prices rebased to a pinned session.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const MD = window.MD;
    const d = MD.pageData();
    const rsEl = document.getElementById('chart-rs');
    const prEl = document.getElementById('chart-prices');
    let base = d.base;

    Promise.all([MD.fetchJson(d.bars[0]), MD.fetchJson(d.bars[1]), MD.fetchJson(d.streak)]).then(
      ([A, B, S]) => {
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
        if (dates.length < 2) {
          MD.setState(rsEl, 'empty', 'no data for this range');
          MD.setState(prEl, 'empty', 'no data for this range');
          return;
        }
        const at = (day) => {
          let k = 0;
          while (k < dates.length - 1 && dates[k + 1] <= day) k++;
          return k;
        };
        const shaded = S.history
          .filter((s) => s.length >= d.shade)
          .map((s) => [{ xAxis: s.start, name: s.length >= 2 * d.shade ? `${s.length}` : '' }, { xAxis: s.end }]);
        const startValue = dates[Math.min(at(d.from), dates.length - 1)];
        const zoom = [
          { type: 'inside', startValue, endValue: dates[dates.length - 1] },
          { type: 'slider', startValue, endValue: dates[dates.length - 1], height: 18, bottom: 6 },
        ];
        const rs = MD.chart(rsEl);
        const pr = MD.chart(prEl);
        const common = {
          animation: false,
          grid: { left: 56, right: 24, top: 30, bottom: 56 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: dates, boundaryGap: false },
          yAxis: { type: 'value', scale: true },
          dataZoom: zoom,
        };
        rs.setOption({ ...common, legend: { data: [`${d.a}/${d.b}`] }, series: [{ name: `${d.a}/${d.b}`, type: 'line', showSymbol: false, data: [], markArea: { silent: true, itemStyle: { color: 'rgba(46,125,50,0.15)' }, data: shaded } }] });
        pr.setOption({ ...common, legend: { data: [d.a, d.b] }, series: [{ name: d.a, type: 'line', showSymbol: false, data: [] }, { name: d.b, type: 'line', showSymbol: false, data: [] }] });
        // Zooming one chart zooms the other; the base stays where it is.
        window.echarts.connect([rs, pr]);

        function draw() {
          const k = at(base);
          const r = ca.map((x, i) => +((100 * (x / cb[i])) / (ca[k] / cb[k])).toFixed(4));
          const ra = ca.map((x) => +((100 * x) / ca[k]).toFixed(4));
          const rb = cb.map((x) => +((100 * x) / cb[k]).toFixed(4));
          const mark = { symbol: 'none', silent: true, label: { formatter: `base ${dates[k]}` }, lineStyle: { type: 'dashed', color: '#555' }, data: [{ xAxis: dates[k] }] };
          rs.setOption({ series: [{ data: r, markLine: mark }] });
          pr.setOption({ series: [{ data: ra, markLine: mark }, { data: rb }] });
          for (const el of [rsEl, prEl]) {
            el.dataset.base = dates[k];
            el.dataset.state = 'ready';
          }
          prEl.dataset.lastA = String(ra[ra.length - 1]);
          prEl.dataset.lastB = String(rb[rb.length - 1]);
          rsEl.dataset.last = String(r[r.length - 1]);
          rsEl.dataset.shaded = String(shaded.length);
          for (const t of document.querySelectorAll('.card h2')) t.textContent = t.textContent.replace(/100 at \d{4}-\d{2}-\d{2}/, `100 at ${dates[k]}`);
        }

        function setBase(day) {
          base = dates[at(day)];
          history.replaceState(null, '', MD.urlWith('base', base));
          const picker = document.getElementById('dp-base');
          if (picker?.mdSetValue) picker.mdSetValue(base);
          draw();
        }

        draw();
        pr.getZr().on('click', (ev) => {
          const p = pr.convertFromPixel({ seriesIndex: 0 }, [ev.offsetX, ev.offsetY]);
          if (!p) return;
          const i = Math.round(p[0]);
          if (i >= 0 && i < dates.length) setBase(dates[i]);
        });
        document.addEventListener('md:pick', (ev) => {
          if (ev.detail.param !== 'base') return;
          ev.preventDefault();
          setBase(ev.detail.date);
        });
      },
      (e) => {
        MD.setState(rsEl, 'error', e.message);
        MD.setState(prEl, 'error', e.message);
      },
    );
  });
})();
