/**
 * Text normalisation: plain text, Markdown or HTML → one plain text that every later step (and every
 * span) refers to.
 * - HTML: <script>, <style>, <noscript>, <template>, <svg>, <head>, <iframe>, <object> and comments are
 *   dropped with their content; block elements end a line (paragraphs and headings a paragraph);
 *   table rows become pipe rows `| a | b |`; entities are decoded (named, decimal, hex); runs of
 *   whitespace inside text collapse to one space. A single linear scan: no regex sees a whole tag soup.
 * - Markdown: links and images keep their text, emphasis markers, heading and quote markers are
 *   removed; pipe tables are kept as they are.
 * - All formats: CRLF → LF, no-break spaces → spaces, zero-width characters and soft hyphens removed.
 */
import { MAX_LINE_CHARS } from './limits.ts';

export type InputFormat = 'text' | 'markdown' | 'html';

const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'head',
  'iframe',
  'object',
  'canvas',
  'math',
  'select',
  'button',
  'nav',
  'form',
]);
const PARAGRAPH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'table',
  'ul',
  'ol',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
  'pre',
  'main',
  'aside',
  'dl',
]);
const LINE = new Set(['br', 'div', 'li', 'caption', 'hr', 'dt', 'dd', 'title']);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  minus: '−',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  hellip: '…',
  plusmn: '±',
  times: '×',
  euro: '€',
  pound: '£',
  cent: '¢',
  yen: '¥',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  middot: '·',
  bull: '•',
  laquo: '«',
  raquo: '»',
  thinsp: ' ',
  ensp: ' ',
  emsp: ' ',
  shy: '',
  zwj: '',
  zwnj: '',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  percnt: '%',
  dollar: '$',
  comma: ',',
  period: '.',
  colon: ':',
  sol: '/',
  lpar: '(',
  rpar: ')',
};

/** Guess the format from the first characters. */
export function detectFormat(text: string): InputFormat {
  const head = text.slice(0, 20_000);
  if (
    /<(?:!doctype|html|head|body|p|div|span|table|article|section|br|h[1-6]|script|style|td|li)\b[^>]{0,500}>/i.test(
      head,
    )
  )
    return 'html';
  if (/^\s{0,3}(?:#{1,6}\s|\|[^\n]{0,2000}\|\s*$|>\s)|\*\*[^*\n]{1,200}\*\*|\]\([^)\s]{1,500}\)/m.test(head))
    return 'markdown';
  return 'text';
}

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,10});/g, (m, body: string) => {
    if (body[0] === '#') {
      const cp =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '';
      return String.fromCodePoint(cp);
    }
    const v = ENTITIES[body] ?? ENTITIES[body.toLowerCase()];
    return v ?? m;
  });
}

/** Common clean-up for every format. */
function basicClean(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\u2009\u200a]/g, ' ')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '');
}

/** HTML → text. Linear in the input length. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const n = html.length;
  let i = 0;
  let cellInRow = 0;
  let inRow = false;
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;
  const emit = (s: string) => out.push(s);
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) emit(decodeEntities(html.slice(i, textEnd)).replace(/[ \t\n\f\u00a0]+/g, ' '));
    if (lt < 0) break;
    i = lt;
    if (html.startsWith('<!--', i)) {
      const e = html.indexOf('-->', i + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (html.startsWith('<!', i) || html.startsWith('<?', i)) {
      const e = html.indexOf('>', i + 2);
      i = e < 0 ? n : e + 1;
      continue;
    }
    tagRe.lastIndex = i;
    const m = tagRe.exec(html);
    if (!m) {
      emit('<');
      i++;
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    const end = tagEnd(html, tagRe.lastIndex);
    i = end;
    if (!closing && DROP_WITH_CONTENT.has(name)) {
      const closeRe = new RegExp(`</${name}\\s*>`, 'gi');
      closeRe.lastIndex = i;
      const c = closeRe.exec(html);
      i = c ? closeRe.lastIndex : n;
      continue;
    }
    if (name === 'tr') {
      if (!closing) {
        emit('\n');
        inRow = true;
        cellInRow = 0;
      } else {
        if (inRow && cellInRow > 0) emit(' |');
        inRow = false;
      }
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (!closing) {
        emit(cellInRow === 0 ? '| ' : ' | ');
        cellInRow++;
      }
      continue;
    }
    if (PARAGRAPH.has(name)) emit('\n\n');
    else if (LINE.has(name)) emit('\n');
  }
  return tidyLines(out.join(''));
}

/** Index just after the `>` closing a tag that starts before `from`, respecting quoted attributes. */
function tagEnd(html: string, from: number): number {
  let q: string | null = null;
  const n = html.length;
  const limit = Math.min(n, from + 10_000);
  for (let k = from; k < limit; k++) {
    const c = html[k];
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '>') return k + 1;
  }
  const gt = html.indexOf('>', from);
  return gt < 0 ? n : gt + 1;
}

function tidyLines(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Markdown → text: keeps tables and line structure, drops link targets and emphasis markers. */
export function markdownToText(md: string): string {
  return md
    .split('\n')
    .map((line) => {
      if (line.length > MAX_LINE_CHARS) return line;
      if (/^\s*\|/.test(line))
        return line.replace(/\*\*|__/g, '').replace(/\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1');
      return line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1')
        .replace(/\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1')
        .replace(/\*\*([^*\n]{1,2000})\*\*/g, '$1')
        .replace(/__([^_\n]{1,2000})__/g, '$1')
        .replace(/(^|[\s(])\*([^*\s][^*\n]{0,2000}?)\*(?=[\s).,;:!?]|$)/g, '$1$2')
        .replace(/(^|[\s(])_([^_\s][^_\n]{0,2000}?)_(?=[\s).,;:!?]|$)/g, '$1$2')
        .replace(/`([^`\n]{1,2000})`/g, '$1');
    })
    .join('\n');
}

export function normalizeText(
  input: string,
  format: InputFormat | undefined,
): { text: string; format: InputFormat } {
  const f = format ?? detectFormat(input);
  let t = basicClean(input);
  if (f === 'html') t = htmlToText(t);
  else if (f === 'markdown') t = markdownToText(t);
  t = basicClean(t);
  return { text: t, format: f };
}
