/**
 * Sentence splitting with offsets into the normalised text.
 * - Lines inside tables are left out (tables.ts handles them).
 * - A line ends a block (and a sentence) when it is empty, short (< 50 characters: a headline, a
 *   dateline, a list item) or ends with . ! ? : ; otherwise the next line continues it (a soft wrap).
 * - Inside a block a sentence ends at . ! ? (plus closing quotes or brackets) followed by a space and
 *   an upper-case letter, a digit, a quote or a bracket — except after abbreviations (Jan., Corp.,
 *   U.S., vs., single initials) and inside numbers (1.5).
 * - Sentences longer than MAX_SENTENCE_CHARS are not prose: they are returned with `skipped` set.
 */
import { MAX_SENTENCE_CHARS } from './limits.ts';
import type { Span } from './types.ts';

export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
  /** Block (paragraph or line group) number, for carrying a subject to the next sentence. */
  block: number;
  skipped: boolean;
}

const ABBREV = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'corp',
  'inc',
  'co',
  'ltd',
  'plc',
  'st',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'vs',
  'no',
  'nos',
  'u.s',
  'u.k',
  'e.g',
  'i.e',
  'jr',
  'sr',
  'approx',
  'est',
  'etc',
  'fig',
  'dept',
  'gov',
  'sen',
  'rep',
  'mt',
  'ft',
  'n.y',
  'a.m',
  'p.m',
  'bros',
]);

export function splitSentences(text: string, skip: readonly Span[] = []): Sentence[] {
  const out: Sentence[] = [];
  const lines: { start: number; end: number }[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: pos, end });
    if (nl < 0) break;
    pos = nl + 1;
  }
  // Spans to skip, sorted: lines are visited in order, so one moving pointer suffices (linear).
  const spans = [...skip].sort((a, b) => a.start - b.start);
  let k = 0;
  const skipped = (l: { start: number; end: number }) => {
    while (k < spans.length && spans[k].end < l.start) k++;
    return k < spans.length && spans[k].start <= l.start && l.end <= spans[k].end;
  };
  // Group lines into blocks.
  let block = 0;
  let blockStart = -1;
  let blockEnd = -1;
  const flush = () => {
    if (blockStart >= 0) splitBlock(text, blockStart, blockEnd, block++, out);
    blockStart = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const content = text.slice(l.start, l.end);
    if (content.trim() === '' || skipped(l)) {
      flush();
      continue;
    }
    if (blockStart < 0) blockStart = l.start;
    blockEnd = l.end;
    const t = content.trimEnd();
    const next = lines[i + 1];
    const nextText = next ? text.slice(next.start, next.end) : '';
    const hard =
      t.length < 50 || /[.!?:;"”)]$/.test(t) || !next || /^\s*(?:[-*•]\s|\d+[.)]\s|#|\|)/.test(nextText);
    if (hard) flush();
  }
  flush();
  return out.map((s, index) => ({ ...s, index }));
}

function splitBlock(text: string, start: number, end: number, block: number, out: Sentence[]): void {
  let s = start;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b <= a) return;
    out.push({
      index: 0,
      start: a,
      end: b,
      text: text.slice(a, b).replace(/\s*\n\s*/g, ' '),
      block,
      skipped: b - a > MAX_SENTENCE_CHARS,
    });
  };
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < end && /["'”’)\]]/.test(text[j])) j++;
    if (j >= end) break;
    if (!/\s/.test(text[j])) continue;
    let k = j;
    while (k < end && /\s/.test(text[k])) k++;
    if (k >= end) break;
    if (!/[A-Z0-9"“'‘([$–—-]/.test(text[k])) continue;
    if (c === '.') {
      // word before the period
      let w = i;
      while (w > start && /[A-Za-z.]/.test(text[w - 1])) w--;
      const word = text.slice(w, i).toLowerCase();
      if (ABBREV.has(word) || /^[a-z]$/.test(word)) continue;
      // "Jan. 22": a month abbreviation before a day number is never a sentence end (covered above).
    }
    push(s, j);
    s = k;
  }
  push(s, end);
}
