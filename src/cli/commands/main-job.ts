/**
 * `marketdash main`: the main job on a fresh machine. Imports whatever files of the data folder the
 * store does not hold yet (by sha256, so an interrupted first run resumes), with progress on stderr,
 * writes the default report and serves the dashboard. One read-write handle for the whole job; when
 * it serves, the server keeps it and answers other commands on this store over its socket.
 */
import type { Command } from 'commander';
import { UserError } from '../../model/errors.ts';
import { DEFAULT_OUT_DIR, DEFAULT_PAIR } from '../../report/defaults.ts';
import type { ImportSummary } from '../../store/ingest.ts';
import { isPostgresUrl, socketPathFor } from '../../store/open.ts';
import type { MarketStore } from '../../store/store.ts';
import { afterWrite, beforeClose, dataDir, dbPath, type GlobalOptions, openStore } from '../context.ts';
import { printJson } from '../output.ts';
import { importFailures, importWithProgress, interruptedText, renderImportSummary } from './import.ts';

/** Import the data folder's files the store does not hold yet (none: every file is recognised and skipped). */
export async function ensureImported(store: MarketStore, g: GlobalOptions, log: (s: string) => void): Promise<ImportSummary> {
  const held = (await store.imports()).length;
  log(held ? `store ${dbPath(g)} holds ${held} imported file(s); importing any of ${dataDir(g)} not imported yet …` : `importing ${dataDir(g)} into ${dbPath(g)} …`);
  return importWithProgress(store, [dataDir(g)], { dataRoot: dataDir(g), lenient: false }, 'main: import');
}

async function importAndReport(store: MarketStore, g: GlobalOptions, out: string, log: (s: string) => void) {
  // Loaded here, not at the top: reports (charts) are needed by this command only.
  const { buildPairReport, writeReport } = await import('../../report/index.ts');
  const { indexFacts, plain } = await import('../../report/render-text.ts');
  const summary = await ensureImported(store, g, log);
  log(renderImportSummary(summary).split('\n').slice(0, 2).join('\n'));
  const failures = importFailures(summary);
  if (failures.length) process.stderr.write(`${failures.join('\n')}\n`);
  if (summary.interrupted) return { interrupted: interruptedText(summary, 'marketdash main') };
  const series = await store.listSeries();
  log(`${series.length} series stored in ${dbPath(g)}`);
  const report = await buildPairReport(store, { pair: DEFAULT_PAIR });
  const files = writeReport(report, { outDir: out });
  const facts = indexFacts(report.facts);
  return { db: dbPath(g), import: summary.totals, series: series.length, headline: plain(report.article.headline, facts), files };
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
      const path = dbPath(g);
      const store = await openStore(g, { readOnly: false, role: 'main', socket: o.serve && !isPostgresUrl(path) ? socketPathFor(path) : null });
      let result: Awaited<ReturnType<typeof importAndReport>>;
      try {
        result = await importAndReport(store, g, o.out, log);
      } catch (e) {
        await store.close();
        throw e;
      }
      if ('interrupted' in result) {
        await store.close();
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
      if (!o.serve) {
        const prepared = await beforeClose(path, store);
        await store.close();
        return afterWrite(path, store, prepared);
      }
      const { startOwnedServer } = await import('../../server/start.ts'); // the server stack loads for this command only
      let owned: Awaited<ReturnType<typeof startOwnedServer>>;
      try {
        owned = await startOwnedServer(path, { role: 'main', store, port, token: process.env.MARKETDASH_TOKEN?.trim() || null });
      } catch (e) {
        await store.close();
        throw e;
      }
      log(`\nDashboard: ${owned.server.url}  (read-only API; other marketdash commands on this store go through it; Ctrl-C to stop)`);
      const stop = async () => {
        await owned.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
