/**
 * The claim checker: `checkArticle(text, data, opts)` finds the factual claims in an article (plain
 * text, Markdown or HTML), checks each against the data (through a CheckData port) and against the
 * article itself, and returns per claim the quoted text, type, stated and computed values, tolerance,
 * verdict and evidence, with highlight spans into the normalised text. Pure apart from the port.
 */
import { aliasMatcher, type AliasEntry, DEFAULT_ALIASES, mergeAliases } from './aliases.ts';
import { cachedCheckData, type CheckData } from './data-port.ts';
import { extractClaims } from './extract.ts';
import { assertCheckableText, MAX_INPUT_CHARS } from './limits.ts';
import type { InputFormat } from './normalize.ts';
import { dataAsOfSession } from './resolve.ts';
import { type CheckedClaim, type CheckResult, type CheckSummary, VERDICTS } from './types.ts';
import { verifyClaim } from './verify.ts';

export type { AliasEntry } from './aliases.ts';
export { DEFAULT_ALIASES, parseAliasFile } from './aliases.ts';
export { cachedCheckData, type CheckData, memoryCheckData, storeCheckData } from './data-port.ts';
export { decodeInputBytes, MAX_INPUT_BYTES, MAX_INPUT_CHARS } from './limits.ts';
export { renderCheckResult } from './render.ts';
export type * from './types.ts';

export interface CheckOptions {
  /** As-of date YYYY-MM-DD for relative periods; overrides the text (the CLI's `--as-of`). */
  asOf?: string;
  /**
   * As-of date used only when the text names none (no "as of" phrase, no dateline): the dashboard's
   * "relative dates as of the latest session". An explicit date in the text always wins over it.
   */
  defaultAsOf?: string;
  /** Input format; default: detected. */
  format?: InputFormat;
  /** Extra aliases (from `--aliases FILE`), used before the default table. */
  aliases?: readonly AliasEntry[];
  /** Replace the default alias table instead of extending it. */
  replaceAliases?: boolean;
  /** Input limit in characters (default 2,000,000). */
  maxChars?: number;
  /** Claim limit (default 2,000). */
  maxClaims?: number;
}

/** Capitalised words that are not tickers even when a symbol of that name has data. */
const NOT_TICKERS = new Set(
  'A I AN AM AS AT BY DO GO HE IF IN IS IT ME MY NO OF OK ON OR SO TO UP US WE ETF ETFS CEO CFO GDP CPI PPI PCE NYSE YTD MTD QTD WTD USD EPS IPO FED SEC THE AND FOR BUT NOT ALL ANY NEW NOW TOP NOTE'.split(
    ' ',
  ),
);

/**
 * Alias entries for tickers the table does not list but the data has: a capitalised word of 2–5
 * letters ("BE", "KTOS") that names a stored price series is that series (the symbol is its own label).
 */
async function tickerAliases(
  text: string,
  known: readonly AliasEntry[],
  data: CheckData,
): Promise<AliasEntry[]> {
  if (!data.symbols) return [];
  const words = new Set<string>();
  for (const m of text.slice(0, MAX_INPUT_CHARS).matchAll(/(?<![\w^$.])([A-Z]{2,5})(?![\w])/g))
    words.add(m[1]);
  if (words.size === 0) return [];
  const taken = new Set(known.flatMap((e) => [...e.names, ...e.symbols.map((s) => s.symbol)]));
  const have = await data.symbols();
  return [...words]
    .filter((w) => !taken.has(w) && !NOT_TICKERS.has(w) && have.has(w))
    .sort()
    .map((w) => ({ label: w, names: [w], symbols: [{ symbol: w, proxy: false }] }));
}

export function summarize(claims: readonly CheckedClaim[]): CheckSummary {
  const s: CheckSummary = {
    total: claims.length,
    supported: 0,
    contradicted: 0,
    approximately: 0,
    unverifiable: 0,
    byType: {},
  };
  for (const c of claims) {
    s[c.verdict]++;
    s.byType[c.type] = (s.byType[c.type] ?? 0) + 1;
  }
  return s;
}

