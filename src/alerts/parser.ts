/**
 * Recursive-descent parser of the alert condition language. Grammar (also in docs/alerts.md):
 *
 *   condition := conj ( 'or' conj )*
 *   conj      := unit ( 'and' unit )*
 *   unit      := '(' condition ')' | atom
 *   atom      := 'streak' SYM ( SYM | ('>'|'<') '0' ) ( cmp INT | 'longest-since' '>=' INT 'y' )
 *              | 'record' SYM ('high'|'close') | 'record' '*' ('high'|'close') 'in' 'watchlist:'NAME
 *              | 'records' SYM ('high'|'close') cmp INT
 *              | 'move' SYM cmp PCT | 'return' SYM PERIOD cmp PCT | 'spread' SYM SYM PERIOD cmp PTS
 *              | 'cross' SYM ('above'|'below') ( NUM | 'sma' INT | 'sma200' | 'sma50' )
 *              | 'breakout' SYM | 'breadth' UNIVERSE 'above-' INT 'd' cmp PCT
 *              | 'sector-leader' 'changes' | 'flows' SYM INT 'd' cmp NUM
 */
import type { Atom, Cmp, CmpOp, Condition, ReturnPeriod } from './ast.ts';
import { ConditionError, type Token, tokenize } from './lexer.ts';

