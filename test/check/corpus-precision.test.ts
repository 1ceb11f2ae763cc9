/**
 * The claim checker on the hand-labelled corpus (test/check/corpus/: 14 articles in the styles seen
 * in the wild, each with an answer file). Two things are tested:
 *  1. The answer files are right about the data: every labelled figure is recomputed here from the
 *     CSV files directly (a few lines of parsing, not MarketDash's importers or analytics), and a
 *     figure labelled "supported" must match it within rounding, one labelled "contradicted" must not.
 *  2. The checker meets the targets: precision of "contradicted" and of "supported" ≥ 0.98, ≥ 85% of
 *     the data-checkable claims get a definite verdict, no contradicted verdict on an unlabelled
 *     claim; duplicated page content is reported once with its count; true statements in every style.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, CORPUS_FILES, bigArticle, corpusArticles, runCorpus } from '../../bench/check-corpus.ts';
import { checkArticle, storeCheckData } from '../../src/check/index.ts';
import type { ArticleMatches } from '../../src/check/score.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { openSharedStore } from '../helpers/shared-store.ts';
import { DATA_DIR } from '../helpers/temp.ts';

// ---- independent reading of the CSV files --------------------------------------------------------
const closes = new Map<string, Map<string, number>>();
function csv(file: string): Map<string, number> {
  let m = closes.get(file);
  if (m) return m;
  const lines = readFileSync(join(DATA_DIR, 'prices', `${file}.csv`), 'utf8')
    .trim()
    .split(/\r?\n/);
  const head = lines[0].toLowerCase().split(',');
  const d = head.indexOf('date');
  const c = head.indexOf('close');
  m = new Map(
    lines
      .slice(1)
      .map((l) => l.split(','))
      .map((r) => [r[d], Number(r[c])] as [string, number]),
  );
  closes.set(file, m);
  return m;
}
const dates = (file: string) => [...csv(file).keys()].sort();
const pctReturn = (file: string, base: string, end: string) => {
  const s = csv(file);
  const a = s.get(base);
  const b = s.get(end);
  if (a === undefined || b === undefined) throw new Error(`${file}: no close on ${base} or ${end}`);
  return (b / a - 1) * 100;
};
/** Sessions in a row, ending at `end`, on which a's daily return beat b's. */
function relStreak(a: string, b: string, end: string): { n: number; runs: { n: number; end: string }[] } {
  const common = dates(a).filter((d) => csv(b).has(d) && d <= end);
  const runs: { n: number; end: string }[] = [];
  let n = 0;
  for (let i = 1; i < common.length; i++) {
    const ra = csv(a).get(common[i]) as number;
    const rb = csv(b).get(common[i]) as number;
    const pa = csv(a).get(common[i - 1]) as number;
    const pb = csv(b).get(common[i - 1]) as number;
    if (ra / pa > rb / pb) n++;
    else {
      if (n > 0) runs.push({ n, end: common[i - 1] });
      n = 0;
    }
  }
  return { n, runs };
}
/** Runs of consecutive sessions with SMB > 0 in the Fama-French daily factor file (table from line 5). */
function smbRuns(): { n: number; end: string }[] {
  const lines = readFileSync(join(DATA_DIR, 'factors', 'F-F_Research_Data_Factors_daily.csv'), 'utf8').split(
    /\r?\n/,
  );
  const runs: { n: number; end: string }[] = [];
  let n = 0;
  let last = '';
  for (const l of lines.slice(5)) {
    const f = l.split(',').map((x) => x.trim());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f[0] ?? '')) continue;
    if (Number(f[2]) > 0) n++;
    else {
      if (n > 0) runs.push({ n, end: last });
      n = 0;
    }
    last = f[0];
  }
  return runs;
}
function recordStreak(file: string, end: string): number {
  let max = -Infinity;
  let n = 0;
  for (const d of dates(file).filter((x) => x <= end)) {
    const c = csv(file).get(d) as number;
    n = c > max ? n + 1 : 0;
    max = Math.max(max, c);
  }
  return n;
}

