/** Small helpers to build claims: the sink that numbers them, stated values, qualifiers. */
import { MAX_CLAIMS } from './limits.ts';
import type { NumTok } from './numbers.ts';
import type { Claim, Qualifier, Span, Stated, StatedUnit } from './types.ts';

export class ClaimSink {
  readonly claims: Claim[] = [];
  dropped = 0;
  constructor(readonly max = MAX_CLAIMS) {}
  add(c: Omit<Claim, 'id'>): Claim | null {
    if (this.claims.length >= this.max) {
      this.dropped++;
      return null;
    }
    const claim = { ...c, id: this.claims.length + 1 } as Claim;
    this.claims.push(claim);
    return claim;
  }
  get full(): boolean {
    return this.claims.length >= this.max;
  }
}

export function stated(
  tok: NumTok,
  value: number,
  unit: StatedUnit,
  qualifier: Qualifier,
  text = tok.text.trim(),
): Stated {
  return { text, value, unit, decimals: tok.decimals, qualifier };
}

export const spanOf = (x: { start: number; end: number }): Span => ({ start: x.start, end: x.end });

/** Qualifier from the words right before a figure ("more than", "about", "at least", …). */
export function qualifierBefore(pre: string): Qualifier {
  const p = pre.toLowerCase();
  if (/(?:at least|no less than|not less than)\s*$/.test(p)) return 'at-least';
  if (/(?:at most|no more than|not more than|up to|as much as)\s*$/.test(p)) return 'at-most';
  if (
    /(?:more than|over|above|upwards of|in excess of|north of|better than|greater than|exceeding)\s*$/.test(p)
  )
    return 'more-than';
  if (/(?:less than|under|below|shy of|fewer than|south of|lower than)\s*$/.test(p)) return 'less-than';
  if (
    /(?:about|around|roughly|approximately|approx\.?|some|nearly|almost|close to|near|an estimated|circa|~|just over|just under|just shy of|upward of|or so)\s*$/.test(
      p,
    )
  )
    return 'about';
  return 'exact';
}
