/**
 * Text → claims. Normalises the input (normalize.ts), finds the as-of date (resolve.ts), the tables
 * (tables.ts) and the sentences (sentences.ts), then runs the extractors over every sentence:
 * returns, spreads and "flat" (extract-returns.ts), streaks and records (extract-streaks.ts), levels
 * (extract-levels.ts), the self-checks (self-check*.ts), and the figures inside tables
 * (extract-tables.ts); a rank question answered in the next sentence ("The last time we saw a run
 * like this? March 2009.", extract-streak-rank.ts). Every claim carries spans into the normalised
 * text. Pure: no data access.
 */
import { aliasMatcher, type AliasMatcher, subjectFrom } from './aliases.ts';
import { ClaimSink } from './claims.ts';
import { buildContext, isObject, soleSentencePeriod } from './context.ts';
import { extractLevels } from './extract-levels.ts';
import { adjustmentTopic, extractReturns, type ReturnMention } from './extract-returns.ts';
import { extractRankAnswer, type RankQuestion, rankQuestion } from './extract-streak-rank.ts';
import { extractStreaks } from './extract-streaks.ts';
import { extractTableFigures } from './extract-tables.ts';
import { MAX_CLAIMS } from './limits.ts';
import { type InputFormat, normalizeText } from './normalize.ts';
import { type AsOfResolution, resolveAsOf } from './resolve.ts';
import {
  extractClosedDays,
  extractDifferences,
  extractDistances,
  extractMultiples,
  extractWeekdays,
} from './self-check.ts';
import {
  extractTableContributions,
  findTextContributions,
  finishTextContributions,
  type PendingContribution,
} from './self-check-contrib.ts';
import { extractTableAggregates } from './self-check-aggregates.ts';
import { type Sentence, splitSentences } from './sentences.ts';
import { findTables, type Table } from './tables.ts';
import type { Claim, PeriodRef, SubjectRef } from './types.ts';

export interface ExtractOptions {
  format?: InputFormat;
  asOf?: string;
  defaultAsOf?: string;
  matcher?: AliasMatcher;
  maxClaims?: number;
}

export interface Extraction {
  text: string;
  format: InputFormat;
  asOf: AsOfResolution;
  tables: Table[];
  sentences: Sentence[];
  claims: Claim[];
  notes: string[];
}

