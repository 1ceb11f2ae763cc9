// Factor page: cumulative growth of $1 (log scale) and the rolling N-session return.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const MD = window.MD;
    const d = MD.pageData();
    const cumEl = document.getElementById('chart-cum');
    const rollEl = document.getElementById('chart-roll');
    MD.fetchJson(d.bars).then(
      (bars) => {
        const dates = [];
        const v = [];
        bars.dates.forEach((x, i) => {
          if (bars.close[i] !== null) {
            dates.push(x);
            v.push(bars.close[i]);
          }
        });
        if (dates.length < 2) {
          MD.setState(cumEl, 'empty', 'no data for this range');
          MD.setState(rollEl, 'empty', 'no data for this range');
          return;
        }
        const cum = MD.chart(cumEl);
        cum.setOption({
          animation: false,
          grid: { left: 56, right: 20, top: 20, bottom: 56 },
          tooltip: { trigger: 'axis', valueFormatter: (x) => `$${x.toFixed(4)}` },
          xAxis: { type: 'category', data: dates, boundaryGap: false },
          yAxis: { type: 'log', scale: true },
          dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 6 }],
          series: [{ name: 'growth of $1', type: 'line', showSymbol: false, sampling: 'lttb', data: v }],
        });
        cumEl.dataset.state = 'ready';
        cumEl.dataset.last = String(v[v.length - 1]);
        const n = d.rolling;
        const roll = [];
        for (let i = n; i < v.length; i++) roll.push([dates[i], +((v[i] / v[i - n] - 1) * 100).toFixed(4)]);
        if (roll.length === 0) return MD.setState(rollEl, 'empty', 'no data for this range');
        const rc = MD.chart(rollEl);
        rc.setOption({
          animation: false,
          grid: { left: 56, right: 20, top: 20, bottom: 56 },
          tooltip: { trigger: 'axis', valueFormatter: (x) => `${x.toFixed(2)}%` },
          xAxis: { type: 'category', boundaryGap: false },
          yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
          dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 6 }],
          series: [{ type: 'line', showSymbol: false, sampling: 'lttb', areaStyle: { opacity: 0.15 }, data: roll }],
        });
        rollEl.dataset.state = 'ready';
        rollEl.dataset.points = String(roll.length);
      },
      (e) => {
        MD.setState(cumEl, 'error', e.message);
        MD.setState(rollEl, 'error', e.message);
      },
    );
  });
})();
