/**
 * Tables in the normalised text:
 * - Markdown pipe tables (`| a | b |`, separator rows `|---|` skipped; HTML tables arrive as pipe rows);
 * - tab-separated rows;
 * - rows whose cells ran together or are space-aligned, as copied from a web page:
 *   `Acme Corp (ACME)1.12%48.20%+33` → `Acme Corp (ACME)` | `1.12%` | `48.20%` | `+33`.
 *   Such a row is a label followed by two or more numbers and nothing else; at least two consecutive
 *   rows with the same count of numbers make a table. A label that starts with a known name
 *   ("Russell 2000…") ends after that name, so digits in names are not taken for figures.
 * The header is the row before (split on pipes, tabs, 2+ spaces, or at lower→upper case joins such as
 * `CompanyWeightYTD return`), else none. Each column is classified from its header (column kinds below).
 */
import type { AliasMatcher } from './aliases.ts';
import { findPeriods } from './periods.ts';
import { findDates, resolveMention } from './dates.ts';
import { MAX_LINE_CHARS, MAX_TABLE_ROWS } from './limits.ts';
import { findNumbers, type NumTok, parseNumberCell } from './numbers.ts';
import type { PeriodRef, Span } from './types.ts';

export type ColumnKind =
  | 'label'
  | 'return'
  | 'level'
  | 'weight'
  | 'contribution'
  | 'money'
  | 'multiple'
  | 'points'
  | 'count'
  | 'other';

export interface Cell {
  text: string;
  span: Span;
  num: NumTok | null;
}

export interface TableRow {
  span: Span;
  cells: Cell[];
}

export interface Column {
  header: string;
  kind: ColumnKind;
  /** For `return` columns: the period the header names (resolved later against the as-of date). */
  periodText: string | null;
  /** For `level` columns: a date in the header ("Jan. 22 close"). */
  dateText: { year: number | null; month: number; day: number } | null;
  /** USD multiplier for money columns ("$ mn" → 1e6). */
  scale: number;
  /** Weights marked as end-of-period ("weight (May 5)", "current weight", "end weight"). */
  endWeight: boolean;
}

export interface Table {
  index: number;
  span: Span;
  header: Cell[] | null;
  columns: Column[];
  rows: TableRow[];
  layout: 'pipe' | 'tab' | 'run-together';
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    out.push({ start: pos, end, text: text.slice(pos, end) });
    if (nl < 0) break;
    pos = nl + 1;
  }
  return out;
}

const isPipeRow = (t: string) => {
  const s = t.trim();
  return s.startsWith('|') ? s.length > 1 : (s.match(/\|/g)?.length ?? 0) >= 2;
};
const isSeparator = (t: string) => /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(t);
const isTabRow = (t: string) => t.includes('\t') && t.split('\t').filter((c) => c.trim() !== '').length >= 2;

function splitDelimited(l: Line, delim: '|' | '\t'): Cell[] {
  const cells: Cell[] = [];
  let s = l.text;
  let base = l.start;
  if (delim === '|') {
    const lead = s.indexOf('|');
    if (s.trim().startsWith('|')) {
      base += lead + 1;
      s = s.slice(lead + 1);
    }
    const t = s.trimEnd();
    if (t.endsWith('|')) s = t.slice(0, -1);
  }
  let pos = 0;
  for (const part of s.split(delim)) {
    const lead = part.length - part.trimStart().length;
    const txt = part.trim();
    const start = base + pos + lead;
    cells.push({ text: txt, span: { start, end: start + txt.length }, num: parseNumberCell(txt) });
    pos += part.length + 1;
  }
  return cells;
}

/** Label + numbers for a run-together or space-aligned row, or null when the line is not such a row. */
function splitRunTogether(l: Line, aliases: AliasMatcher): Cell[] | null {
  const t = l.text;
  if (t.length < 4 || t.length > 300 || isPipeRow(t)) return null;
  let labelEnd = -1;
  const lead = t.length - t.trimStart().length;
  const known = aliases.prefix(t.slice(lead, lead + 80));
  if (known) {
    labelEnd = lead + known.name.length;
    const par = /^\s*\([A-Z][A-Z.]{0,5}\)/.exec(t.slice(labelEnd));
    if (par) labelEnd += par[0].length;
  }
  const tail = labelEnd >= 0 ? t.slice(labelEnd) : null;
  let nums: NumTok[];
  if (tail !== null) {
    nums = findNumbers(tail, labelEnd, true);
    if (nums.length < 2 || !onlyNumbers(tail, nums, labelEnd)) return null;
  } else {
    // The label ends where an unbroken run of numbers (and spaces) up to the end of the line begins.
    const all = findNumbers(t, 0, true);
    if (all.length < 2) return null;
    let k = all.length;
    while (k > 0) {
      const gap = t.slice(all[k - 1].end, k < all.length ? all[k].start : t.length);
      if (gap.trim() !== '') break;
      k--;
    }
    nums = all.slice(k);
    if (nums.length < 2) return null;
    labelEnd = nums[0].start;
    // A label must contain a letter; a sentence (with a verb-like lower-case run) is not a row.
    const label = t.slice(0, labelEnd);
    if (
      !/[A-Za-z]/.test(label) ||
      /[.!?]\s*$/.test(label.trim()) ||
      label.split(/\s+/).filter(Boolean).length > 8
    )
      return null;
  }
  const label = t.slice(0, labelEnd).trim();
  if (label === '' || !/[A-Za-z]/.test(label)) return null;
  const ls = l.start + t.indexOf(label);
  const cells: Cell[] = [{ text: label, span: { start: ls, end: ls + label.length }, num: null }];
  for (const n of nums)
    cells.push({ text: n.text.trim(), span: { start: l.start + n.start, end: l.start + n.end }, num: n });
  return cells;
}

