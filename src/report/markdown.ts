/** Markdown writer (GitHub-flavoured tables). Charts are referenced as SVG files written beside it. */
import { renderPara, indexFacts } from './render-text.ts';
import type { ArticleModel, Block, Fact, Para, TableBlock } from './types.ts';

export interface MarkdownOptions {
  /** Link target of a chart's SVG file; default `<slug>-<chart id>.svg`. */
  chartHref?: (chartId: string) => string;
}

export function chartFileName(article: ArticleModel, chartId: string): string {
  return `${article.slug}-${chartId.replace(/^chart-/, '')}.svg`;
}

export function toMarkdown(
  article: ArticleModel,
  facts: readonly Fact[],
  opts: MarkdownOptions = {},
): string {
  const idx = indexFacts(facts);
  const p = (x: Para) => renderPara(x, idx);
  const cell = (x: Para) => renderPara(x, idx, (s) => s.replace(/\|/g, '\\|')).replace(/\n/g, ' ');
  const href = opts.chartHref ?? ((id: string) => chartFileName(article, id));
  const out: string[] = [];
  const table = (b: TableBlock) => {
    out.push(`**${p(b.caption)}**`, '');
    out.push(`| ${b.columns.map((c) => cell(c.label)).join(' | ')} |`);
    out.push(`|${b.columns.map((c) => (c.numeric ? ' ---: ' : ' --- ')).join('|')}|`);
    for (const r of b.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
    out.push('');
  };
  const block = (b: Block) => {
    switch (b.kind) {
      case 'p':
        out.push(p(b.text), '');
        break;
      case 'note':
        out.push(`> ${p(b.text)}`, '');
        break;
      case 'table':
        table(b);
        break;
      case 'chart':
        out.push(`![${b.alt}](${href(b.id)})`, '', `*${b.title}*`, '');
        break;
    }
  };
  out.push(`*${article.kicker}*`, '');
  out.push(`# ${p(article.headline)}`, '');
  out.push(`*${p(article.dateline)}*`, '');
  for (const l of article.lede) out.push(p(l), '');
  for (const s of article.sections) {
    out.push(`## ${s.title}`, '');
    for (const b of s.blocks) block(b);
  }
  if (article.omitted.length > 0) {
    out.push('## Left out', '');
    for (const o of article.omitted) out.push(`- **${o.title}.** ${p(o.reason)}`);
    out.push('');
  }
  out.push('## Methods and sources', '');
  table(article.methods.sources);
  for (const n of article.methods.notes) out.push(p(n), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