type Data =
  | { kind: 'return'; file: string; base: string; end: string }
  | { kind: 'close'; file: string; date: string }
  | { kind: 'streak'; a: string; b: string; end: string }
  | { kind: 'record-streak'; file: string; end: string }
  | { kind: 'since'; a: string; b: string; end: string }
  /** As 'since', and before the pair's data the runs of SMB > 0 in the Fama-French daily factor file. */
  | { kind: 'since-smb'; a: string; b: string; end: string }
  | { kind: 'mean-return'; files: string[]; base: string; end: string };
interface Labelled {
  claim: string;
  expected: string;
  stated?: { value: number | string; decimals: number; qualifier: string };
  data?: Data;
}

function computed(d: Data): number | string {
  switch (d.kind) {
    case 'return':
      return pctReturn(d.file, d.base, d.end);
    case 'close':
      return csv(d.file).get(d.date) as number;
    case 'streak':
      return relStreak(d.a, d.b, d.end).n;
    case 'record-streak':
      return recordStreak(d.file, d.end);
    case 'since': {
      const { n, runs } = relStreak(d.a, d.b, d.end);
      const prev = runs.filter((r) => r.n >= n).pop();
      return prev ? prev.end.slice(0, 7) : 'record';
    }
    case 'since-smb': {
      const { n, runs } = relStreak(d.a, d.b, d.end);
      const prev = runs.filter((r) => r.n >= n).pop();
      if (prev) return prev.end.slice(0, 7);
      const first = dates(d.a).filter((x) => csv(d.b).has(x))[1]; // the first session with a comparison
      const smb = smbRuns()
        .filter((r) => r.n >= n && r.end < first)
        .pop();
      return smb ? smb.end.slice(0, 7) : 'record';
    }
    case 'mean-return':
      return d.files.reduce((s, f) => s + pctReturn(f, d.base, d.end), 0) / d.files.length;
  }
}

/** Does the stated figure hold on the computed value (the documented meaning of each qualifier)? */
function holds(st: NonNullable<Labelled['stated']>, c: number | string): boolean {
  if (typeof st.value === 'string') return String(c).startsWith(st.value);
  const s = st.value;
  const x = c as number;
  const half =
    st.decimals === 0 && Number.isInteger(s) && Math.abs(s) >= 2 && st.qualifier === 'exact'
      ? 0
      : 0.5 * 10 ** -st.decimals;
  switch (st.qualifier) {
    case 'more-than':
      return Math.sign(x) === Math.sign(s) && Math.abs(x) > Math.abs(s);
    case 'less-than':
      return Math.abs(x) < Math.abs(s);
    case 'at-least':
      return Math.abs(x) >= Math.abs(s);
    case 'about':
      return Math.abs(x - s) <= Math.max(0.1 * Math.abs(s), 10 ** -st.decimals);
    case 'flat':
      return Math.abs(x) < 0.1;
    default:
      return Math.abs(x - s) <= half + 1e-9;
  }
}

describe('corpus answer files agree with the data (recomputed from the CSV files)', () => {
  const articles = corpusArticles(CORPUS_DIR);
  it('has at least 12 articles, each with true statements and an answer for every labelled claim', () => {
    expect(articles.length).toBeGreaterThanOrEqual(12);
    for (const a of articles) {
      expect(a.answers.claims.length, a.name).toBeGreaterThan(0);
      expect(a.answers.style.length, a.name).toBeGreaterThan(10);
      // "Include true statements in every style": each article but the number-free rewrite has a supported figure.
      expect(
        a.answers.claims.some((c) => c.expected === 'supported'),
        a.name,
      ).toBe(true);
      for (const c of a.answers.claims) expect(c.why.length, `${a.name}: ${c.claim}`).toBeGreaterThan(5);
    }
  });
  for (const a of articles)
    it(`${a.name}: each figure labelled supported holds on the data, each labelled contradicted does not`, () => {
      const withData = (a.answers.claims as Labelled[]).filter((c) => c.data && c.stated);
      for (const c of withData) {
        const v = computed(c.data as Data);
        const ok = holds(c.stated as NonNullable<Labelled['stated']>, v);
        if (c.expected === 'supported') expect(ok, `${c.claim}: data give ${v}`).toBe(true);
        if (c.expected === 'contradicted') expect(ok, `${c.claim}: data give ${v}`).toBe(false);
        if (c.expected === 'approximately')
          expect(Math.abs((v as number) - (c.stated?.value as number))).toBeLessThan(0.5);
      }
      // Figures in the articles come from the data: every data-checkable label carries its computation.
      const checkable = a.answers.claims.filter(
        (c) => c.expected !== 'unverifiable' && c.type !== 'closed-day',
      );
      expect(withData.length).toBe(checkable.length);
    });
});