function onlyNumbers(tail: string, nums: NumTok[], offset: number): boolean {
  let pos = 0;
  for (const n of nums) {
    if (tail.slice(pos, n.start - offset).trim() !== '') return false;
    pos = n.end - offset;
  }
  return tail.slice(pos).trim() === '';
}

/** Splits a header line into cells: pipes, tabs, 2+ spaces, else lower→upper case joins. */
function splitHeader(l: Line, want: number): Cell[] | null {
  const t = l.text;
  if (t.trim() === '' || t.length > 400) return null;
  let parts: { text: string; start: number }[] = [];
  const byRe = (re: RegExp) => {
    const res: { text: string; start: number }[] = [];
    let pos = 0;
    for (const p of t.split(re)) {
      const idx = t.indexOf(p, pos);
      if (p.trim() !== '') res.push({ text: p.trim(), start: idx + (p.length - p.trimStart().length) });
      pos = idx + p.length;
    }
    return res;
  };
  if (t.includes('\t')) parts = byRe(/\t/);
  else if (/ {2,}/.test(t.trim())) parts = byRe(/ {2,}/);
  else {
    // CompanyWeightYTD returnContribution (bps)
    const cuts = [0];
    for (let i = 1; i < t.length; i++) {
      if (/[A-Z]/.test(t[i]) && /[a-z)%]/.test(t[i - 1])) cuts.push(i);
    }
    cuts.push(t.length);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const p = t.slice(cuts[i], cuts[i + 1]);
      if (p.trim() !== '') parts.push({ text: p.trim(), start: cuts[i] + (p.length - p.trimStart().length) });
    }
  }
  if (parts.length !== want) return null;
  return parts.map((p) => ({
    text: p.text,
    span: { start: l.start + p.start, end: l.start + p.start + p.text.length },
    num: null,
  }));
}

export function classifyColumn(header: string, cells: Cell[]): Column {
  const h = header.toLowerCase();
  const nums = cells.map((c) => c.num).filter((n): n is NumTok => n !== null);
  const pctCells = nums.filter((n) => n.unit === 'pct').length;
  const col: Column = { header, kind: 'other', periodText: null, dateText: null, scale: 1, endWeight: false };
  if (nums.length === 0) {
    col.kind = 'label';
    return col;
  }
  const periods = findPeriods(header);
  if (/weight|wgt|% of (?:index|fund)|share of/.test(h)) {
    col.kind = 'weight';
    col.endWeight = /end|current|latest|as of|\(\w{3,9}\.? \d{1,2}\)|\d{4}-\d{2}-\d{2}/.test(h);
  } else if (/contrib|\bbps\b|basis points|impact/.test(h)) col.kind = 'contribution';
  else if (/p\/e|\bpe\b|multiple|ev\/|p\/s|p\/b|times|\(x\)/.test(h)) col.kind = 'multiple';
  else if (
    /\$|flows?|usd|assets|aum|inflow|outflow|\bmn\b|\bbn\b|million|billion/.test(h) ||
    nums.some((n) => n.currency)
  ) {
    col.kind = 'money';
    col.scale = /\bbn\b|billion|\$ ?b\b/.test(h)
      ? 1e9
      : /\bmn\b|million|\$ ?m\b|\bmm\b/.test(h)
        ? 1e6
        : /\bk\b|thousand/.test(h)
          ? 1e3
          : 1;
  } else if (/\bpts\b|points|spread|excess|relative|\bpp\b/.test(h)) col.kind = 'points';
  else if (/length|sessions|\bdays\b|streak|count|number/.test(h) && pctCells === 0) col.kind = 'count';
  else if (/close|level|last|price/.test(h) && pctCells === 0 && !h.includes('%')) {
    col.kind = 'level';
    const d = findDates(header)[0];
    if (d) col.dateText = { year: d.year, month: d.month, day: d.day };
  } else if (
    /%|chg|change|return|perf|ytd|mtd|qtd|wtd|gain|loss|move|1d|1w|1m|1y|12m/.test(h) ||
    periods.length > 0 ||
    pctCells > nums.length / 2
  ) {
    col.kind = 'return';
    if (periods.length > 0) col.periodText = periods[0].text;
    else if (/\bytd\b/.test(h)) col.periodText = 'ytd';
    else if (/\bmtd\b/.test(h)) col.periodText = 'mtd';
    else if (/\bqtd\b/.test(h)) col.periodText = 'qtd';
    else if (/\bwtd\b|\b1w\b|week/.test(h)) col.periodText = 'this week';
    else if (/\b1d\b|\bday\b|daily|\bchg\b|change/.test(h)) col.periodText = 'today';
    else if (/\b1y\b|12m|12-month|one-year|1-year/.test(h)) col.periodText = 'over the past year';
  }
  return col;
}