const PERIODS: ReturnPeriod[] = ['ytd', 'mtd', 'qtd', '1w', '1m', '3m', '6m', '1y'];
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly toks: Token[],
  ) {}

  private peek(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  private fail(t: Token, reason: string): never {
    throw new ConditionError(this.src, t.col, t.kind === 'eof' ? `${reason}, but the condition ends` : `${reason}, found '${t.text}'`);
  }
  private isWord(t: Token, ...words: string[]): boolean {
    return t.kind === 'word' && words.includes(t.text.toLowerCase());
  }
  private expectWord(what: string, ...words: string[]): string {
    const t = this.next();
    if (!this.isWord(t, ...words)) this.fail(t, `expected ${what}`);
    return t.text.toLowerCase();
  }

  condition(): Condition {
    let left = this.conj();
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.conj() };
    }
    return left;
  }
  private conj(): Condition {
    let left = this.unit();
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.unit() };
    }
    return left;
  }
  private unit(): Condition {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.next();
      const c = this.condition();
      const r = this.next();
      if (r.kind !== 'rparen') this.fail(r, "expected ')'");
      return c;
    }
    const start = t.col;
    const atom = this.atom();
    const end = this.toks[this.i - 1];
    return { kind: 'atom', atom, text: this.src.slice(start - 1, end.col - 1 + end.text.length) };
  }

  private symbol(what = 'a symbol'): string {
    const t = this.next();
    if (t.kind !== 'word' || ['and', 'or'].includes(t.text.toLowerCase()) || t.text.includes('*')) this.fail(t, `expected ${what}`);
    return t.text.toUpperCase();
  }
  private cmp(): CmpOp {
    const t = this.next();
    if (t.kind !== 'op') this.fail(t, 'expected a comparison (>=, <=, >, <, =, !=)');
    return t.text as CmpOp;
  }
  /** A number with one of the allowed units; the unit may be left out when '' is allowed. */
  private number(units: string[], what: string): number {
    const t = this.next();
    if (t.kind !== 'number') this.fail(t, `expected ${what}`);
    const unit = t.unit ?? '';
    if (!units.includes(unit)) this.fail(t, `expected ${what}`);
    return (t.value as number) * (SCALE[unit] ?? 1);
  }
  private count(what: string): number {
    const t = this.peek();
    const n = this.number([''], what);
    if (!Number.isInteger(n) || n < 0) this.fail(t, `expected ${what}`);
    return n;
  }
  private cmpCount(): Cmp {
    const op = this.cmp();
    return { op, value: this.count('a whole number of sessions') };
  }
  private basis(): 'close' | 'high' {
    return this.expectWord("'high' or 'close'", 'high', 'close') as 'close' | 'high';
  }
  private period(): ReturnPeriod {
    const t = this.next();
    const p = t.text.toLowerCase() as ReturnPeriod;
    if (!PERIODS.includes(p)) this.fail(t, `expected a period (${PERIODS.join(', ')})`);
    return p;
  }

  private atom(): Atom {
    const t = this.next();
    const kw = t.kind === 'word' ? t.text.toLowerCase() : '';
    switch (kw) {
      case 'streak':
        return this.streak();
      case 'record': {
        if (this.peek().text === '*') {
          this.next();
          const basis = this.basis();
          this.expectWord("'in'", 'in');
          const w = this.next();
          if (w.kind !== 'word' || !/^watchlist:[A-Za-z0-9_.-]+$/i.test(w.text)) this.fail(w, "expected 'watchlist:NAME'");
          return { kind: 'record-universe', basis, watchlist: w.text.slice('watchlist:'.length) };
        }
        const symbol = this.symbol();
        return { kind: 'record', symbol, basis: this.basis() };
      }
      case 'records': {
        const symbol = this.symbol();
        const basis = this.basis();
        return { kind: 'records', symbol, basis, cmp: this.cmpCount() };
      }
      case 'move': {
        const symbol = this.symbol();
        return { kind: 'move', symbol, cmp: { op: this.cmp(), value: this.number(['%'], 'a percentage like -2%') } };
      }
      case 'return': {
        const symbol = this.symbol();
        const period = this.period();
        return { kind: 'return', symbol, period, cmp: { op: this.cmp(), value: this.number(['%'], 'a percentage like 10%') } };
      }
      case 'spread': {
        const a = this.symbol();
        const b = this.symbol('a second symbol');
        const period = this.period();
        return { kind: 'spread', a, b, period, cmp: { op: this.cmp(), value: this.number(['pts', '%'], 'percentage points like 5pts') } };
      }
      case 'cross':
        return this.cross();
      case 'breakout':
        return { kind: 'breakout', symbol: this.symbol() };
      case 'breadth': {
        const universe = this.symbol('a universe (panel or a fund with holdings)');
        const w = this.next();
        const m = /^above-(\d+)d$/i.exec(w.text);
        if (!m || Number(m[1]) < 2) this.fail(w, "expected 'above-200d' (above-Nd, N ≥ 2)");
        return { kind: 'breadth', universe: universe.toLowerCase() === 'PANEL'.toLowerCase() ? 'panel' : universe, window: Number(m[1]), cmp: { op: this.cmp(), value: this.number(['%'], 'a percentage like 40%') } };
      }
      case 'sector-leader':
        this.expectWord("'changes'", 'changes');
        return { kind: 'sector-leader' };
      case 'flows': {
        const fund = this.symbol('a fund');
        const d = this.peek();
        const days = this.number(['d'], 'a window like 5d');
        if (!Number.isInteger(days) || days < 1) this.fail(d, 'expected a window like 5d');
        return { kind: 'flows', fund, days, cmp: { op: this.cmp(), value: this.number(['', 'k', 'm', 'b'], 'an amount in USD like 1e9 or 1b') } };
      }
      default:
        return this.fail(t, 'expected a condition (streak, record, records, move, return, spread, cross, breakout, breadth, sector-leader, flows)');
    }
  }

  private streak(): Atom {
    const a = this.symbol();
    const t = this.peek();
    let zero: 'over' | 'under' | null = null;
    let b = '';
    if (t.kind === 'op' && (t.text === '>' || t.text === '<')) {
      this.next();
      const z = this.next();
      if (z.kind !== 'number' || z.value !== 0 || z.unit) this.fail(z, 'expected 0 (a series against zero: > 0 or < 0)');
      zero = t.text === '>' ? 'over' : 'under';
    } else b = this.symbol('a second symbol (or > 0 / < 0)');
    let direction: 'over' | 'under' = zero ?? 'over';
    if (!zero && this.isWord(this.peek(), 'under', 'over')) direction = this.next().text.toLowerCase() as 'over' | 'under';
    let cmp: Cmp | null = null;
    let longestYears: number | null = null;
    if (this.isWord(this.peek(), 'longest-since')) {
      this.next();
      const op = this.next();
      if (op.kind !== 'op' || op.text !== '>=') this.fail(op, "expected '>=' after longest-since");
      const y = this.peek();
      longestYears = this.number(['y'], 'a number of years like 10y');
      if (!(longestYears > 0)) this.fail(y, 'expected a positive number of years');
    } else cmp = this.cmpCount();
    return zero ? { kind: 'streak-zero', a, direction, cmp, longestYears } : { kind: 'streak', a, b, direction, cmp, longestYears };
  }

  private cross(): Atom {
    const symbol = this.symbol();
    const direction = this.expectWord("'above' or 'below'", 'above', 'below') as 'above' | 'below';
    const t = this.peek();
    if (t.kind === 'word') {
      this.next();
      const m = /^sma(\d+)$/i.exec(t.text);
      if (m && Number(m[1]) >= 2) return { kind: 'cross', symbol, direction, level: { sma: Number(m[1]) } };
      this.fail(t, 'expected a level (a number) or sma200 / sma50');
    }
    const level = this.number(['', 'k'], 'a level (a number) or sma200 / sma50');
    if (!(level > 0)) this.fail(t, 'expected a positive level');
    return { kind: 'cross', symbol, direction, level };
  }

  parseAll(): Condition {
    if (this.peek().kind === 'eof') this.fail(this.peek(), 'expected a condition');
    const c = this.condition();
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t, "expected 'and', 'or' or the end of the condition");
    return c;
  }
}

export function parseCondition(src: string): Condition {
  return new Parser(src, tokenize(src)).parseAll();
}

/** The canonical text of a condition (normalised spacing and case), used to detect duplicate rules. */
export function canonical(c: Condition): string {
  if (c.kind === 'atom') return JSON.stringify(c.atom);
  return `(${canonical(c.left)} ${c.kind} ${canonical(c.right)})`;
}
