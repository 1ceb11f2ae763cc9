/** Format a table of rows as aligned plain text. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  const numeric = headers.map((_, i) => rows.every((r) => r[i] === null || typeof r[i] === 'number' || /^[-+]?[\d,.]+%?$/.test(String(r[i]))));
  return cells
    .map((r, ri) =>
      r.map((c, i) => (numeric[i] && ri > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd(),
    )
    .join('\n');
}
