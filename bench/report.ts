/**
 * Section 4a: report generation: times buildPairReport(store, { pair: 'IWM:SPY' }) and
 * writeReport(report, { outDir, formats }) for md, html and json into a temp folder.
 */
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type BenchContext,
  type BenchSection,
  emptyResult,
  fmtInt,
  measure,
  type SectionResult,
  statOf,
} from './lib.ts';
import { buildPairReport, type Format, type Report, writeReport } from '../src/report/index.ts';

const PAIR = 'IWM:SPY';
const FORMATS = ['md', 'html', 'json'] as const;

export const reportSection: BenchSection = {
  id: 'report',
  title: `Report generation (buildPairReport ${PAIR}, then md/html/json files)`,
  async skipReason() {
    return null;
  },
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    const store = await ctx.ensureStore(log);
    const outDir = join(ctx.workDir, 'reports');
    const build = () => buildPairReport(store, { pair: PAIR });
    const write = (report: Report, formats: readonly Format[]) =>
      writeReport(report, { outDir, formats: [...formats] });

    // One loop: each run builds the report and writes each format, timed apart; the first run is the warm-up.
    const split: Record<'build' | (typeof FORMATS)[number], number[]> = {
      build: [],
      md: [],
      html: [],
      json: [],
    };
    const written: Record<string, { files: number; bytes: number; names: string[] }> = {};
    let report: Awaited<ReturnType<typeof build>> | null = null;
    const all = await measure(
      async () => {
        let t = performance.now();
        report = await build();
        split.build.push(performance.now() - t);
        for (const f of FORMATS) {
          t = performance.now();
          const files = write(report, [f]);
          split[f].push(performance.now() - t);
          written[f] = {
            files: files.length,
            bytes: files.reduce((a, p) => a + statSync(p).size, 0),
            names: files.map((p) => basename(p)),
          };
        }
      },
      { warmup: 1, minReps: 2, maxReps: 4, budgetMs: 6000 },
    );
    const timed = (xs: number[]) => statOf(xs.slice(all.stat.warmup), all.stat.warmup);
    const r = report as Awaited<ReturnType<typeof build>> | null;
    res.rows.push({
      name: `buildPairReport ${PAIR}`,
      stat: timed(split.build),
      note: `${fmtInt(r?.facts?.length ?? 0)} facts, ${r?.article?.sections?.length ?? '?'} sections, slug ${r?.article?.slug ?? '?'}`,
      extra: { facts: r?.facts?.length ?? null },
    });
    for (const f of FORMATS) {
      const w = written[f];
      res.rows.push({
        name: `  writeReport ${f}`,
        stat: timed(split[f]),
        note: `${w.files} file(s), ${fmtInt(w.bytes)} bytes: ${w.names.join(', ').slice(0, 90)}`,
        extra: { files: w.files, bytes: w.bytes },
      });
    }
    res.rows.push({ name: 'build + write md, html, json', stat: all.stat, note: 'to a temp folder' });
    res.checks.push({
      name: 'report files written (md, html, json)',
      ok: FORMATS.every((f) => written[f].files > 0 && written[f].bytes > 0),
      detail: FORMATS.map((f) => `${f}: ${written[f].files} file(s), ${fmtInt(written[f].bytes)} B`).join(
        '; ',
      ),
    });
    return res;
  },
};
