// Instrument page: price with technical levels and record highs; rolling volatility; drawdown.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const MD = window.MD;
    const d = MD.pageData();
    const priceEl = document.getElementById('chart-price');
    const volEl = document.getElementById('chart-vol');
    const ddEl = document.getElementById('chart-dd');

    MD.fetchJson(d.bars).then(
      (bars) => {
        const dates = [];
        const close = [];
        bars.dates.forEach((x, i) => {
          if (bars.close[i] !== null) {
            dates.push(x);
            close.push(bars.close[i]);
          }
        });
        if (dates.length === 0) {
          MD.setState(priceEl, 'empty', 'no data for this range');
          MD.setState(ddEl, 'empty', 'no data for this range');
          return;
        }
        // New all-time closing highs (the first session is not a record).
        const records = [];
        let peak = close[0];
        for (let i = 1; i < close.length; i++) {
          if (close[i] > peak) {
            peak = close[i];
            records.push([dates[i], close[i]]);
          }
        }
        let from = d.from && d.from > dates[0] ? d.from : dates[0];
        let k0 = dates.findIndex((x) => x >= from);
        if (k0 < 0) k0 = 0;
        from = dates[k0];
        const price = MD.chart(priceEl);
        const opt = {
          animation: false,
          grid: { left: 64, right: 110, top: 30, bottom: 56 },
          tooltip: { trigger: 'axis' },
          legend: { data: ['close', 'record high'] },
          xAxis: { type: 'category', data: dates, boundaryGap: false },
          yAxis: { type: 'value', scale: true },
          dataZoom: [
            { type: 'inside', startValue: from, endValue: dates[dates.length - 1] },
            { type: 'slider', startValue: from, endValue: dates[dates.length - 1], height: 18, bottom: 6 },
          ],
          series: [
            { name: 'close', type: 'line', showSymbol: false, data: close },
            { name: 'record high', type: 'scatter', symbolSize: 5, itemStyle: { color: '#c62828' }, data: records },
          ],
        };
        price.setOption(opt);
        priceEl.dataset.state = 'ready';
        priceEl.dataset.records = String(records.length);
        MD.fetchJson(d.levels).then(
          (l) => {
            const line = (v, name, color, type) => (v === null || v === undefined ? null : { yAxis: v, name, lineStyle: { color, type }, label: { formatter: `${name} ${v.toFixed(2)}`, position: 'end' } });
            const marks = [
              line(l.range.high, 'range high', '#1565c0', 'solid'),
              line(l.range.low, 'range low', '#1565c0', 'solid'),
              line(l.measuredMoveTarget, 'target', '#6a1b9a', 'dotted'),
              line(l.sma50, 'SMA50', '#ef6c00', 'dashed'),
              line(l.sma200, 'SMA200', '#8d6e63', 'dashed'),
              ...l.resistances.map((x) => line(x.level, 'resistance', '#c62828', 'dashed')),
              ...l.supports.map((x) => line(x.level, 'support', '#2e7d32', 'dashed')),
            ].filter(Boolean);
            price.setOption({ series: [{ markLine: { symbol: 'none', silent: true, data: marks } }] });
            priceEl.dataset.levels = String(marks.length);
          },
          () => {},
        );
        // Drawdown from the running peak, over the volatility window (the API's drawdown window).
        const dd = [];
        let pk = close[k0];
        let worst = 0;
        for (let i = k0; i < close.length; i++) {
          if (close[i] > pk) pk = close[i];
          const v = close[i] / pk - 1;
          if (v < worst) worst = v;
          dd.push([dates[i], +(v * 100).toFixed(4)]);
        }
        const ddc = MD.chart(ddEl);
        ddc.setOption({
          animation: false,
          grid: { left: 56, right: 20, top: 20, bottom: 30 },
          tooltip: { trigger: 'axis', valueFormatter: (v) => `${v.toFixed(2)}%` },
          xAxis: { type: 'category', boundaryGap: false },
          yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
          series: [{ type: 'line', showSymbol: false, areaStyle: { color: 'rgba(198,40,40,0.2)' }, lineStyle: { color: '#c62828' }, data: dd }],
        });
        ddEl.dataset.state = 'ready';
        ddEl.dataset.maxDrawdown = String(worst);
      },
      (e) => {
        MD.setState(priceEl, 'error', e.message);
        MD.setState(ddEl, 'error', e.message);
      },
    );

    MD.fetchJson(d.volatility).then(
      (v) => {
        const rows = v.rolling.rows;
        if (rows.length === 0) return MD.setState(volEl, 'empty', 'no data for this range');
        const c = MD.chart(volEl);
        c.setOption({
          animation: false,
          grid: { left: 56, right: 20, top: 20, bottom: 30 },
          tooltip: { trigger: 'axis', valueFormatter: (x) => `${x.toFixed(1)}%` },
          xAxis: { type: 'category', boundaryGap: false },
          yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
          series: [
            {
              type: 'line',
              showSymbol: false,
              data: rows.map((r) => [r.date, +(r.annualised * 100).toFixed(4)]),
              markLine: { symbol: 'none', silent: true, label: { formatter: 'period' }, data: [{ yAxis: +(v.volatility.annualised * 100).toFixed(4) }] },
            },
          ],
        });
        volEl.dataset.state = 'ready';
        volEl.dataset.points = String(rows.length);
      },
      (e) => MD.setState(volEl, 'error', e.message),
    );
  });
})();
