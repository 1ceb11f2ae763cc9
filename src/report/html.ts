/** HTML writer: one self-contained page, inline CSS, charts as inline SVG, readable without JavaScript. */
import { plain, renderPara, indexFacts } from './render-text.ts';
import type { ArticleModel, Block, Fact, Para, TableBlock } from './types.ts';

const escHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Escape, then turn `code spans` into <code>. */
const esc = (s: string) => escHtml(s).replace(/`([^`]*)`/g, '<code>$1</code>');

const CSS = `
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9d9; --up: #1f6f50; --down: #b23b3b; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 17px/1.55 Georgia, "Times New Roman", serif; }
article { max-width: 800px; margin: 0 auto; padding: 32px 20px 64px; }
.kicker { font: 600 13px/1.3 Helvetica, Arial, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: var(--up); margin: 0 0 8px; }
h1 { font-size: 34px; line-height: 1.15; margin: 0 0 10px; }
.dateline { font: 13px/1.4 Helvetica, Arial, sans-serif; color: var(--muted); margin: 0 0 20px; border-bottom: 1px solid var(--rule); padding-bottom: 14px; }
.lede p:first-child { font-size: 19px; }
h2 { font: 700 21px/1.25 Helvetica, Arial, sans-serif; margin: 36px 0 10px; padding-top: 12px; border-top: 2px solid var(--ink); }
p { margin: 0 0 14px; }
.note { font: 14px/1.5 Helvetica, Arial, sans-serif; color: var(--muted); border-left: 3px solid var(--rule); padding-left: 10px; }
figure { margin: 18px 0 22px; }
figcaption { font: 600 13px/1.4 Helvetica, Arial, sans-serif; margin-bottom: 6px; }
figure.chart figcaption { font-weight: 400; color: var(--muted); margin: 6px 0 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font: 14px/1.4 Helvetica, Arial, sans-serif; font-variant-numeric: tabular-nums; }
th { text-align: left; border-bottom: 1px solid var(--ink); padding: 4px 8px; font-weight: 600; }
td { border-bottom: 1px solid #eee; padding: 4px 8px; }
th.num, td.num { text-align: right; white-space: nowrap; }
.neg { color: var(--down); } .pos { color: var(--up); }
code { font: 12px/1.3 Menlo, Consolas, monospace; background: #f4f4f4; padding: 0 3px; }
footer.methods { margin-top: 40px; font: 14px/1.5 Helvetica, Arial, sans-serif; color: #333; }
footer.methods h2 { font-size: 17px; }
footer.methods td { vertical-align: top; }
ul.omitted { font: 15px/1.5 Helvetica, Arial, sans-serif; padding-left: 20px; }
`;

export function toHtml(article: ArticleModel, facts: readonly Fact[]): string {
  const idx = indexFacts(facts);
  const num = (s: string, id: string) => `<span class="n" data-fact="${escHtml(id)}">${s}</span>`;
  const p = (x: Para) => renderPara(x, idx, esc, num);
  const signClass = (x: Para) => {
    const r = x.find((i) => typeof i !== 'string');
    if (!r || typeof r === 'string' || !/^(pct|pct1|pts|bps)$/.test(r.s)) return '';
    const v = idx.get(r.f)?.value;
    return typeof v === 'number' ? (v > 0 ? ' pos' : v < 0 ? ' neg' : '') : '';
  };
  const table = (b: TableBlock) => {
    const head = b.columns
      .map((c) => `<th${c.numeric ? ' class="num"' : ''} scope="col">${p(c.label)}</th>`)
      .join('');
    const body = b.rows
      .map(
        (r) =>
          `<tr>${r
            .map((c, i) => `<td class="${b.columns[i]?.numeric ? 'num' : ''}${signClass(c)}">${p(c)}</td>`)
            .join('')
            .replace(/ class=""/g, '')}</tr>`,
      )
      .join('\n');
    return `<figure class="table" id="table-${b.id}"><figcaption>${p(b.caption)}</figcaption>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></figure>`;
  };
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'p':
        return `<p>${p(b.text)}</p>`;
      case 'note':
        return `<p class="note">${p(b.text)}</p>`;
      case 'table':
        return table(b);
      case 'chart':
        return `<figure class="chart" id="${b.id}">${b.svg.replace('<svg ', `<svg aria-label="${escHtml(b.alt)}" `)}<figcaption id="${b.id}-title">${escHtml(b.title)}</figcaption></figure>`;
    }
  };
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
  );
  out.push(
    `<title>${escHtml(plain(article.headline, idx))}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<article>',
  );
  out.push(
    '<header>',
    `<p class="kicker">${esc(article.kicker)}</p>`,
    `<h1 id="headline">${p(article.headline)}</h1>`,
    `<p class="dateline">${p(article.dateline)}</p>`,
    '</header>',
  );
  out.push('<div class="lede">', ...article.lede.map((l) => `<p>${p(l)}</p>`), '</div>');
  for (const s of article.sections) {
    out.push(`<section id="${s.id}">`, `<h2>${esc(s.title)}</h2>`, ...s.blocks.map(block), '</section>');
  }
  if (article.omitted.length > 0) {
    out.push(
      '<section id="omitted">',
      '<h2>Left out</h2>',
      '<ul class="omitted">',
      ...article.omitted.map((o) => `<li><strong>${esc(o.title)}.</strong> ${p(o.reason)}</li>`),
      '</ul>',
      '</section>',
    );
  }
  out.push(
    '<footer class="methods">',
    '<h2>Methods and sources</h2>',
    table(article.methods.sources),
    ...article.methods.notes.map((n) => `<p>${p(n)}</p>`),
    '</footer>',
  );
  out.push('</article>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
