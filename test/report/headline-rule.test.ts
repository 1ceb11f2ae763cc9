import { describe, expect, it } from 'vitest';
import { candidate, MIN_RARITY_YEARS, pickHeadline, rankCandidates } from '../../src/report/headline.ts';
import type { Candidate } from '../../src/report/types.ts';

/** Hand-built candidates: only kind, rarity and a fact id matter to the rule. */
const c = (kind: string, rarityYears: number, fact = `${kind}.fact`): Candidate =>
  candidate({ kind, rarityYears, headline: [kind], sentence: [kind], facts: [fact] });

describe('headline ranking rule', () => {
  it('a streak that is the longest in 25 years beats a year-to-date gap widest in 5 years and a plain spread', () => {
    const top = pickHeadline([c('session', 0), c('ytd-gap', 5.2), c('streak', 25.6), c('ytd-plain', 0)]);
    expect(top?.kind).toBe('streak');
    expect(top?.rarityYears).toBe(25);
  });

  it('rarity is counted in whole years; equal rarity goes to the kind priority (streak first)', () => {
    const r = rankCandidates([
      c('ytd-gap', 12.9),
      c('relative-strength', 12.1),
      c('streak', 12.0),
      c('record-run', 12.5),
    ]);
    expect(r.map((x) => x.kind)).toEqual(['streak', 'record-run', 'relative-strength', 'ytd-gap']);
  });

  it('a rarer candidate of a lower-priority kind still wins', () => {
    expect(pickHeadline([c('streak', 3), c('ytd-gap', 23)])?.kind).toBe('ytd-gap');
  });

  it(`candidates under ${MIN_RARITY_YEARS} year do not qualify; the fallbacks do, year-to-date before the session`, () => {
    const r = rankCandidates([
      c('streak', 0.4),
      c('session', 0),
      c('relative-strength', 0.9),
      c('ytd-plain', 0),
    ]);
    expect(r.map((x) => [x.kind, x.qualifies])).toEqual([
      ['ytd-plain', true],
      ['session', true],
      ['streak', false],
      ['relative-strength', false],
    ]);
  });

  it('fallback kinds never outrank a qualifying candidate, whatever rarity they are given', () => {
    expect(pickHeadline([c('ytd-plain', 90), c('record-run', 1)])?.kind).toBe('record-run');
  });

  it('nothing qualifies → no headline', () => {
    expect(pickHeadline([c('streak', 0.2)])).toBeNull();
    expect(pickHeadline([])).toBeNull();
  });

  it('the order does not depend on the input order', () => {
    const xs = [
      c('streak', 7, 'b'),
      c('streak', 7, 'a'),
      c('ytd-gap', 7),
      c('session', 0),
      c('big-move', 30),
    ];
    const forward = rankCandidates(xs).map((x) => x.facts[0]);
    const backward = rankCandidates([...xs].reverse()).map((x) => x.facts[0]);
    expect(backward).toEqual(forward);
    expect(forward).toEqual(['big-move.fact', 'a', 'b', 'ytd-gap.fact', 'session.fact']);
  });
});
