/**
 * `marketdash main`: the main job on a fresh machine. Imports whatever files of the data folder the
 * store does not hold yet (by sha256, so an interrupted first run resumes), with progress on stderr,
 * writes the default report and serves the dashboard.
 */
import type { Command } from 'commander';
import { UserError } from '../../model/errors.ts';
import { DEFAULT_OUT_DIR, DEFAULT_PAIR } from '../../report/defaults.ts';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import type { ImportSummary } from '../../store/ingest.ts';
import type { MarketStore } from '../../store/store.ts';
import { dataDir, dbPath, type GlobalOptions, withStore } from '../context.ts';
import { printJson } from '../output.ts';
import { importFailures, importWithProgress, interruptedText, renderImportSummary } from './import.ts';

/** Import the data folder's files the store does not hold yet; null when it holds them all. */
export async function ensureImported(store: MarketStore, g: GlobalOptions, log: (s: string) => void): Promise<ImportSummary> {
  const held = (await store.imports()).length;
  log(held ? `store ${dbPath(g)} holds ${held} imported file(s); importing any of ${dataDir(g)} not imported yet …` : `importing ${dataDir(g)} into ${dbPath(g)} …`);
  return importWithProgress(store, [dataDir(g)], { dataRoot: dataDir(g), lenient: false }, 'main: import');
}

export function registerMain(program: Command): void {
  program
    .command('main')
    .description('the main job: import the data files not imported yet, write the default report (IWM:SPY), then serve the dashboard')
    .option('--out <dir>', 'report folder', DEFAULT_OUT_DIR)
    .option('--port <n>', 'dashboard port', '8080')
    .option('--no-serve', 'stop after the report instead of serving the dashboard')
    .action(async (o: { out: string; port: string; serve: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const log = (s: string) => (g.json ? process.stderr.write(`${s}\n`) : process.stdout.write(`${s}\n`));
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be 0..65535, got '${o.port}'`);
      // Loaded here, not at the top: reports (charts) and the server are needed by this command only.
      const { buildPairReport, writeReport } = await import('../../report/index.ts');
      const { indexFacts, plain } = await import('../../report/render-text.ts');
      const result = await withStore(g, async (store) => {
        const summary = await ensureImported(store, g, log);
        log(renderImportSummary(summary).split('\n').slice(0, 2).join('\n'));
        const failures = importFailures(summary);
        if (failures.length) process.stderr.write(`${failures.join('\n')}\n`);
        if (summary.interrupted) return { interrupted: interruptedText(summary, 'marketdash main') };
        const series = await store.listSeries();
        log(`${series.length} series stored in ${dbPath(g)}`);
        const report = await buildPairReport(store, { pair: DEFAULT_PAIR });
        const files = writeReport(report, { outDir: o.out });
        const facts = indexFacts(report.facts);
        return { db: dbPath(g), import: summary.totals, series: series.length, headline: plain(report.article.headline, facts), files };
      }, { write: true });
      if ('interrupted' in result) {
        process.stderr.write(`${result.interrupted}\n`);
        if (g.json) printJson({ error: { code: 'interrupted', message: result.interrupted } });
        process.exitCode = 130;
        return;
      }
      if (g.json) printJson(result);
      else {
        log(`\nReport: ${result.headline}`);
        log(`Files:\n${result.files.map((f) => `  ${f}`).join('\n')}`);
      }
      if (result.import && result.import.failed > 0) process.exitCode = 2;
      if (!o.serve) return;
      const { startServer } = await import('../../server/start.ts');
      const store = await DuckDbStore.open(dbPath(g), { readOnly: true });
      const server = await startServer(store, { port, token: process.env.MARKETDASH_TOKEN?.trim() || null });
      log(`\nDashboard: ${server.url}  (read-only; Ctrl-C to stop)`);
      const stop = async () => {
        await server.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
