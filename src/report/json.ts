/** JSON writer: the article outline, the headline ranking, chart provenance and every fact. */
import { indexFacts, plain } from './render-text.ts';
import type { ArticleModel, Fact } from './types.ts';

export function toJsonDoc(article: ArticleModel, facts: readonly Fact[]) {
  const idx = indexFacts(facts);
  const txt = (p: Parameters<typeof plain>[0]) => plain(p, idx);
  return {
    report: {
      kind: article.kind,
      slug: article.slug,
      asOf: article.asOf,
      params: article.params,
      kicker: article.kicker,
      headline: txt(article.headline),
      dateline: txt(article.dateline),
      lede: article.lede.map(txt),
      sections: article.sections.map((s) => ({
        id: s.id,
        title: s.title,
        tables: s.blocks.filter((b) => b.kind === 'table').map((b) => b.id),
        charts: s.blocks.filter((b) => b.kind === 'chart').map((b) => b.id),
      })),
      omitted: article.omitted.map((o) => ({ id: o.id, title: o.title, reason: txt(o.reason) })),
      headlineRanking: article.ranking.map((c) => ({
        kind: c.kind,
        rarityYears: c.rarityYears,
        priority: c.priority,
        qualifies: c.qualifies,
        headline: txt(c.headline),
        facts: c.facts,
      })),
      charts: article.sections.flatMap((s) =>
        s.blocks.flatMap((b) =>
          b.kind === 'chart' ? [{ id: b.id, section: s.id, title: b.title, ...b.provenance }] : [],
        ),
      ),
      methods: article.methods.notes.map(txt),
      seriesNotes: article.methods.seriesNotes ?? [],
    },
    facts,
  };
}

export function toJson(article: ArticleModel, facts: readonly Fact[]): string {
  return `${JSON.stringify(toJsonDoc(article, facts), null, 2)}\n`;
}
