/**
 * `marketdash main`: the main job on a fresh machine. Imports the data folder into the embedded
 * store when the store is empty, writes the default report and serves the dashboard.
 */
import type { Command } from 'commander';
import { UserError } from '../../model/errors.ts';
import { buildPairReport, DEFAULT_OUT_DIR, DEFAULT_PAIR, writeReport } from '../../report/index.ts';
import { indexFacts, plain } from '../../report/render-text.ts';
import { startOwnedServer } from '../../server/start.ts';
import { importPaths } from '../../store/ingest.ts';
import { isPostgresUrl, socketPathFor } from '../../store/open.ts';
import type { MarketStore } from '../../store/store.ts';
import { dataDir, dbPath, type GlobalOptions, openStore } from '../context.ts';
import { printJson } from '../output.ts';
import { renderImportSummary } from './import.ts';

export async function ensureImported(store: MarketStore, g: GlobalOptions, log: (s: string) => void) {
  const imports = await store.imports();
  if (imports.length > 0) {
    log(`store ${dbPath(g)} already holds ${imports.length} imported file(s); not importing again (run \`marketdash import ${dataDir(g)}\` to add new files)`);
    return null;
  }
  log(`importing ${dataDir(g)} into ${dbPath(g)} …`);
  const summary = await importPaths(store, [dataDir(g)], {
    dataRoot: dataDir(g),
    lenient: false,
    onFile: (done, total) => {
      if (process.stderr.isTTY && !g.json && (done % 25 === 0 || done === total)) process.stderr.write(`\r  ${done}/${total} files`);
    },
  });
  if (process.stderr.isTTY && !g.json) process.stderr.write('\n');
  return summary;
}

export function registerMain(program: Command): void {
  program
    .command('main')
    .description('the main job: import the data if the store is empty, write the default report (IWM:SPY), then serve the dashboard')
    .option('--out <dir>', 'report folder', DEFAULT_OUT_DIR)
    .option('--port <n>', 'dashboard port', '8080')
    .option('--no-serve', 'stop after the report instead of serving the dashboard')
    .action(async (o: { out: string; port: string; serve: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const log = (s: string) => (g.json ? process.stderr.write(`${s}\n`) : process.stdout.write(`${s}\n`));
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be 0..65535, got '${o.port}'`);
      const path = dbPath(g);
      // One read-write handle for the whole job; when it serves, the server keeps it and answers other commands on its socket.
      const store = await openStore(g, { readOnly: false, role: 'main', socket: o.serve && !isPostgresUrl(path) ? socketPathFor(path) : null });
      const work = async () => {
        const summary = await ensureImported(store, g, log);
        if (summary) log(renderImportSummary(summary).split('\n').slice(0, 2).join('\n'));
        const series = await store.listSeries();
        log(`${series.length} series stored in ${dbPath(g)}`);
        const report = await buildPairReport(store, { pair: DEFAULT_PAIR });
        const files = writeReport(report, { outDir: o.out });
        const facts = indexFacts(report.facts);
        return { db: dbPath(g), import: summary?.totals ?? null, series: series.length, headline: plain(report.article.headline, facts), files };
      };
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work();
      } catch (e) {
        await store.close();
        throw e;
      }
      if (g.json) printJson(result);
      else {
        log(`\nReport: ${result.headline}`);
        log(`Files:\n${result.files.map((f) => `  ${f}`).join('\n')}`);
      }
      if (result.import && result.import.failed > 0) process.exitCode = 2;
      if (!o.serve) return store.close();
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
