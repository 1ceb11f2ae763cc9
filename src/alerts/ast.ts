/** The parsed form of an alert condition (see docs/alerts.md for the grammar). */

export type CmpOp = '>=' | '<=' | '>' | '<' | '=' | '!=';
export type ReturnPeriod = 'ytd' | 'mtd' | 'qtd' | '1w' | '1m' | '3m' | '6m' | '1y';

export interface Cmp {
  op: CmpOp;
  value: number;
}

export type Atom =
  /** A beat B (over) or lagged it (under) for `min` straight sessions; with `longestYears`, the current run is the longest for at least that many years. */
  | { kind: 'streak'; a: string; b: string; direction: 'over' | 'under'; cmp: Cmp | null; longestYears: number | null }
  /** One series against zero: returns > 0 (or < 0). */
  | { kind: 'streak-zero'; a: string; direction: 'over' | 'under'; cmp: Cmp | null; longestYears: number | null }
  | { kind: 'record'; symbol: string; basis: 'close' | 'high' }
  | { kind: 'records'; symbol: string; basis: 'close' | 'high'; cmp: Cmp }
  /** Every member of a watchlist: fires when any member makes a record. */
  | { kind: 'record-universe'; basis: 'close' | 'high'; watchlist: string }
  /** One-session return, percent. */
  | { kind: 'move'; symbol: string; cmp: Cmp }
  /** Period return, percent. */
  | { kind: 'return'; symbol: string; period: ReturnPeriod; cmp: Cmp }
  /** Return A − return B, percentage points. */
  | { kind: 'spread'; a: string; b: string; period: ReturnPeriod; cmp: Cmp }
  | { kind: 'cross'; symbol: string; direction: 'above' | 'below'; level: number | { sma: number } }
  | { kind: 'breakout'; symbol: string }
  /** Share of members above their N-day average, percent. */
  | { kind: 'breadth'; universe: string; window: number; cmp: Cmp }
  | { kind: 'sector-leader' }
  /** Sum of the last N flow records, USD. */
  | { kind: 'flows'; fund: string; days: number; cmp: Cmp };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'atom'; atom: Atom; text: string };

/** Every symbol a condition names (for validation against the store). */
export function symbolsOf(c: Condition): string[] {
  if (c.kind !== 'atom') return [...symbolsOf(c.left), ...symbolsOf(c.right)];
  const a = c.atom;
  switch (a.kind) {
    case 'streak':
    case 'spread':
      return [a.a, a.b];
    case 'streak-zero':
      return [a.a];
    case 'record':
    case 'records':
    case 'move':
    case 'return':
    case 'cross':
    case 'breakout':
      return [a.symbol];
    default:
      return [];
  }
}

export function atomsOf(c: Condition): { atom: Atom; text: string }[] {
  return c.kind === 'atom' ? [{ atom: c.atom, text: c.text }] : [...atomsOf(c.left), ...atomsOf(c.right)];
}

/** The watchlist a rule is about (its scope `watchlist:NAME`): its first `record * … in watchlist:NAME` atom. */
export function subjectWatchlist(c: Condition): string | null {
  const w = atomsOf(c).find((a) => a.atom.kind === 'record-universe');
  return w?.atom.kind === 'record-universe' ? w.atom.watchlist : null;
}

export function compare(x: number, c: Cmp): boolean {
  switch (c.op) {
    case '>=':
      return x >= c.value;
    case '<=':
      return x <= c.value;
    case '>':
      return x > c.value;
    case '<':
      return x < c.value;
    case '=':
      return x === c.value;
    case '!=':
      return x !== c.value;
  }
}
