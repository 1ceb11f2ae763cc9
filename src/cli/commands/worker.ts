/**
 * `marketdash worker [--queues import,reports,alerts] [--concurrency N]`: process jobs from Redis until
 * SIGTERM/SIGINT, which stops taking jobs and lets the active ones finish before exiting.
 */
import type { Command } from 'commander';
import { jobsConfig, parseQueues } from '../../jobs/config.ts';
import { UserError } from '../../model/errors.ts';
import { DEFAULT_OUT_DIR } from '../../report/defaults.ts';
import { dataDir, dbPath, type GlobalOptions, shownDb } from '../context.ts';
import { printJson } from '../output.ts';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('process queued jobs (imports, reports, alert evaluation and delivery) from Redis (MARKETDASH_REDIS); SIGTERM finishes active jobs, then exits')
    .option('--queues <list>', 'queues to take jobs from (import,reports,alerts)')
    .option('--concurrency <n>', 'jobs at once per queue', '1')
    .option('--out <dir>', 'report folder for scheduled reports', DEFAULT_OUT_DIR)
    .option('--no-schedulers', 'do not create the report and alert schedulers')
    .action(async (o: { queues?: string; concurrency: string; out: string; schedulers: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const queues = parseQueues(o.queues);
      const concurrency = Number(o.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UserError(`--concurrency must be 1..64, got '${o.concurrency}'`);
      // The sandboxed job processes inherit where the store and the data live.
      process.env.MARKETDASH_DB = dbPath(g);
      process.env.MARKETDASH_DATA = dataDir(g);
      const cfg = jobsConfig();
      const log = (s: string) => process.stderr.write(`[worker ${process.pid}] ${s}\n`);
      const lockMs = Number(process.env.MARKETDASH_JOB_LOCK_MS ?? 60_000);
      if (!Number.isFinite(lockMs) || lockMs < 1000) throw new UserError(`MARKETDASH_JOB_LOCK_MS must be at least 1000, got '${process.env.MARKETDASH_JOB_LOCK_MS}'`);
      const { startWorkers } = await import('../../worker/run.ts'); // BullMQ is loaded by this command only
      const running = await startWorkers({ queues, concurrency, cfg, outDir: o.out, schedulers: o.schedulers, log, lockDurationMs: lockMs });
      const info = { pid: process.pid, queues, concurrency, db: shownDb(g), redis: cfg.redis.replace(/\/\/[^@]*@/, '//***@'), prefix: cfg.prefix };
      if (g.json) printJson(info);
      else process.stdout.write(`MarketDash worker ${process.pid}: queues ${queues.join(', ')} (concurrency ${concurrency}), store ${info.db}. SIGTERM or Ctrl-C to stop.\n`);
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        log('stopping: finishing active jobs…');
        await running.close();
        log('stopped');
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
