/**
 * `npm run check:corpus`: runs the claim checker over the hand-labelled corpus in
 * test/check/corpus/ (each article beside its `.answers.json`) on the real data, and prints
 * precision and recall per verdict and per claim type, the share of data-checkable claims that got a
 * definite verdict, and every labelled claim the checker got wrong.
 *
 *   npm run check:corpus                 # imports the needed files into a temporary in-memory store
 *   MARKETDASH_DATA=DIR npm run check:corpus
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CheckResult, checkArticle, storeCheckData } from '../src/check/index.ts';
import {
  type AnswerFile,
  type ArticleMatches,
  type CorpusScore,
  matchAnswers,
  renderScore,
  scoreMatches,
} from '../src/check/score.ts';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../src/store/ingest.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
export const CORPUS_DIR = join(ROOT, 'test', 'check', 'corpus');

/** The data files the corpus articles talk about (and the size factor, the proxy before the price data). */
export const CORPUS_FILES = [
  ...['IWM', 'SPY', 'QQQ', 'DIA', 'IJH', 'IWC', 'MAGS', 'RUT_INDEX', 'GSPC_INDEX'].map(
    (f) => `prices/${f}.csv`,
  ),
  'factors/F-F_Research_Data_Factors_daily.csv',
];

export function corpusArticles(dir = CORPUS_DIR): { name: string; text: string; answers: AnswerFile }[] {
  return readdirSync(dir)
    .filter((f) => /\.(md|txt|html)$/.test(f))
    .sort()
    .map((name) => ({
      name,
      text: readFileSync(join(dir, name), 'utf8'),
      answers: JSON.parse(
        readFileSync(join(dir, name.replace(/\.(md|txt|html)$/, '.answers.json')), 'utf8'),
      ) as AnswerFile,
    }));
}

/** The corpus's markdown articles repeated (figures varied) up to just under the 2 MB input limit. */
export function bigArticle(dir = CORPUS_DIR): string {
  const md = corpusArticles(dir)
    .filter((a) => a.name.endsWith('.md'))
    .map((a) => a.text)
    .join('\n\n');
  let big = '';
  for (let k = 0; big.length < 1_990_000; k++)
    big += `${md.replace(/9\.60%/g, `${(9 + (k % 90) / 100).toFixed(2)}%`)}\n\n`;
  return big.slice(0, 1_990_000);
}

export async function runCorpus(
  store: DuckDbStore,
  dir = CORPUS_DIR,
): Promise<{
  articles: ArticleMatches[];
  score: CorpusScore;
  asOf: Record<string, string | null>;
  results: Record<string, CheckResult>;
}> {
  const articles: ArticleMatches[] = [];
  const asOf: Record<string, string | null> = {};
  const results: Record<string, CheckResult> = {};
  for (const a of corpusArticles(dir)) {
    const r = await checkArticle(a.text, storeCheckData(store));
    asOf[a.name] = r.asOf;
    results[a.name] = r;
    articles.push(matchAnswers(a.name, r, a.answers));
  }
  return { articles, score: scoreMatches(articles), asOf, results };
}

async function main(): Promise<void> {
  const data = process.env.MARKETDASH_DATA ?? resolve(ROOT, '..', 'shared', 'data');
  const store = await DuckDbStore.open(':memory:');
  try {
    await importPaths(
      store,
      CORPUS_FILES.map((f) => join(data, f)),
      { dataRoot: data, lenient: false },
    );
    const t0 = performance.now();
    const { articles, score } = await runCorpus(store);
    const ms = performance.now() - t0;
    for (const a of articles)
      for (const m of a.matches.filter((x) => x.got !== x.answer.expected))
        process.stdout.write(
          `MISS ${m.article}: "${m.answer.claim}" expected ${m.answer.expected}, got ${m.got} (${m.reason})\n`,
        );
    for (const u of articles.flatMap((a) => a.unlabelled).filter((x) => x.verdict === 'contradicted'))
      process.stdout.write(`UNLABELLED CONTRADICTED ${u.article}: ${u.type} "${u.focus}" (${u.reason})\n`);
    process.stdout.write(
      `${renderScore(score)}\nchecked ${articles.length} articles in ${ms.toFixed(0)} ms\n`,
    );
    // The 2 MB article: CPU time, not wall time (on a shared machine wall time measures the queue).
    const big = bigArticle();
    await checkArticle(big.slice(0, 20_000), storeCheckData(store)); // load the series once
    const c0 = process.cpuUsage();
    const r = await checkArticle(big, storeCheckData(store));
    const cpu = process.cpuUsage(c0);
    process.stdout.write(
      `2 MB article: ${r.claims.length} claims in ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of CPU (target under 2,000 ms)\n`,
    );
  } finally {
    await store.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
