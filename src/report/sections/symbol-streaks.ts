/** Streaks and records: up/down runs, runs against the index, distance from the record close. */
import { recordsFacts, streakFacts } from '../../facts/core.ts';
import { yearsBetween } from '../../facts/pure.ts';
import { t } from '../factbook.ts';
import { candidate } from '../headline.ts';
import type { Block, Candidate, Para } from '../types.ts';
import { joinSentences } from './symbol-text.ts';
import type { SectionResult, SymbolSubject } from './types.ts';

export async function streaksSection(subj: SymbolSubject): Promise<SectionResult> {
  const { ctx, store, S, indexSym, hasIndex } = subj;
  const { book } = ctx;
  const candidates: Candidate[] = [];
  const sr: Block[] = [];
  const srText: Para[] = [];
  const upDays = await streakFacts(store, { a: S, positive: true, asOf: ctx.asOf });
  const downDays = await streakFacts(store, { a: S, positive: false, asOf: ctx.asOf });
  const zero =
    upDays.current.length > 0
      ? { r: upDays, word: 'gained' }
      : downDays.current.length > 0
        ? { r: downDays, word: 'lost ground' }
        : null;
  if (zero) {
    const r = zero.r;
    const key = `streak.${S}.${zero.word === 'gained' ? 'up' : 'down'}`;
    const m = { series: [S], dates: { start: r.current.start!, end: r.asOf }, formula: r.provenance.formula };
    book.add(`${key}.length`, r.current.length, 'sessions', {
      ...m,
      label: `${S} consecutive sessions ${zero.word === 'gained' ? 'up' : 'down'}`,
    });
    if (r.current.length >= 2) {
      let tail: Para = t``;
      if (r.longestSince) {
        book.add(`${key}.since`, r.longestSince.end, 'date', {
          ...m,
          label: 'last earlier run at least as long',
        });
        tail = t`, the longest such run since ${book.ref(`${key}.since`, 'date')}`;
        if (r.current.length >= 3) {
          candidates.push(
            candidate({
              kind: 'streak',
              rarityYears: yearsBetween(r.longestSince.end, r.asOf),
              headline: t`${S} ${zero.word === 'gained' ? 'rises' : 'falls'} for the ${book.ref(`${key}.length`, 'ordinal')} straight session, the longest run since ${book.ref(`${key}.since`, 'monthYear')}`,
              sentence: t`${S} has ${zero.word} for ${book.ref(`${key}.length`, 'int')} straight sessions${tail}.`,
              facts: [`${key}.length`, `${key}.since`],
            }),
          );
        }
      }
      srText.push(t`${S} has ${zero.word} for ${book.ref(`${key}.length`, 'int')} straight sessions${tail}.`);
    } else
      srText.push(
        t`${S} ${zero.word === 'gained' ? 'rose' : 'fell'} on the last session, after ${zero.word === 'gained' ? 'falling' : 'rising'} or holding flat the session before.`,
      );
  }
  if (hasIndex) {
    const over = await streakFacts(store, { a: S, b: indexSym, asOf: ctx.asOf, direction: 'over' });
    const under = await streakFacts(store, { a: S, b: indexSym, asOf: ctx.asOf, direction: 'under' });
    const cur =
      over.current.length > 0
        ? { r: over, verb: 'beaten' }
        : under.current.length > 0
          ? { r: under, verb: 'trailed' }
          : null;
    if (cur) {
      const key = `streak.${S}.vs.${indexSym}`;
      const m = {
        series: [S, indexSym],
        dates: { start: cur.r.current.start!, end: cur.r.asOf },
        formula: cur.r.provenance.formula,
      };
      book.add(`${key}.length`, cur.r.current.length, 'sessions', {
        ...m,
        label: `${S} consecutive sessions ${cur.verb === 'beaten' ? 'ahead of' : 'behind'} ${indexSym}`,
      });
      srText.push(
        cur.r.current.length === 1
          ? t`On the last session it ${cur.verb === 'beaten' ? 'beat' : 'trailed'} ${indexSym}.`
          : t`It has ${cur.verb} ${indexSym} on ${book.ref(`${key}.length`, 'int')} straight sessions.`,
      );
    }
  }
  // Records.
  const rec = await recordsFacts(store, { symbol: S, basis: 'close', asOf: ctx.asOf });
  const rm = { series: [S], dates: { start: rec.dataStart, end: rec.asOf }, formula: rec.provenance.formula };
  book.add(`levels.${S}.ath`, rec.allTimeHigh.value, 'price', {
    ...rm,
    label: `${S} highest close in the data`,
  });
  book.add(`levels.${S}.athDate`, rec.allTimeHigh.date, 'date', {
    ...rm,
    label: `${S} session of the highest close`,
  });
  book.add(`levels.${S}.fromHigh`, rec.distanceFromHigh, 'return', {
    ...rm,
    label: `${S} close relative to its highest close`,
  });
  srText.push(
    rec.current.length > 0
      ? t`It closed at a record on ${book.ref('asof', 'date')}.`
      : t`It closed ${book.ref(`levels.${S}.fromHigh`, 'pctAbs')} below its record close of ${book.ref(`levels.${S}.ath`, 'price')}, set on ${book.ref(`levels.${S}.athDate`, 'date')}.`,
  );
  sr.push({ kind: 'p', text: joinSentences(srText) });
  return { section: { id: 'streaks', title: 'Streaks and records', blocks: sr }, candidates };
}
