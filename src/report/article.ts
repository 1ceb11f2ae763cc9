/**
 * One assembly for every article: the sections' results in order, the headline by the tested rule
 * (headline.ts pickHeadline), the lede, the "Below: …" line, methods and the report model.
 */
import { UserError } from '../model/errors.ts';
import type { Ctx } from './context.ts';
import { t } from './factbook.ts';
import { FALLBACK_KINDS, pickHeadline, rankCandidates } from './headline.ts';
import { methods } from './methods.ts';
import type { LedeLine, SectionResult } from './sections/types.ts';
import type { ArticleModel, Candidate, Para, Report } from './types.ts';

export interface ArticleMeta {
  kind: ArticleModel['kind'];
  slug: string;
  params: ArticleModel['params'];
  kicker: string;
  dateline: Para;
  /** First session of the returns window, for the methods note. */
  windowStart: string | null;
  definitions: Para[];
  /** The error when no candidate qualifies for the headline. */
  noHeadline: string;
}

export function assembleArticle(ctx: Ctx, results: readonly SectionResult[], meta: ArticleMeta): Report {
  const sections = results.flatMap((r) => (r.section ? [r.section] : []));
  const omitted = results.flatMap((r) => (r.omitted ? [r.omitted] : []));
  const candidates = results.flatMap((r) => r.candidates ?? []);
  const ledeLines = results.flatMap((r) => r.lede ?? []);
  const top = pickHeadline(candidates);
  if (!top) throw new UserError(meta.noHeadline, 'not_found');
  const ranking = rankCandidates(candidates);
  const lede = ledeFrom(
    ranking,
    ledeLines.filter((l) => l.text !== top.sentence),
  );
  const present = sections.map((x) => x.title.toLowerCase());
  lede.push(
    t`Below: ${present.slice(0, -1).join('; ')}; and ${present[present.length - 1]}.${omitted.length ? t` Left out for lack of data: ${omitted.map((o) => o.title.toLowerCase()).join('; ')}.` : t``}`,
  );
  const m = methods(ctx, { windowStart: meta.windowStart, definitions: meta.definitions });
  return {
    facts: ctx.book.list(),
    article: {
      kind: meta.kind,
      slug: meta.slug.toLowerCase().replace(/[^a-z0-9.-]+/g, ''),
      asOf: ctx.asOf,
      params: meta.params,
      kicker: meta.kicker,
      headline: top.headline,
      dateline: meta.dateline,
      lede,
      sections,
      omitted,
      methods: m,
      ranking,
    },
  };
}

/**
 * The lede: the headline candidate's sentence and the year-to-date context; then the next qualifying
 * candidate of another kind (not a fallback) and the context lines of the sections, in their rank order.
 */
export function ledeFrom(ranking: Candidate[], lines: LedeLine[]): Para[] {
  const top = ranking[0];
  const ctxLines = [...lines].sort((a, b) => a.rank - b.rank).map((l) => l.text);
  const first: Para[] = [top.sentence];
  if (ctxLines.length > 0) first.push(ctxLines.shift()!);
  const second: Para[] = [];
  const next = ranking.find(
    (c, i) => i > 0 && c.qualifies && c.kind !== top.kind && !FALLBACK_KINDS.has(c.kind),
  );
  if (next) second.push(next.sentence);
  second.push(...ctxLines.slice(0, 3 - second.length));
  const para = (xs: Para[]) => xs.flatMap((x, i) => (i ? [' ', ...x] : x));
  return second.length ? [para(first), para(second)] : [para(first)];
}
