/** Human-readable report of a check: each claim with its verdict, stated vs computed, evidence; then the summary. */
import type { CheckResult, Verdict } from './types.ts';

const MARK: Record<Verdict, string> = {
  supported: 'OK ',
  contradicted: 'NO ',
  approximately: '~  ',
  unverifiable: '?  ',
};

function quote(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function renderCheckResult(r: CheckResult): string {
  const out: string[] = [];
  out.push(
    `as of: ${r.asOf ?? 'unknown (give --as-of)'}${r.asOf ? ` (${r.asOfSource}${r.dataAsOf && r.dataAsOf !== r.asOf ? `; data as of ${r.dataAsOf}` : ''})` : ''}   format: ${r.format}`,
  );
  out.push('');
  for (const c of r.claims) {
    const focus = r.text.slice(c.focus.start, c.focus.end);
    out.push(
      `${MARK[c.verdict]}#${c.id} ${c.verdict.toUpperCase()}  [${c.type}]  "${quote(focus, 80)}"${c.count > 1 ? `  (stated ${c.count} times on the page)` : ''}`,
    );
    out.push(`    in: "${quote(c.text)}"`);
    out.push(
      `    stated: ${c.stated.text}${c.stated.qualifier !== 'exact' ? ` (${c.stated.qualifier})` : ''}   computed: ${c.computed?.text ?? '—'}`,
    );
    if (c.tolerance) out.push(`    tolerance: ${c.tolerance.rule}`);
    out.push(`    ${c.reason}`);
    if (c.evidence.series.length > 0)
      out.push(
        `    series: ${c.evidence.series.map((s) => `${s.symbol} [${s.source}, ${s.basis}${s.proxy ? ', stand-in' : ''}] ${s.first}..${s.last}`).join('; ')}`,
      );
    if (c.evidence.formula) out.push(`    formula: ${c.evidence.formula}`);
    if (c.evidence.reading) out.push(`    reading: ${c.evidence.reading}`);
    if (c.evidence.binding) out.push(`    bound: ${c.evidence.binding}`);
    for (const n of c.evidence.notes.slice(0, 6)) out.push(`    note: ${n}`);
  }
  if (r.claims.length === 0) out.push('no checkable claims found');
  out.push('');
  const s = r.summary;
  out.push(
    `${s.total} claim(s): ${s.supported} supported, ${s.contradicted} contradicted, ${s.approximately} approximately, ${s.unverifiable} unverifiable`,
  );
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}
