/** The `marketdash` command line: a thin shell over the layers below. */
import { Command } from 'commander';
import { registerAnalytics } from './commands/analytics.ts';
import { registerCheck } from './commands/check.ts';
import { registerDb } from './commands/db.ts';
import { registerFetch } from './commands/fetch.ts';
import { registerImport } from './commands/import.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerMain } from './commands/main-job.ts';
import { registerReport } from './commands/report.ts';
import { registerServe } from './commands/serve.ts';
import { registerSources } from './commands/sources.ts';
import { registerWorker } from './commands/worker.ts';
import { reportError } from './output.ts';

const program = new Command();
program
  .name('marketdash')
  .description('Market facts done right, from real daily data, with provenance.')
  .option('--db <file|url>', 'DuckDB store file or postgres://user@host:5432/db (env MARKETDASH_DB; default .marketdash/marketdash.duckdb in the project)')
  .option('--data <dir>', 'data folder (env MARKETDASH_DATA; default ../shared/data beside the project)')
  .option('--json', 'print one JSON document on stdout and nothing else there')
  .showHelpAfterError();

registerImport(program);
registerDb(program);
registerSources(program);
registerFetch(program);
registerAnalytics(program);
registerMain(program);
registerServe(program);
registerReport(program);
registerCheck(program);
registerWorker(program);
registerJobs(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  reportError(e, Boolean(program.opts().json) || process.argv.includes('--json'));
}
