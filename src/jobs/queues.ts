/**
 * The job queues (BullMQ on Redis) shared by the CLI (`jobs add|list|retry|clean`), the workers and
 * the server (/api/jobs): opening a queue, the schedulers, a queue's state (names, connection, job ids
 * and data are in config.ts, re-exported here; the alerts queue's own ids, data and schedulers are in
 * alert-jobs.ts). Commands import config.ts and load this module only when they open a queue.
 */
import { Queue } from 'bullmq';
import { connectionFor, DEFAULT_JOB_OPTIONS, jobsConfig, type JobsConfig, type QueueName, type ReportJobData, SCHEDULERS } from './config.ts';

export * from './config.ts';

export function openQueue(name: QueueName, cfg: JobsConfig = jobsConfig()): Queue {
  return new Queue(name, { connection: connectionFor(cfg), prefix: cfg.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
}

/**
 * Create (or update) the schedulers. Upserting by a fixed scheduler id is atomic in Redis, so any
 * number of instances starting at once leave exactly one scheduler of each kind.
 */
export async function ensureSchedulers(q: Queue, outDir: string): Promise<string[]> {
  for (const s of SCHEDULERS) {
    await q.upsertJobScheduler(s.id, { pattern: s.pattern, tz: s.tz }, { name: s.name, data: { ...s.data, outDir } as ReportJobData });
  }
  return SCHEDULERS.map((s) => s.id);
}

export interface QueueState {
  queue: QueueName;
  counts: Record<string, number>;
  jobs: { id: string | undefined; name: string; state: string; attemptsMade: number; progress: unknown; failedReason: string | null; timestamp: number; finishedOn: number | null }[];
  schedulers: { id: string; pattern: string | null; tz: string | null; next: number | null }[];
}

/** Counts per state, the most recent jobs and the schedulers of one queue. */
export async function queueState(q: Queue, limit = 20): Promise<QueueState> {
  const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children');
  const jobs = await q.getJobs(['active', 'waiting', 'delayed', 'failed', 'completed'], 0, limit - 1, false);
  // The jobs' states asked together (pipelined on the connection), not one round trip after another:
  // 50 jobs × 3 queues in series took over /api/jobs's 3 s limit on a loaded machine.
  const states = await Promise.all(jobs.map((j) => j.getState()));
  const out: QueueState['jobs'] = jobs.map((j, i) => ({
    id: j.id, name: j.name, state: states[i], attemptsMade: j.attemptsMade, progress: j.progress,
    failedReason: j.failedReason ?? null, timestamp: j.timestamp, finishedOn: j.finishedOn ?? null,
  }));
  const schedulers = (await q.getJobSchedulers(0, 99, true)).map((s) => ({ id: s.key, pattern: s.pattern ?? null, tz: s.tz ?? null, next: s.next ?? null }));
  return { queue: q.name as QueueName, counts, jobs: out, schedulers };
}
