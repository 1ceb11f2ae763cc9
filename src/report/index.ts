/**
 * Reports: data-backed market articles. `buildPairReport` / `buildSymbolReport` collect facts and
 * build the article model; `writeReport` renders Markdown, HTML and JSON. Every printed number is a
 * fact (with series, sources, dates and formula) in the JSON.
 */
export { buildPairReport, DEFAULT_PAIR, DEFAULT_RELATED, parsePair } from './pair.ts';
export type { PairReportOptions } from './pair.ts';
export { buildSymbolReport } from './symbol.ts';
export type { SymbolReportOptions } from './symbol.ts';
export { DEFAULT_OUT_DIR, FORMATS, parseFormats, writeReport } from './write.ts';
export type { Format } from './write.ts';
export { toHtml } from './html.ts';
export { toJson, toJsonDoc } from './json.ts';
export { toMarkdown } from './markdown.ts';
export { candidate, KIND_PRIORITY, MIN_RARITY_YEARS, pickHeadline, rankCandidates } from './headline.ts';
export { fmt } from './format.ts';
export type { ArticleModel, Candidate, Fact, Report } from './types.ts';
