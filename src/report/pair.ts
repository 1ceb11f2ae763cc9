/**
 * The leadership-contest report for a pair A:B (default IWM:SPY) as of the latest common session: a
 * composition of sections (sections/pair-*.ts, sections/levels.ts and the market sections of
 * pair-market.ts), assembled by article.ts (headline by the rule in headline.ts). Pure writers
 * (markdown.ts, html.ts, json.ts) render it.
 */
import type { MarketStore } from '../store/store.ts';
import { assembleArticle } from './article.ts';
import { DEFAULT_PAIR } from './defaults.ts';
import { t } from './factbook.ts';
import { cap, labelOf } from './names.ts';
import { breadthSection, ladderSection, sectorsSection } from './pair-market.ts';
import { levelsSection } from './sections/levels.ts';
import { analogsSection } from './sections/pair-analogs.ts';
import { longViewSection } from './sections/pair-longview.ts';
import { numbersSection } from './sections/pair-numbers.ts';
import { streakSection } from './sections/pair-streak.ts';
import { DEFAULT_RELATED, pairSubject, parsePair } from './sections/pair-subject.ts';
import type { SectionResult } from './sections/types.ts';
import type { Report } from './types.ts';

export interface PairReportOptions {
  /** `A:B`, default `IWM:SPY`. */
  pair?: string;
  asOf?: string;
  /** Related funds for the returns table; default MAGS, QQQ, RSP. */
  related?: string[];
}

export { DEFAULT_PAIR, DEFAULT_RELATED, parsePair };

export async function buildPairReport(store: MarketStore, opts: PairReportOptions = {}): Promise<Report> {
  const { ctx, p, related, relatedAll, endedEarly } = await pairSubject(store, opts);
  const { A, B } = p;
  const { book } = ctx;
  const results: SectionResult[] = [await numbersSection(ctx, p, related, endedEarly)];
  const streak = await streakSection(ctx, p);
  const anchor = streak.anchor;
  const history = anchor ? (anchor.direction === 'over' ? streak.over : streak.under).history : [];
  results.push(streak, await analogsSection(ctx, p, anchor, history));
  results.push(await ladderSection(ctx), await sectorsSection(ctx));
  results.push(await levelsSection(ctx, [A, B]), await breadthSection(ctx, [A, B]));
  results.push(await longViewSection(ctx, anchor));

  const base = [`perf.1y.${A}.base`, `perf.ytd.${A}.base`].find((id) => book.has(id));
  return assembleArticle(ctx, results, {
    kind: 'pair',
    slug: `${A}-${B}-${ctx.asOf}`,
    params: { pair: `${A}:${B}`, asOf: ctx.asOf, related: relatedAll },
    kicker: `${cap(labelOf(A))} vs ${labelOf(B)}`,
    dateline: t`Data through the close of ${book.ref('asof', 'date')}`,
    windowStart: base ? (book.get(base).value as string) : null,
    definitions: [
      t`A streak is a run of consecutive sessions on which one fund's daily return was strictly above the other's, on the sessions both traded; a tie ends it. "Longest since" names the most recent earlier streak at least as long.`,
      t`The headline is chosen by a fixed rule: each candidate fact says how long it has been since something as large (its rarity, in whole years); the rarest wins, with ties going to streaks, then record runs, relative strength, the year-to-date gap and single sessions. The ranking is in the JSON version.`,
    ],
    noHeadline: `${A} vs ${B}: no fact to lead with on ${ctx.asOf}`,
  });
}
