/**
 * `marketdash main`: the main job on a fresh machine. Imports the data folder into the embedded
 * store when the store is empty, prints a summary of what is stored, and the headline facts.
 */
import type { Command } from 'commander';
import { perfFacts, streakFacts } from '../../facts/core.ts';
import { importPaths } from '../../store/ingest.ts';
import type { MarketStore } from '../../store/store.ts';
import { dataDir, dbPath, type GlobalOptions, withStore } from '../context.ts';
import { pct, pts } from '../format.ts';
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
    .description('the main job: import the data into the embedded store if it is empty, then summarise')
    .action(async (_o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const log = (s: string) => (g.json ? process.stderr.write(`${s}\n`) : process.stdout.write(`${s}\n`));
      const result = await withStore(g, async (store) => {
        const summary = await ensureImported(store, g, log);
        if (summary) log(renderImportSummary(summary).split('\n').slice(0, 2).join('\n'));
        const series = await store.listSeries();
        const perf = await perfFacts(store, { symbols: ['IWM', 'SPY'], period: 'ytd' });
        const streak = await streakFacts(store, { a: 'IWM', b: 'SPY' });
        return { db: dbPath(g), import: summary?.totals ?? null, series: series.length, perf, streak };
      });
      if (g.json) return printJson(result);
      const [iwm, spy] = result.perf.rows;
      log(`\n${result.series} series stored in ${result.db}`);
      log(`As of ${result.perf.asOf}: IWM ${pct(iwm.return)} YTD, SPY ${pct(spy.return)} (${pts(result.perf.spreads[0].spreadPts)}; ${result.perf.provenance.returnType}).`);
      const s = result.streak;
      if (s.current.length === 0) log(`IWM did not beat SPY on ${s.asOf}.`);
      else if (!s.longestSince) log(`IWM has beaten SPY for ${s.current.length} straight session(s), the longest run in data since ${s.dataStart}.`);
      else if (s.current.length >= 3) log(`IWM has beaten SPY for ${s.current.length} straight sessions, the longest run since the ${s.longestSince.length}-session streak ended ${s.longestSince.end}.`);
      else log(`IWM beat SPY on ${s.asOf} (a ${s.current.length}-session run).`);
      if (result.import && result.import.failed > 0) process.exitCode = 2;
    });
}
