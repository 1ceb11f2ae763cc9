/**
 * Scoring the checker against hand-labelled answers (the corpus under test/check/corpus/): each
 * labelled claim is matched to the checker's claim by its stated figure (focus text), type and
 * order; precision and recall are computed per verdict and per claim type. Pure: the caller reads the
 * files and runs the checks (`npm run check:corpus`, test/check/corpus-precision.test.ts).
 *
 * - A labelled claim the checker did not find counts as "unverifiable" (it made no verdict).
 * - A checker claim no answer labels is "unlabelled"; those are listed, and an unlabelled
 *   "contradicted" is reported separately (a false alarm must never hide there).
 * - Definite rate: of the labelled claims the data can settle (expected supported, approximately or
 *   contradicted), the share that got one of those verdicts rather than "unverifiable".
 */
import type { CheckResult, Verdict } from './types.ts';

export interface AnswerClaim {
  claim: string;
  /** The stated figure as the checker quotes it (null: a statement without a figure). */
  focus: string | null;
  /** Which of the claims with this focus (and type), in text order; default 0. */
  nth?: number;
  type: string | null;
  subject: string;
  expected: Verdict;
  why: string;
  /** How many times the page states it (duplicated page content); default 1. */
  count?: number;
}

export interface AnswerFile {
  style: string;
  asOf: string;
  claims: AnswerClaim[];
}

export interface Match {
  article: string;
  answer: AnswerClaim;
  got: Verdict;
  found: boolean;
  count: number | null;
  reason: string;
}

export interface ArticleMatches {
  matches: Match[];
  unlabelled: { article: string; type: string; focus: string; verdict: Verdict; reason: string }[];
}

export function matchAnswers(article: string, r: CheckResult, answers: AnswerFile): ArticleMatches {
  const used = new Set<number>();
  const focusOf = (i: number) => r.text.slice(r.claims[i].focus.start, r.claims[i].focus.end);
  const matches: Match[] = answers.claims.map((a) => {
    if (a.focus === null)
      return { article, answer: a, got: 'unverifiable', found: false, count: null, reason: 'no figure' };
    const idx = r.claims
      .map((_, i) => i)
      .filter((i) => focusOf(i) === a.focus && (a.type === null || r.claims[i].type === a.type));
    const i = idx[a.nth ?? 0];
    if (i === undefined)
      return { article, answer: a, got: 'unverifiable', found: false, count: null, reason: 'not found' };
    used.add(i);
    const c = r.claims[i];
    return { article, answer: a, got: c.verdict, found: true, count: c.count, reason: c.reason };
  });
  const unlabelled = r.claims
    .map((c, i) => ({ c, i }))
    .filter(({ i }) => !used.has(i))
    .map(({ c, i }) => ({ article, type: c.type, focus: focusOf(i), verdict: c.verdict, reason: c.reason }));
  return { matches, unlabelled };
}

export interface Rate {
  hits: number;
  of: number;
  value: number | null;
}

const rate = (hits: number, of: number): Rate => ({ hits, of, value: of > 0 ? hits / of : null });

export interface CorpusScore {
  labelled: number;
  byVerdict: Record<Verdict, { precision: Rate; recall: Rate }>;
  byType: Record<string, { accuracy: Rate; precisionContradicted: Rate; precisionSupported: Rate }>;
  definite: Rate;
  unlabelledContradicted: number;
}

const DEFINITE: Verdict[] = ['supported', 'approximately', 'contradicted'];

export function scoreMatches(all: readonly ArticleMatches[]): CorpusScore {
  const ms = all.flatMap((a) => a.matches);
  const verdicts: Verdict[] = ['supported', 'approximately', 'contradicted', 'unverifiable'];
  const byVerdict = Object.fromEntries(
    verdicts.map((v) => [
      v,
      {
        precision: rate(
          ms.filter((m) => m.got === v && m.answer.expected === v).length,
          ms.filter((m) => m.got === v).length,
        ),
        recall: rate(
          ms.filter((m) => m.got === v && m.answer.expected === v).length,
          ms.filter((m) => m.answer.expected === v).length,
        ),
      },
    ]),
  ) as CorpusScore['byVerdict'];
  const types = [...new Set(ms.map((m) => m.answer.type ?? 'other'))].sort();
  const byType: CorpusScore['byType'] = {};
  for (const t of types) {
    const of = ms.filter((m) => (m.answer.type ?? 'other') === t);
    const prec = (v: Verdict) =>
      rate(
        of.filter((m) => m.got === v && m.answer.expected === v).length,
        of.filter((m) => m.got === v).length,
      );
    byType[t] = {
      accuracy: rate(of.filter((m) => m.got === m.answer.expected).length, of.length),
      precisionContradicted: prec('contradicted'),
      precisionSupported: prec('supported'),
    };
  }
  const checkable = ms.filter((m) => DEFINITE.includes(m.answer.expected));
  return {
    labelled: ms.length,
    byVerdict,
    byType,
    definite: rate(checkable.filter((m) => DEFINITE.includes(m.got)).length, checkable.length),
    unlabelledContradicted: all.flatMap((a) => a.unlabelled).filter((u) => u.verdict === 'contradicted')
      .length,
  };
}

const pct = (r: Rate) => (r.value === null ? '   —  ' : `${(r.value * 100).toFixed(1).padStart(5)}%`);

/** The score as a plain-text table (what `npm run check:corpus` prints). */
export function renderScore(s: CorpusScore): string {
  const lines = [`${s.labelled} labelled claims`, '', 'verdict        precision          recall'];
  for (const [v, x] of Object.entries(s.byVerdict))
    lines.push(
      `${v.padEnd(14)} ${pct(x.precision)} (${x.precision.hits}/${x.precision.of})`.padEnd(34) +
        ` ${pct(x.recall)} (${x.recall.hits}/${x.recall.of})`,
    );
  lines.push('', 'claim type     accuracy           precision(contradicted)  precision(supported)');
  for (const [t, x] of Object.entries(s.byType))
    lines.push(
      `${t.padEnd(14)} ${pct(x.accuracy)} (${x.accuracy.hits}/${x.accuracy.of})`.padEnd(34) +
        ` ${pct(x.precisionContradicted)} (${x.precisionContradicted.hits}/${x.precisionContradicted.of})`.padEnd(
          25,
        ) +
        ` ${pct(x.precisionSupported)} (${x.precisionSupported.hits}/${x.precisionSupported.of})`,
    );
  lines.push(
    '',
    `definite verdicts on data-checkable claims: ${pct(s.definite)} (${s.definite.hits}/${s.definite.of})`,
    `contradicted verdicts on claims no answer labels: ${s.unlabelledContradicted}`,
  );
  return lines.join('\n');
}