export async function checkArticle(
  text: string,
  data: CheckData,
  opts: CheckOptions = {},
): Promise<CheckResult> {
  assertCheckableText(text, opts.maxChars ?? MAX_INPUT_CHARS);
  const base = opts.replaceAliases
    ? [...(opts.aliases ?? [])]
    : mergeAliases(DEFAULT_ALIASES, opts.aliases ?? []);
  const cached = cachedCheckData(data);
  const entries = [...base, ...(await tickerAliases(text, base, cached))];
  const ex = extractClaims(text, {
    format: opts.format,
    asOf: opts.asOf,
    defaultAsOf: opts.defaultAsOf,
    matcher: aliasMatcher(entries),
    maxClaims: opts.maxClaims,
  });
  const asOf = ex.asOf.asOf;
  const dataAsOf = dataAsOfSession(asOf);
  const asOfNote =
    asOf === null
      ? null
      : `as-of ${asOf} (${ex.asOf.source}${ex.asOf.text ? `: "${ex.asOf.text}"` : ''})${dataAsOf && dataAsOf !== asOf ? `; not a session, data as of ${dataAsOf}` : ''}`;
  const notes = [...ex.notes];
  if (asOf && !dataAsOf)
    notes.push(
      `the as-of date ${asOf} is outside the NYSE calendar (1926-01-01..2030-12-31): periods relative to it cannot be checked`,
    );
  const dc = { data: cached, asOf, dataAsOf, asOfNote };
  const claims: CheckedClaim[] = [];
  const seen = new Map<string, CheckedClaim>();
  for (const c of ex.claims) {
    // A page that repeats itself (header block twice, the article scraped twice) states the same
    // claim again: it is checked and reported once, with a count.
    const params = JSON.stringify(c.params, (k, v) =>
      k === 'span' || k === 'table' || k === 'row' ? undefined : v,
    );
    const key = `${c.type}|${c.text}|${ex.text.slice(c.focus.start, c.focus.end)}|${JSON.stringify(c.stated)}|${params}`;
    const first = seen.get(key);
    if (first) {
      first.count++;
      first.repeats = [...(first.repeats ?? []), { span: c.span, focus: c.focus }];
      continue;
    }
    const checked = await verifyClaim(c, dc);
    seen.set(key, checked);
    claims.push(checked);
  }
  claims.forEach((c, i) => {
    c.id = i + 1;
  });
  return {
    asOf,
    asOfSource: ex.asOf.source,
    dataAsOf,
    format: ex.format,
    claims,
    summary: summarize(claims),
    spans: claims.map((c) => ({
      claim: c.id,
      start: c.span.start,
      end: c.span.end,
      focusStart: c.focus.start,
      focusEnd: c.focus.end,
      verdict: c.verdict,
    })),
    text: ex.text,
    notes,
  };
}

/** The JSON document of `marketdash check --json`: `{ asOf, claims: [{ text, type, stated, computed, verdict, evidence, … }], summary }`. */
export function checkResultJson(r: CheckResult): Record<string, unknown> {
  return {
    asOf: r.asOf,
    asOfSource: r.asOfSource,
    dataAsOf: r.dataAsOf,
    format: r.format,
    claims: r.claims.map((c) => ({
      id: c.id,
      text: c.text,
      type: c.type,
      stated: c.stated,
      computed: c.computed,
      verdict: c.verdict,
      tolerance: c.tolerance,
      reason: c.reason,
      evidence: c.evidence,
      span: c.span,
      focus: c.focus,
      count: c.count,
      ...(c.repeats ? { repeats: c.repeats } : {}),
    })),
    summary: r.summary,
    notes: r.notes,
  };
}

export { VERDICTS };
