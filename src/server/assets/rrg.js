// Relative rotation graph: echarts (SVG renderer, so the export is the chart itself), quadrants shaded.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const MD = window.MD;
    // echarts takes its colours at init: redraw in the other theme.
    document.addEventListener('md:theme', () => window.location.reload());
    const d = MD.pageData();
    const el = document.getElementById('chart-rrg');
    MD.fetchJson(d.rrg)
      .then((r) => {
        const members = r.members.filter((m) => m.tail.length);
        if (!members.length) return MD.setState(el, 'empty', 'no data for this range');
        el.innerHTML = '';
        const pal = MD.palette();
        const fg = MD.css('--fg');
        const line = MD.css('--line');
        const all = members.flatMap((m) => m.tail);
        const span = (k) => Math.max(2, ...all.map((p) => Math.abs(p[k] - 100))) * 1.1;
        const sx = span('rsRatio');
        const sy = span('rsMomentum');
        const chart = window.echarts.init(el, null, { renderer: 'svg' });
        window.addEventListener('resize', () => chart.resize());
        const q = (x0, y0, x1, y1, color, name) => [{ coord: [x0, y0], itemStyle: { color }, name, label: { color: fg } }, { coord: [x1, y1] }];
        chart.setOption({
          animation: false,
          textStyle: { color: fg },
          grid: { left: 56, right: 24, top: 24, bottom: 48 },
          tooltip: { trigger: 'item', formatter: (p) => `${MD.esc(p.seriesName)} ${p.value[2]}<br>RS-Ratio ${p.value[0].toFixed(2)} · RS-Momentum ${p.value[1].toFixed(2)}` },
          xAxis: { type: 'value', name: 'RS-Ratio', nameLocation: 'middle', nameGap: 28, min: +(100 - sx).toFixed(1), max: +(100 + sx).toFixed(1), axisLabel: { color: fg }, splitLine: { lineStyle: { color: line } } },
          yAxis: { type: 'value', name: 'RS-Momentum', nameLocation: 'middle', nameGap: 40, min: +(100 - sy).toFixed(1), max: +(100 + sy).toFixed(1), axisLabel: { color: fg }, splitLine: { lineStyle: { color: line } } },
          series: members.map((m, i) => ({
            name: m.symbol,
            type: 'line',
            symbolSize: (_v, p) => (p.dataIndex === m.tail.length - 1 ? 10 : 4),
            lineStyle: { color: pal[i % pal.length], width: 1.5 },
            itemStyle: { color: pal[i % pal.length] },
            label: { show: true, formatter: (p) => (p.dataIndex === m.tail.length - 1 ? m.symbol : ''), position: 'right', color: fg },
            data: m.tail.map((p) => [p.rsRatio, p.rsMomentum, p.date]),
            ...(i === 0
              ? {
                  markArea: {
                    silent: true,
                    label: { position: 'insideTopLeft', fontWeight: 'bold' },
                    data: [
                      q(100, 100, 100 + sx, 100 + sy, 'rgba(46,160,67,0.10)', 'Leading'),
                      q(100, 100 - sy, 100 + sx, 100, 'rgba(210,153,34,0.12)', 'Weakening'),
                      q(100 - sx, 100 - sy, 100, 100, 'rgba(218,54,51,0.10)', 'Lagging'),
                      q(100 - sx, 100, 100, 100 + sy, 'rgba(56,139,253,0.10)', 'Improving'),
                    ],
                  },
                }
              : {}),
          })),
        });
        el.dataset.state = 'ready';
        el.dataset.members = String(members.length);
        document.getElementById('chart-rrg-desc').textContent = `As of ${r.asOf}: ${members.map((m) => `${m.symbol} ${m.quadrant}`).join(', ')}.`;
        const meta = { 'as of': r.asOf, source: `MarketDash ${d.rrg}`, method: r.method };
        for (const b of document.querySelectorAll('[data-export]')) {
          b.addEventListener('click', () => {
            const name = `rrg-${r.asOf}`;
            if (b.dataset.export === 'csv') {
              MD.download(`${name}.csv`, 'text/csv', MD.csv(meta, ['symbol', 'date', 'rs_ratio', 'rs_momentum'], members.flatMap((m) => m.tail.map((p) => [m.symbol, p.date, p.rsRatio.toFixed(4), p.rsMomentum.toFixed(4)]))));
              return;
            }
            const svg = chart.renderToSVGString().replace('</svg>', `<desc>${MD.esc(Object.entries(meta).map(([k, v]) => `${k}: ${v}`).join(' · '))}</desc></svg>`);
            if (b.dataset.export === 'svg') return MD.download(`${name}.svg`, 'image/svg+xml', svg);
            MD.svgToPng(svg, el.clientWidth, el.clientHeight, `as of ${r.asOf} · source: ${meta.source}`).then((blob) => MD.download(`${name}.png`, 'image/png', blob));
          });
        }
      })
      .catch((e) => MD.setState(el, 'error', e.message));
  });
})();