describe('the checker on the corpus', () => {
  let store: DuckDbStore;
  let result: Awaited<ReturnType<typeof runCorpus>>;
  beforeAll(async () => {
    ({ store } = await openSharedStore(CORPUS_FILES));
    result = await runCorpus(store);
  }, 120_000);
  afterAll(async () => store.close());

  it('meets the targets: precision(contradicted) ≥ 0.98, precision(supported) ≥ 0.98, ≥ 85% definite', () => {
    const s = result.score;
    expect(s.labelled).toBeGreaterThanOrEqual(80);
    expect(s.byVerdict.contradicted.precision.of).toBeGreaterThanOrEqual(5);
    expect(s.byVerdict.contradicted.precision.value as number).toBeGreaterThanOrEqual(0.98);
    expect(s.byVerdict.supported.precision.value as number).toBeGreaterThanOrEqual(0.98);
    expect(s.definite.value as number).toBeGreaterThanOrEqual(0.85);
    expect(s.unlabelledContradicted).toBe(0);
  });

  it('every data verdict carries its evidence: series, dates, computed value, formula, tolerance, binding', () => {
    let n = 0;
    for (const r of Object.values(result.results))
      for (const c of r.claims.filter((x) => x.verdict !== 'unverifiable' && x.evidence.series.length > 0)) {
        n++;
        const where = `${c.type} "${r.text.slice(c.focus.start, c.focus.end)}" in "${c.text.slice(0, 60)}"`;
        expect(Object.keys(c.evidence.dates).length, where).toBeGreaterThan(0);
        expect(c.computed, where).not.toBeNull();
        expect(c.evidence.formula, where).not.toBe('');
        expect(c.tolerance?.rule ?? '', where).not.toBe('');
        expect(c.evidence.binding ?? '', where).not.toBe('');
        for (const s of c.evidence.series)
          expect([s.symbol, s.first, s.last].every(Boolean), where).toBe(true);
      }
    expect(n).toBeGreaterThan(80);
  });

  it('each article is read as of its own date (datelines and "As of" phrases)', () => {
    for (const a of corpusArticles(CORPUS_DIR)) expect(result.asOf[a.name], a.name).toBe(a.answers.asOf);
  });

  it('a 2 MB article (the corpus, repeated with varied figures) is checked on the real data: the first 2000 claims, said in a note', async () => {
    // How long it takes is a benchmark (`npm run check:corpus` prints its CPU time), not a test.
    const r = await checkArticle(bigArticle(CORPUS_DIR), storeCheckData(store));
    expect(r.notes.join(' ')).toMatch(/only the first 2000 claims were checked/);
    expect(r.claims.length).toBeGreaterThan(50);
  }, 120_000);

  it('duplicated page content: each claim is reported once, with the number of times the page states it', () => {
    const dup = result.articles.find((a) => a.matches[0]?.article.startsWith('01-')) as ArticleMatches;
    for (const m of dup.matches.filter((x) => x.found))
      expect(m.count, m.answer.claim).toBe(m.answer.count ?? 1);
  });
});
