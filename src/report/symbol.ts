/**
 * The weekly insight for one symbol (what a subscriber to a ticker receives each week): the week's
 * return against its index and sector fund, the sessions of the week, the largest move and when a
 * move that large last happened, streaks, record highs, and its contribution to its index when a
 * holdings file lists it. Sections without data are left out with the reason.
 */
import type { MarketStore } from '../store/store.ts';
import { assembleArticle } from './article.ts';
import { t } from './factbook.ts';
import { nameOf } from './names.ts';
import { levelsSection } from './sections/levels.ts';
import { contributionSection } from './sections/symbol-contribution.ts';
import { streaksSection } from './sections/symbol-streaks.ts';
import { symbolSubject } from './sections/symbol-subject.ts';
import { titleCase } from './sections/symbol-text.ts';
import { weekSection } from './sections/symbol-week.ts';
import type { Report } from './types.ts';

export interface SymbolReportOptions {
  symbol: string;
  asOf?: string;
  /** Index to compare with when no holdings file lists the symbol; default SPY. */
  fallbackIndex?: string;
}

export async function buildSymbolReport(store: MarketStore, opts: SymbolReportOptions): Promise<Report> {
  const subj = await symbolSubject(store, opts);
  const { ctx, S, indexSym, sectorEtf, holding } = subj;
  const { book } = ctx;
  const results = [await weekSection(subj), await streaksSection(subj), await contributionSection(subj)];
  const lv = await levelsSection(ctx, [S]);
  results.push({ section: lv.section, candidates: lv.candidates }); // the symbol article does not list levels as omitted
  return assembleArticle(ctx, results, {
    kind: 'symbol',
    slug: `${S}-weekly-${ctx.asOf}`,
    params: { symbol: S, asOf: ctx.asOf, index: indexSym, sectorFund: sectorEtf ?? '' },
    kicker: `Weekly insight: ${S}${nameOf(S) !== S ? `, ${nameOf(S)}` : holding?.name ? `, ${titleCase(holding.name)}` : ''}`,
    dateline: t`Week to the close of ${book.ref('asof', 'date')}`,
    windowStart: book.has(`perf.ytd.${S}.base`) ? (book.get(`perf.ytd.${S}.base`).value as string) : null,
    definitions: [
      t`The headline is chosen by a fixed rule: each candidate fact says how long it has been since something as large (its rarity, in whole years); the rarest wins, with ties going to streaks, then record runs and single-session moves. The ranking is in the JSON version.`,
    ],
    noHeadline: `${S}: no fact to lead with on ${ctx.asOf}`,
  });
}
