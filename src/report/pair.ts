/**
 * The leadership-contest report for a pair A:B (default IWM:SPY) as of the latest common session.
 * Collects facts section by section; article.ts picks the headline (headline.ts) and assembles the
 * article model. Pure writers (markdown.ts, html.ts, json.ts) render it.
 */
import { alignPair } from '../facts/pure.ts';
import { UserError } from '../model/errors.ts';
import type { MarketStore } from '../store/store.ts';
import { assembleArticle } from './article.ts';
import { Ctx } from './context.ts';
import { t } from './factbook.ts';
import { cap, labelOf } from './names.ts';
import { alignedPair } from './pair-context.ts';
import { breadthSection, ladderSection, sectorsSection } from './pair-market.ts';
import { levelsSection } from './pair-levels.ts';
import { longViewSection } from './pair-longview.ts';
import { numbersSection } from './pair-numbers.ts';
import { analogsSection, streakSection } from './pair-streak.ts';
import type { SectionResult } from './sections/types.ts';
import type { Para, Report } from './types.ts';

export interface PairReportOptions {
  /** `A:B`, default `IWM:SPY`. */
  pair?: string;
  asOf?: string;
  /** Related funds for the returns table; default MAGS, QQQ, RSP. */
  related?: string[];
}

export const DEFAULT_PAIR = 'IWM:SPY';
export const DEFAULT_RELATED = ['MAGS', 'QQQ', 'RSP'];

export function parsePair(s: string): [string, string] {
  const m = /^\s*([^:\s]+)\s*:\s*([^:\s]+)\s*$/.exec(s);
  if (!m) throw new UserError(`--pair must look like A:B (e.g. IWM:SPY), got '${s}'`, 'bad_input');
  const a = m[1].toUpperCase();
  const b = m[2].toUpperCase();
  if (a === b) throw new UserError(`--pair needs two different symbols, got '${s}'`, 'bad_input');
  return [a, b];
}

export async function buildPairReport(store: MarketStore, opts: PairReportOptions = {}): Promise<Report> {
  const [A0, B0] = parsePair(opts.pair ?? DEFAULT_PAIR);
  if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf))
    throw new UserError(`--as-of must be YYYY-MM-DD, got '${opts.asOf}'`, 'bad_input');
  const ctx = new Ctx(store, opts.asOf ?? '');
  const a = await ctx.price(A0);
  const b = await ctx.price(B0);
  if (!a) throw new UserError(`unknown symbol '${A0}': no price data stored`, 'not_found');
  if (!b) throw new UserError(`unknown symbol '${B0}': no price data stored`, 'not_found');
  const A = a.symbol;
  const B = b.symbol;
  const al = alignPair(a, b);
  if (opts.asOf === undefined) ctx.asOf = al.dates[al.dates.length - 1];
  else if (!al.dates.includes(opts.asOf))
    throw new UserError(
      `${opts.asOf} is not a session common to ${A} and ${B} (their common data run ${al.dates[0]} to ${al.dates[al.dates.length - 1]})`,
      'bad_input',
    );
  const { book } = ctx;
  book.add('asof', ctx.asOf, 'date', {
    label: 'report date: the last session used',
    series: [A, B],
    dates: { asOf: ctx.asOf },
    formula: opts.asOf ? 'given' : 'latest session common to A and B',
  });
  const p = alignedPair(ctx, A, B, a, b);
  if (p.k < 1)
    throw new UserError(`${A} and ${B} have fewer than two common sessions up to ${ctx.asOf}`, 'not_found');

  const relatedAll = (opts.related ?? DEFAULT_RELATED)
    .map((s) => s.toUpperCase())
    .filter((s) => s !== A && s !== B);
  const related: string[] = [];
  const endedEarly: Para[] = [];
  for (const s of relatedAll) {
    const r = await ctx.price(s);
    if (r && ctx.covers(r)) related.push(s);
    else if (r) endedEarly.push(t`${s}${ctx.coverageNote(s)}`);
    else endedEarly.push(t`${s} (not in the store)`);
  }
  if (endedEarly.length > 0)
    ctx.missing.push(
      t`Returns table: ${endedEarly.flatMap((x, i) => (i ? [', ', ...x] : x))} ${endedEarly.length === 1 ? 'has' : 'have'} no close on the report date and ${endedEarly.length === 1 ? 'is' : 'are'} left out rather than shown over a different window.`,
    );

  const results: SectionResult[] = [];
  const take = (o: SectionResult) => results.push(o);

  const numbers = await numbersSection(ctx, p, related);
  if (endedEarly.length > 0)
    numbers.section.blocks.splice(numbers.section.blocks.findIndex((x) => x.kind === 'table') + 1, 0, {
      kind: 'note',
      text: t`Not shown: ${endedEarly.flatMap((x, i) => (i ? [', ', ...x] : x))}; ${endedEarly.length === 1 ? 'it has no close' : 'none has a close'} on ${book.ref('asof', 'date')}.`,
    });
  take(numbers);
  const streak = await streakSection(ctx, p);
  take(streak);
  take(
    await analogsSection(
      ctx,
      p,
      streak.anchor,
      streak.anchor ? (streak.anchor.direction === 'over' ? streak.over : streak.under).history : [],
    ),
  );
  take(await ladderSection(ctx));
  take(await sectorsSection(ctx));
  take(await levelsSection(ctx, [A, B]));
  take(await breadthSection(ctx, [A, B]));
  take(await longViewSection(ctx, streak.anchor));

  const ytdBase = book.has(`perf.1y.${A}.base`)
    ? book.get(`perf.1y.${A}.base`).value
    : book.has(`perf.ytd.${A}.base`)
      ? book.get(`perf.ytd.${A}.base`).value
      : null;
  return assembleArticle(ctx, results, {
    kind: 'pair',
    slug: `${A}-${B}-${ctx.asOf}`,
    params: { pair: `${A}:${B}`, asOf: ctx.asOf, related: relatedAll },
    kicker: `${cap(labelOf(A))} vs ${labelOf(B)}`,
    dateline: t`Data through the close of ${book.ref('asof', 'date')}`,
    windowStart: ytdBase as string | null,
    definitions: [
      t`A streak is a run of consecutive sessions on which one fund's daily return was strictly above the other's, on the sessions both traded; a tie ends it. "Longest since" names the most recent earlier streak at least as long.`,
      t`The headline is chosen by a fixed rule: each candidate fact says how long it has been since something as large (its rarity, in whole years); the rarest wins, with ties going to streaks, then record runs, relative strength, the year-to-date gap and single sessions. The ranking is in the JSON version.`,
    ],
    noHeadline: `${A} vs ${B}: no fact to lead with on ${ctx.asOf}`,
  });
}

