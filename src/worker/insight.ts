/**
 * The weekly insight renderer: the `report --symbol` article (or `report --pair`) as HTML + text.
 * Shared by the CLI (`digest`, `scheduler`) and the alerts queue's weekly job; the shells compose
 * report and alerts, neither imports the other. The report stack (echarts included) loads only when
 * an insight is written.
 */
import type { InsightRenderer } from '../alerts/digest.ts';
import type { MarketStore } from '../store/store.ts';

export function insightRenderer(store: MarketStore): InsightRenderer {
  return async (kind, target, weekEnding) => {
    const { buildPairReport, buildSymbolReport, toHtml, toMarkdown } = await import('../report/index.ts');
    const r = kind === 'symbol' ? await buildSymbolReport(store, { symbol: target, asOf: weekEnding }) : await buildPairReport(store, { pair: target, asOf: weekEnding });
    return { title: r.article.slug, html: toHtml(r.article, r.facts), text: toMarkdown(r.article, r.facts) };
  };
}
