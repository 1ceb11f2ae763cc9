/**
 * The claim checker (src/check) and the report generator (src/report) behind the API: article text
 * in, verdicts out; a pair or symbol in, the generated article out (JSON, HTML or Markdown).
 */
import { checkArticle, checkResultJson, storeCheckData } from '../check/index.ts';
import type { MarketStore } from '../store/store.ts';
import { buildPairReport, buildSymbolReport, toHtml, toJsonDoc, toMarkdown } from '../report/index.ts';

export interface CheckRequest {
  text: string;
  asOf?: string;
  defaultAsOf?: string;
  format?: 'text' | 'markdown' | 'html';
}

/**
 * The document of `marketdash check --json`, plus what a page needs to highlight the claims: the
 * normalised text and one span per claim into it.
 */
export async function checkFacts(store: MarketStore, req: CheckRequest): Promise<Record<string, unknown>> {
  const r = await checkArticle(req.text, storeCheckData(store), {
    asOf: req.asOf,
    defaultAsOf: req.defaultAsOf,
    format: req.format,
  });
  return { ...checkResultJson(r), spans: r.spans, text: r.text };
}

export interface ReportRequest {
  pair?: string;
  symbol?: string;
  asOf?: string;
  format: 'json' | 'html' | 'markdown';
}

/** A generated article: the JSON document (article and facts), or its HTML / Markdown rendering. */
export async function reportFacts(store: MarketStore, req: ReportRequest): Promise<unknown> {
  const report = req.pair
    ? await buildPairReport(store, { pair: req.pair, asOf: req.asOf })
    : await buildSymbolReport(store, { symbol: req.symbol!, asOf: req.asOf });
  if (req.format === 'html') return toHtml(report.article, report.facts);
  if (req.format === 'markdown') return toMarkdown(report.article, report.facts);
  return toJsonDoc(report.article, report.facts);
}
