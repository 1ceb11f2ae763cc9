/**
 * `marketdash jobs add import PATH…` (one job per file, id import:sha256:<hex>: adding a file twice
 * is one job), `jobs add report [--pair A:B | --symbol S]`, `jobs add alert --as-of D [--rule N…]`
 * (id alert:<rule>:<session>), `jobs list`, `jobs retry`, `jobs clean`.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { addEvaluateJob, alertJobId } from '../../jobs/alert-jobs.ts';
import type { Queue } from 'bullmq';
import { type ImportJobData, importJobId, jobsConfig, parseQueues, type QueueName, type ReportJobData } from '../../jobs/config.ts';
import { UserError } from '../../model/errors.ts';
import { DEFAULT_OUT_DIR } from '../../report/defaults.ts';
import { listFiles } from '../../store/ingest.ts';
import { checkAsOf } from '../../alerts/run.ts';
import { ruleOrThrow } from '../../alerts/rules.ts';
import { dataDir, type GlobalOptions } from '../context.ts';
import { printJson, table } from '../output.ts';
import { withAlertStores } from './alerts.ts';

/** BullMQ (and ioredis) are loaded only by the commands that open a queue. */
async function withQueues<T>(names: QueueName[], fn: (qs: Queue[]) => Promise<T>): Promise<T> {
  const { openQueue } = await import('../../jobs/queues.ts');
  const qs = names.map((n) => openQueue(n, jobsConfig()));
  try {
    return await fn(qs);
  } finally {
    await Promise.all(qs.map((q) => q.close()));
  }
}

export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('the job queues on Redis (MARKETDASH_REDIS): add, list, retry, clean');
  const add = jobs.command('add').description('queue jobs');
  add
    .command('import')
    .description('queue one import job per data file under the paths')
    .argument('<paths...>', 'files or folders')
    .option('--lenient', 'skip bad rows instead of rejecting the file')
    .action(async (paths: string[], o: { lenient?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { files } = listFiles(paths);
      const root = dataDir(g);
      const added = await withQueues(['import'], async ([q]) => {
        const out: { file: string; id: string; new: boolean }[] = [];
        for (const f of files) {
          const id = importJobId(f);
          const existing = await q.getJob(id);
          const data: ImportJobData = { path: resolve(f), dataRoot: root, lenient: Boolean(o.lenient) };
          await q.add('import', data, { jobId: id });
          out.push({ file: f, id, new: !existing });
        }
        return out;
      });
      if (g.json) return printJson({ jobs: added });
      process.stdout.write(`${added.filter((a) => a.new).length} import job(s) queued, ${added.filter((a) => !a.new).length} already queued (same file content)\n`);
    });
  add
    .command('report')
    .description('queue a report job')
    .option('--pair <A:B>', 'pair article', 'IWM:SPY')
    .option('--symbol <symbols...>', 'weekly insight for these symbols instead')
    .option('--out <dir>', 'report folder', DEFAULT_OUT_DIR)
    .action(async (o: { pair: string; symbol?: string[]; out: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const data: ReportJobData = o.symbol ? { kind: 'digest', symbols: o.symbol, outDir: resolve(o.out) } : { kind: 'pair', pair: o.pair, outDir: resolve(o.out) };
      const job = await withQueues(['reports'], ([q]) => q.add('report', data));
      if (g.json) return printJson({ id: job.id });
      process.stdout.write(`report job ${job.id} queued\n`);
    });
  add
    .command('alert')
    .description('queue one evaluation job per active rule (or --rule) as of a session: id alert:<rule>:<session>, so adding it again is one job')
    .requiredOption('--as-of <date>', 'the session (YYYY-MM-DD)')
    .option('--rule <ids...>', 'only these rules')
    .action(async (o: { asOf: string; rule?: string[] }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const session = checkAsOf(o.asOf);
      const ids = await withAlertStores(g, async ({ state }) =>
        o.rule ? Promise.all(o.rule.map(async (r) => (await ruleOrThrow(state, r)).id)) : (await state.listRules()).filter((r) => r.state === 'active').map((r) => r.id),
      );
      const added = await withQueues(['alerts'], async ([q]) => {
        const out: { rule: number; id: string; new: boolean }[] = [];
        for (const id of ids) {
          const existing = await q.getJob(alertJobId(id, session));
          out.push({ rule: id, id: (await addEvaluateJob(q, id, session)).id as string, new: !existing });
        }
        return out;
      });
      if (g.json) return printJson({ jobs: added });
      process.stdout.write(`${added.filter((a) => a.new).length} alert job(s) queued for ${session}, ${added.filter((a) => !a.new).length} already queued\n`);
    });
  jobs
    .command('list')
    .description('job counts per state, recent jobs and schedulers')
    .option('--queues <list>', 'queues (default all)')
    .option('--limit <n>', 'recent jobs per queue', '20')
    .action(async (o: { queues?: string; limit: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit must be a positive integer, got '${o.limit}'`);
      const { queueState } = await import('../../jobs/queues.ts');
      const states = await withQueues(parseQueues(o.queues), (qs) => Promise.all(qs.map((q) => queueState(q, limit))));
      if (g.json) return printJson({ queues: states });
      for (const s of states) {
        process.stdout.write(`${s.queue}: ${Object.entries(s.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') || 'empty'}\n`);
        if (s.jobs.length) process.stdout.write(`${table(['id', 'name', 'state', 'attempts', 'error'], s.jobs.map((j) => [j.id ?? '', j.name, j.state, j.attemptsMade, j.failedReason]))}\n`);
        for (const sc of s.schedulers) process.stdout.write(`  scheduler ${sc.id}: ${sc.pattern} (${sc.tz}), next ${sc.next ? new Date(sc.next).toISOString() : '—'}\n`);
      }
    });
  jobs
    .command('retry')
    .description('retry every failed job')
    .option('--queues <list>', 'queues (default all)')
    .action(async (o: { queues?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const r = await withQueues(parseQueues(o.queues), (qs) =>
        Promise.all(qs.map(async (q) => ({ queue: q.name, failed: await q.getFailedCount(), retried: await q.retryJobs({ state: 'failed' }).then(() => true) }))),
      );
      if (g.json) return printJson({ queues: r });
      for (const x of r) process.stdout.write(`${x.queue}: ${x.failed} failed job(s) moved back to waiting\n`);
    });
  jobs
    .command('clean')
    .description('remove finished jobs older than --grace seconds')
    .option('--queues <list>', 'queues (default all)')
    .option('--state <state>', 'completed or failed', 'completed')
    .option('--grace <seconds>', 'keep jobs newer than this', '0')
    .action(async (o: { queues?: string; state: string; grace: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      if (o.state !== 'completed' && o.state !== 'failed') throw new UserError(`--state must be completed or failed, got '${o.state}'`);
      const grace = Number(o.grace);
      if (!Number.isFinite(grace) || grace < 0) throw new UserError(`--grace must be seconds >= 0, got '${o.grace}'`);
      const r = await withQueues(parseQueues(o.queues), (qs) =>
        Promise.all(qs.map(async (q) => ({ queue: q.name, removed: (await q.clean(grace * 1000, 100_000, o.state as 'completed' | 'failed')).length }))),
      );
      if (g.json) return printJson({ queues: r });
      for (const x of r) process.stdout.write(`${x.queue}: ${x.removed} ${o.state} job(s) removed\n`);
    });
}
