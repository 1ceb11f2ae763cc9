/**
 * Starting workers: one BullMQ Worker per queue, each job run in a sandboxed child process
 * (bin/job-processor.mjs). Every instance upserts the schedulers (idempotent by id), so starting
 * several workers at once leaves one scheduler of each kind. close() lets active jobs finish.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { ensureAlertSchedulers } from '../jobs/alert-jobs.ts';
import { connectionFor, ensureSchedulers, type JobsConfig, openQueue, type QueueName } from '../jobs/queues.ts';

export const PROCESSOR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'job-processor.mjs');

export interface WorkerOptions {
  queues: QueueName[];
  concurrency: number;
  cfg: JobsConfig;
  /** Report folder for scheduled reports. */
  outDir: string;
  schedulers: boolean;
  /** Lock held per active job, renewed at half this by the parent (the job itself runs in a child). */
  lockDurationMs?: number;
  log?: (s: string) => void;
}

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

export async function startWorkers(o: WorkerOptions): Promise<RunningWorkers> {
  const log = o.log ?? (() => undefined);
  if (o.schedulers && o.queues.includes('reports')) {
    const q = openQueue('reports', o.cfg);
    try {
      log(`schedulers: ${(await ensureSchedulers(q, o.outDir)).join(', ')}`);
    } finally {
      await q.close();
    }
  }
  if (o.schedulers && o.queues.includes('alerts')) {
    const q = openQueue('alerts', o.cfg);
    try {
      log(`schedulers: ${(await ensureAlertSchedulers(q)).join(', ')}`);
    } finally {
      await q.close();
    }
  }
  const workers = o.queues.map((name) => {
    const w = new Worker(name, PROCESSOR, {
      connection: connectionFor(o.cfg),
      prefix: o.cfg.prefix,
      concurrency: o.concurrency,
      lockDuration: o.lockDurationMs ?? 60_000,
      // A worker that died (kill -9, machine lost) stops renewing its locks: its jobs go back to waiting within this.
      stalledInterval: o.lockDurationMs ?? 60_000,
      maxStalledCount: 2,
      useWorkerThreads: false,
    });
    w.on('completed', (job) => log(`${name} ${job.id}: done ${JSON.stringify(job.returnvalue)}`));
    w.on('failed', (job, err) => log(`${name} ${job?.id}: failed (attempt ${job?.attemptsMade}): ${err.message}`));
    w.on('error', (err) => log(`${name}: ${err.message}`));
    return w;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
