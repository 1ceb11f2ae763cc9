// Export: CSV with the as-of date and source in the file; a line chart as standalone SVG; PNG.
const MD = window.MD;
const esc = MD.esc;

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
