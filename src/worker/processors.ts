/**
 * What a worker does with a job. Runs in a sandboxed child process (bin/job-processor.mjs), so
 * parsing a large file or building a report never blocks the parent's lock renewal, and a crashed
 * job cannot take the worker down. Imports are idempotent (the store skips a file it already holds),
 * so a job retried after a crash stores each row once. Alert jobs are in alert-jobs.ts.
 */
import type { SandboxedJob } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import type { AlertJobData } from '../jobs/alert-jobs.ts';
import type { ImportJobData, ReportJobData } from '../jobs/queues.ts';
import { isSession } from '../model/calendar.ts';
import { UserError } from '../model/errors.ts';
import { buildPairReport, buildSymbolReport, writeReport } from '../report/index.ts';
import { importOne } from '../store/ingest.ts';
import { isPostgresUrl, openMarketStore } from '../store/open.ts';
import type { MarketStore } from '../store/store.ts';

let shared: MarketStore | null = null;

/** The store named by MARKETDASH_DB: a PostgreSQL pool is kept for the child's life; a DuckDB file is opened per job and let go. */
async function withStore<T>(fn: (s: MarketStore) => Promise<T>): Promise<T> {
  const location = process.env.MARKETDASH_DB;
  if (!location) throw new UnrecoverableError('MARKETDASH_DB is not set for the worker');
  if (isPostgresUrl(location)) {
    shared ??= await openMarketStore(location, { readOnly: false, role: 'worker' });
    return fn(shared);
  }
  const store = await openMarketStore(location, { readOnly: false, role: 'worker' });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Today's date in New York (the exchange's calendar day). */
export function newYorkDate(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export async function importJob(job: SandboxedJob<ImportJobData>) {
  const outcome = await withStore((store) => importOne(store, job.data.path, { dataRoot: job.data.dataRoot, lenient: job.data.lenient }));
  if (outcome.status === 'failed') {
    const msg = outcome.error ?? 'import failed';
    // A bad file stays bad: no retry. A store or connection problem is retried with backoff.
    if (/cannot connect|lost the connection|is held by|terminat|Connection|ECONN|EPIPE/i.test(msg)) throw new Error(msg);
    throw new UnrecoverableError(msg);
  }
  return { file: outcome.file, status: outcome.status, rowsRead: outcome.rowsRead, rowsNew: outcome.rowsNew, rowsRevised: outcome.rowsRevised };
}

export async function reportJob(job: SandboxedJob<ReportJobData>) {
  const d = job.data;
  const today = newYorkDate();
  if (d.sessionsOnly && !isSession(today)) return { skipped: `${today} is not an NYSE session` };
  return withStore(async (store) => {
    if (d.kind === 'pair') {
      const report = await buildPairReport(store, { pair: d.pair });
      return { files: writeReport(report, { outDir: d.outDir }) };
    }
    const files: string[] = [];
    for (const symbol of d.symbols ?? ['IWM', 'SPY']) files.push(...writeReport(await buildSymbolReport(store, { symbol }), { outDir: d.outDir }));
    return { files };
  });
}

export async function processJob(job: SandboxedJob): Promise<unknown> {
  try {
    if (job.name.startsWith('alert')) {
      const { alertJob } = await import('./alert-jobs.ts');
      return await alertJob(job as SandboxedJob<AlertJobData>, withStore, newYorkDate());
    }
    if (job.name === 'import') return await importJob(job as SandboxedJob<ImportJobData>);
    return await reportJob(job as SandboxedJob<ReportJobData>);
  } catch (e) {
    if (e instanceof UserError && e.code === 'bad_input') throw new UnrecoverableError(e.message);
    throw e;
  }
}
