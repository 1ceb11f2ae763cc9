// Factor page: cumulative growth of $1 (log scale) and the rolling N-session return.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const MD = window.MD;
    // echarts takes its colours at init: redraw in the other theme.
    document.addEventListener('md:theme', () => window.location.reload());
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
        const desc = document.getElementById('chart-cum-desc');
        if (desc) desc.textContent = `Growth of $1 in ${d.series} from ${dates[0]} to ${dates[dates.length - 1]}: ends at $${v[v.length - 1].toFixed(4)}; lowest $${Math.min(...v).toFixed(4)}, highest $${Math.max(...v).toFixed(4)}.`;
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
        const rd = document.getElementById('chart-roll-desc');
        const last = roll[roll.length - 1];
        if (rd) rd.textContent = `Rolling ${n}-session return of ${d.series}: ${last[1].toFixed(2)}% on ${last[0]}; range ${Math.min(...roll.map((x) => x[1])).toFixed(2)}% to ${Math.max(...roll.map((x) => x[1])).toFixed(2)}%.`;
        rollEl.dataset.points = String(roll.length);
      },
      (e) => {
        MD.setState(cumEl, 'error', e.message);
        MD.setState(rollEl, 'error', e.message);
      },
    );
  });
})();