export function extractClaims(input: string, opts: ExtractOptions = {}): Extraction {
  const { text, format } = normalizeText(input, opts.format);
  const matcher = opts.matcher ?? aliasMatcher();
  const asOf = resolveAsOf(text, opts.asOf, opts.defaultAsOf);
  const tables = findTables(text, matcher);
  const sentences = splitSentences(
    text,
    tables.map((t) => t.span),
  );
  const sink = new ClaimSink(opts.maxClaims ?? MAX_CLAIMS);
  const notes: string[] = [];
  const returns: { mention: ReturnMention; sentence: number }[] = [];
  const spreads: Claim[] = [];
  const claimSentence = new Map<number, number>();
  const pending: PendingContribution[] = [];
  let carried: { subject: SubjectRef; block: number } | null = null;
  let carriedPeriod: { period: PeriodRef; block: number } | null = null;
  let topic: { word: string; block: number } | null = null;
  let lastStreak: { claim: Claim; block: number } | null = null;
  let question: RankQuestion | null = null;
  let skipped = 0;
  for (const s of sentences) {
    if (sink.full) break;
    if (s.skipped) {
      skipped++;
      continue;
    }
    const ctx = buildContext(
      text,
      s,
      matcher,
      carried,
      asOf.asOf,
      asOf.source === 'dateline' ? (asOf.span ?? null) : null,
      carriedPeriod,
    );
    ctx.topic = topic && topic.block === s.block ? topic.word : null;
    const before = sink.claims.length;
    if (question) extractRankAnswer(ctx, question, text, sink);
    const rets = extractReturns(ctx, sink);
    for (const r of rets) returns.push({ mention: r, sentence: s.index });
    extractStreaks(ctx, sink);
    extractLevels(ctx, sink);
    extractMultiples(ctx, sink);
    extractDistances(ctx, sink);
    extractWeekdays(ctx, sink);
    extractClosedDays(ctx, sink);
    extractTableAggregates(ctx, tables, sink);
    pending.push(...findTextContributions(ctx, rets));
    for (const c of sink.claims.slice(before)) {
      claimSentence.set(c.id, s.index);
      if (c.type === 'spread') spreads.push(c);
      if (c.params.kind === 'streak' && !c.params.since) lastStreak = { claim: c, block: s.block };
    }
    question = rankQuestion(ctx, lastStreak?.block === s.block ? lastStreak.claim : null);
    const subj = ctx.aliases.find((a) => !isObject(ctx, a));
    if (subj) carried = { subject: subjectFrom(subj), block: s.block };
    const sole = soleSentencePeriod(ctx);
    carriedPeriod = sole ? { period: sole, block: s.block } : ctx.periods.length > 0 ? null : carriedPeriod;
    const word = adjustmentTopic(ctx);
    if (word) topic = { word, block: s.block };
  }
  if (skipped > 0)
    notes.push(`${skipped} over-long sentence(s) (no sentence break within 1,500 characters) were not read`);
  extractDifferences(spreads, returns, (c) => claimSentence.get(c.id) ?? -1, sink);
  const articleReturn = articleReturns(returns);
  finishTextContributions(pending, articleReturn, sink);
  for (const t of tables)
    extractTableContributions(t, text, returnBefore(text, matcher, articleReturn), sink);
  const unnamed = extractTableFigures(tables, text, matcher, asOf.asOf, sink);
  if (unnamed > 0)
    notes.push(`${unnamed} table figure(s) in rows that name no known series were not checked against data`);
  if (sink.dropped > 0)
    notes.push(`only the first ${sink.max} claims were checked; ${sink.dropped} more were left out`);
  // The dateline is the publication date, not a market event.
  const dl = asOf.span;
  const kept = dl
    ? sink.claims.filter(
        (c) => !(c.type === 'closed-day' && c.focus.start < dl.end && dl.start < c.focus.end),
      )
    : sink.claims;
  const claims = [...kept].sort(
    (a, b) => a.span.start - b.span.start || a.focus.start - b.focus.start || a.id - b.id,
  );
  claims.forEach((c, i) => {
    c.id = i + 1;
  });
  return { text, format, asOf, tables, sentences, claims, notes };
}

type ArticleReturn = (label: string, near: Claim | null) => { value: number; decimals: number } | null;

/**
 * The article's own figure for a series' return (exact ones only): the one for the same period as
 * `near` when there is one, else the first.
 */
function articleReturns(returns: { mention: ReturnMention; sentence: number }[]): ArticleReturn {
  const returnsByLabel = new Map<string, { mention: ReturnMention; sentence: number }[]>();
  for (const r of returns) {
    if (!r.mention.subject || r.mention.claim.stated.qualifier !== 'exact') continue;
    const l = returnsByLabel.get(r.mention.subject.label) ?? [];
    l.push(r);
    returnsByLabel.set(r.mention.subject.label, l);
  }
  return (label, near) => {
    const nearPeriod: PeriodRef | null = near && near.params.kind === 'return' ? near.params.period : null;
    const cands = (returnsByLabel.get(label) ?? []).filter((r) => r.mention.claim !== near);
    const same = cands.find((r) => {
      const p = r.mention.claim.params.kind === 'return' ? r.mention.claim.params.period : null;
      return (
        nearPeriod &&
        p &&
        p.named === nearPeriod.named &&
        p.from === nearPeriod.from &&
        p.to === nearPeriod.to
      );
    });
    const hit = same ?? (nearPeriod ? undefined : cands[0]) ?? cands[0];
    return hit
      ? { value: hit.mention.claim.stated.value as number, decimals: hit.mention.claim.stated.decimals }
      : null;
  };
}

/** For a table: the article's return of the last series named in the 300 characters before it. */
function returnBefore(text: string, matcher: AliasMatcher, articleReturn: ArticleReturn) {
  return (pos: number): { value: number; decimals: number; label: string } | null => {
    const head = text.slice(Math.max(0, pos - 300), pos);
    const names = matcher.find(head, Math.max(0, pos - 300));
    for (let i = names.length - 1; i >= 0; i--) {
      const r = articleReturn(names[i].entry.label, null);
      if (r) return { ...r, label: names[i].entry.label };
    }
    return null;
  };
}
