/** The `marketdash` command tree, built without running it (main.ts runs it; tests walk it). */
import type { Command } from 'commander';
import { registerAlerts } from './commands/alerts.ts';
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
import { registerSubscriptions } from './commands/subscriptions.ts';
import { registerWorker } from './commands/worker.ts';
import { registerCompletion } from './completion.ts';
import { rootCommand } from './root.ts';
import { applyConventions } from './usage.ts';

export function buildProgram(): Command {
  const program = rootCommand();
  registerImport(program);
  registerDb(program);
  registerSources(program);
  registerFetch(program);
  registerAnalytics(program);
  registerMain(program);
  registerServe(program);
  registerReport(program);
  registerCheck(program);
  registerAlerts(program);
  registerSubscriptions(program);
  registerWorker(program);
  registerJobs(program);
  registerCompletion(program);
  applyConventions(program);
  return program;
}
