/**
 * Collecting facts and writing text that refers to them. `FactBook.add` registers a number with its
 * provenance; `ref(id, style)` puts it in text; the tagged template `t` builds a paragraph and
 * refuses any digit in literal text, so a number can only reach the article through a fact.
 */
import type { Fact, Inline, Para, Ref, Style, Unit } from './types.ts';

/** Proper names that contain digits; they are names, not numbers. */
export const NAMES_WITH_DIGITS = [
  'S&P 500',
  'Russell 2000',
  'Nasdaq-100',
  'S&P MidCap 400',
  'S&P SmallCap 600',
];

/** Text with proper names and `code spans` (file names, series ids) removed. */
export function withoutNames(s: string): string {
  let out = s.replace(/`[^`]*`/g, '');
  for (const n of NAMES_WITH_DIGITS) out = out.split(n).join('');
  return out;
}

export function assertNoDigits(s: string, where = 'report text'): string {
  if (/\d/.test(withoutNames(s))) throw new Error(`${where} has a digit outside a fact: "${s}"`);
  return s;
}

export interface FactMeta {
  label: string;
  series?: string[];
  sources?: string[];
  dates?: Fact['dates'];
  formula: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export class FactBook {
  private readonly facts = new Map<string, Fact>();
  /** Sources per series (filled by the collector, used when a fact names no sources). */
  readonly sourcesOf = new Map<string, string[]>();

  add(id: string, value: number | string, unit: Unit, meta: FactMeta): string {
    if (unit === 'date') {
      if (typeof value !== 'string' || !ISO.test(value))
        throw new Error(`fact ${id}: a date must be YYYY-MM-DD, got ${value}`);
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`fact ${id}: not a finite number (${String(value)})`);
    }
    const series = [...new Set(meta.series ?? [])].sort();
    const sources = [...new Set(meta.sources ?? series.flatMap((s) => this.sourcesOf.get(s) ?? []))].sort();
    const fact: Fact = {
      id,
      value,
      unit,
      label: meta.label,
      series,
      sources,
      dates: meta.dates ?? {},
      formula: meta.formula,
    };
    const prev = this.facts.get(id);
    if (prev && (prev.value !== value || prev.unit !== unit))
      throw new Error(`fact ${id} added twice with different values`);
    if (!prev) this.facts.set(id, fact);
    return id;
  }

  has(id: string): boolean {
    return this.facts.has(id);
  }

  get(id: string): Fact {
    const f = this.facts.get(id);
    if (!f) throw new Error(`unknown fact ${id}`);
    return f;
  }

  /** The value of a numeric fact. */
  num(id: string): number {
    return this.get(id).value as number;
  }

  ref(id: string, style: Style): Ref {
    this.get(id);
    return { f: id, s: style };
  }

  /** "from Jan. 2 to Jan. 22, 2026" (the year once when both dates share it). */
  range(startId: string, endId: string): Para {
    const same = String(this.get(startId).value).slice(0, 4) === String(this.get(endId).value).slice(0, 4);
    return [`from `, this.ref(startId, same ? 'dateShort' : 'date'), ' to ', this.ref(endId, 'date')];
  }

  /** Every fact, sorted by id. */
  list(): Fact[] {
    return [...this.facts.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

type Piece = Ref | string | Para | null | undefined | false;

/** A paragraph from a template: literals and interpolated strings must hold no digits. */
export function t(strings: TemplateStringsArray, ...vals: Piece[]): Para {
  const out: Para = [];
  const push = (x: Inline) => {
    if (typeof x === 'string') {
      assertNoDigits(x);
      if (x === '') return;
      const last = out[out.length - 1];
      if (typeof last === 'string') out[out.length - 1] = last + x;
      else out.push(x);
    } else out.push(x);
  };
  strings.forEach((s, i) => {
    push(s);
    if (i < vals.length) {
      const v = vals[i];
      if (v === null || v === undefined || v === false) return;
      if (Array.isArray(v)) for (const x of v) push(x);
      else push(v);
    }
  });
  return out;
}

/** Join paragraphs' inline runs with a separator. */
export function join(parts: Para[], sep = ' '): Para {
  const out: Para = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(sep);
    out.push(...p);
  });
  return t`${out}`;
}

/** A plain-text cell (no digits). */
export const txt = (s: string): Para => t`${s}`;