/** Resolves a return column's period text to a PeriodRef. */
export function columnPeriod(col: Column, asOf: string | null): PeriodRef | null {
  if (col.periodText === null) return null;
  const p =
    findPeriods(col.periodText)[0] ?? (col.periodText === 'ytd' ? findPeriods('year-to-date')[0] : undefined);
  return p ? { ...p.resolve(asOf), text: col.header } : null;
}

export function columnDate(col: Column, asOf: string | null): string | null {
  if (col.dateText) return resolveMention(col.dateText, asOf);
  return asOf;
}

export function findTables(text: string, aliases: AliasMatcher): Table[] {
  const lines = linesOf(text);
  const tables: Table[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (l.text.length > MAX_LINE_CHARS) {
      i++;
      continue;
    }
    if (isPipeRow(l.text)) {
      let j = i;
      const rows: Line[] = [];
      let sepAfterFirst = false;
      while (
        j < lines.length &&
        (isPipeRow(lines[j].text) || isSeparator(lines[j].text)) &&
        lines[j].text.length <= MAX_LINE_CHARS
      ) {
        if (isSeparator(lines[j].text)) {
          if (rows.length === 1) sepAfterFirst = true;
        } else rows.push(lines[j]);
        j++;
      }
      if (rows.length >= 2)
        tables.push(
          buildTable(
            tables.length,
            lines[i],
            lines[j - 1],
            rows.map((r) => splitDelimited(r, '|')),
            sepAfterFirst,
            'pipe',
          ),
        );
      i = Math.max(j, i + 1);
      continue;
    }
    if (isTabRow(l.text)) {
      let j = i;
      while (j < lines.length && isTabRow(lines[j].text)) j++;
      if (j - i >= 2) {
        const cells = lines.slice(i, j).map((r) => splitDelimited(r, '\t'));
        tables.push(buildTable(tables.length, lines[i], lines[j - 1], cells, false, 'tab'));
        i = j;
        continue;
      }
    }
    const first = splitRunTogether(l, aliases);
    if (first) {
      const rows: { line: Line; cells: Cell[] }[] = [{ line: l, cells: first }];
      let j = i + 1;
      while (j < lines.length) {
        const c = splitRunTogether(lines[j], aliases);
        if (!c || c.length !== first.length) break;
        rows.push({ line: lines[j], cells: c });
        j++;
      }
      if (rows.length >= 2) {
        const prev = i > 0 ? lines[i - 1] : null;
        const headerLike =
          prev !== null && /[A-Za-z]/.test(prev.text) && !findNumbers(prev.text).some((n) => n.unit !== null);
        const header = headerLike && prev ? splitHeader(prev, first.length) : null;
        const startLine = header && prev ? prev : l;
        tables.push(
          buildTable(
            tables.length,
            startLine,
            lines[j - 1],
            header ? [header, ...rows.map((r) => r.cells)] : rows.map((r) => r.cells),
            header !== null,
            'run-together',
          ),
        );
        i = j;
        continue;
      }
    }
    i++;
  }
  return tables;
}

function buildTable(
  index: number,
  first: Line,
  last: Line,
  rowsCells: Cell[][],
  headerFirst: boolean,
  layout: Table['layout'],
): Table {
  let header: Cell[] | null = null;
  let body = rowsCells;
  if (headerFirst || (rowsCells.length > 1 && rowsCells[0].every((c) => c.num === null))) {
    header = rowsCells[0];
    body = rowsCells.slice(1);
  }
  body = body.slice(0, MAX_TABLE_ROWS);
  const width = Math.max(header?.length ?? 0, ...body.map((r) => r.length));
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const h = header?.[c]?.text ?? '';
    columns.push(
      classifyColumn(
        h,
        body.map((r) => r[c]).filter((x): x is Cell => x !== undefined),
      ),
    );
  }
  return {
    index,
    span: { start: first.start, end: last.end },
    header,
    columns,
    rows: body.map((cells) => ({
      span: { start: cells[0]?.span.start ?? 0, end: cells[cells.length - 1]?.span.end ?? 0 },
      cells,
    })),
    layout,
  };
}

/** The label of a row: its first non-numeric cell. */
export function rowLabel(r: TableRow): Cell | null {
  return r.cells.find((c) => c.num === null && c.text !== '') ?? null;
}
