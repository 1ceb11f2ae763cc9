/**
 * Tokenizer of the alert condition language (grammar in docs/alerts.md). Hand-written: every token
 * keeps its 1-based column so the parser can point at the mistake.
 */
import { UserError } from '../model/errors.ts';

export type TokenKind = 'word' | 'number' | 'op' | 'lparen' | 'rparen' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The text as written. */
  text: string;
  /** 1-based column of the first character. */
  col: number;
  /** number tokens: the numeric value (a percent stays in percent: `-2%` → -2). */
  value?: number;
  /** number tokens: the unit suffix ('' | '%' | 'pts' | 'y' | 'd' | 'k' | 'm' | 'b'). */
  unit?: string;
}

/** A condition that does not parse: names the column and shows where. */
export class ConditionError extends UserError {
  constructor(
    readonly source: string,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`condition: ${reason} at column ${col}\n  ${source}\n  ${' '.repeat(Math.max(0, col - 1))}^`, 'bad_input');
    this.name = 'ConditionError';
  }
}

const WORD_START = /[A-Za-z_^*]/;
const WORD_CHAR = /[A-Za-z0-9_^*.:&-]/;
const UNITS = ['pts', 'pt', '%', 'y', 'd', 'k', 'm', 'b'];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    const col = i + 1;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ kind: ch === '(' ? 'lparen' : 'rparen', text: ch, col });
      i++;
      continue;
    }
    if (ch === '>' || ch === '<' || ch === '=' || ch === '!') {
      const two = src.slice(i, i + 2);
      const op = ['>=', '<=', '==', '!='].includes(two) ? two : ch;
      if (op === '!') throw new ConditionError(src, col, "unexpected '!' (did you mean '!='?)");
      out.push({ kind: 'op', text: op === '==' ? '=' : op, col });
      i += op.length;
      continue;
    }
    const signed = (ch === '-' || ch === '+') && /[0-9.]/.test(src[i + 1] ?? '');
    if (/[0-9]/.test(ch) || signed || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i));
      if (!m) throw new ConditionError(src, col, 'malformed number');
      let j = i + m[0].length;
      const rest = src.slice(j).toLowerCase();
      const unit = UNITS.find((u) => rest.startsWith(u) && !/[A-Za-z0-9]/.test(rest[u.length] ?? '')) ?? '';
      j += unit.length;
      if (/[A-Za-z0-9_]/.test(src[j] ?? '')) throw new ConditionError(src, j + 1, `unknown unit after ${m[0]} (use %, pts, y, d, k, m or b)`);
      out.push({ kind: 'number', text: src.slice(i, j), col, value: Number(m[0]), unit: unit === 'pt' ? 'pts' : unit });
      i = j;
      continue;
    }
    if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < src.length && WORD_CHAR.test(src[j])) j++;
      out.push({ kind: 'word', text: src.slice(i, j), col });
      i = j;
      continue;
    }
    throw new ConditionError(src, col, `unexpected character '${ch}'`);
  }
  out.push({ kind: 'eof', text: '', col: src.length + 1 });
  return out;
}
