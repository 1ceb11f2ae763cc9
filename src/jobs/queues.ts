/**
 * The job queues (BullMQ on Redis) shared by the CLI (`jobs add|list|retry|clean`), the workers and
 * the server (/api/jobs): names, the Redis connection, idempotent job ids, and the schedulers (the
 * alerts queue's own ids, data and schedulers are in alert-jobs.ts).
 * Redis: MARKETDASH_REDIS (default redis://127.0.0.1:6379); key prefix: MARKETDASH_QUEUE_PREFIX
 * (default `marketdash`; tests use a unique one per run).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ConnectionOptions, type JobsOptions, Queue } from 'bullmq';
import { UserError } from '../model/errors.ts';

/** `alerts`: rule evaluation per (rule, session), delivery per outbox row, the daily/weekly schedulers (see alert-jobs.ts). */
export const QUEUE_NAMES = ['import', 'reports', 'alerts'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobsConfig {
  redis: string;
  prefix: string;
}

export function jobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  return { redis: env.MARKETDASH_REDIS ?? 'redis://127.0.0.1:6379', prefix: env.MARKETDASH_QUEUE_PREFIX ?? 'marketdash' };
}

/** ioredis options from a redis:// URL; workers need maxRetriesPerRequest null (BullMQ blocks on Redis). */
export function connectionFor(cfg: JobsConfig): ConnectionOptions {
  const u = new URL(cfg.redis);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new UserError(`MARKETDASH_REDIS must be a redis:// URL, got '${cfg.redis}'`);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    // Redis restarted or unreachable: keep trying (capped backoff) instead of giving up.
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  };
}

export function parseQueues(list: string | undefined): QueueName[] {
  if (!list) return [...QUEUE_NAMES];
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(QUEUE_NAMES as readonly string[]).includes(n)) throw new UserError(`--queues: unknown queue '${n}' (expected: ${QUEUE_NAMES.join(', ')})`);
  return names as QueueName[];
}

export function openQueue(name: QueueName, cfg: JobsConfig = jobsConfig()): Queue {
  return new Queue(name, { connection: connectionFor(cfg), prefix: cfg.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
}

/** Failed jobs are retried with backoff; finished jobs are kept for a while for `jobs list` and /api/jobs. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * The id of an import job: the sha256 of the file's bytes, so adding the same file twice (or
 * retrying) is one job. BullMQ refuses custom ids with exactly one ':', hence `import:sha256:<hex>`.
 */
export function importJobId(path: string): string {
  return `import:sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

export interface ImportJobData {
  path: string;
  dataRoot: string | null;
  lenient: boolean;
}

export interface ReportJobData {
  kind: 'pair' | 'digest';
  pair?: string;
  symbols?: string[];
  outDir: string;
  /** Only run on NYSE sessions (scheduled runs). */
  sessionsOnly?: boolean;
}

/** The schedulers: the daily pair report after the close and the weekly digest, New York time. */
export const SCHEDULERS = [
  { id: 'daily-pair-report', pattern: '30 17 * * 1-5', tz: 'America/New_York', name: 'daily-pair-report', data: { kind: 'pair', pair: 'IWM:SPY', sessionsOnly: true } },
  { id: 'weekly-digest', pattern: '0 18 * * 5', tz: 'America/New_York', name: 'weekly-digest', data: { kind: 'digest', sessionsOnly: false } },
] as const;

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
  const out: QueueState['jobs'] = [];
  for (const j of jobs) {
    out.push({
      id: j.id, name: j.name, state: await j.getState(), attemptsMade: j.attemptsMade, progress: j.progress,
      failedReason: j.failedReason ?? null, timestamp: j.timestamp, finishedOn: j.finishedOn ?? null,
    });
  }
  const schedulers = (await q.getJobSchedulers(0, 99, true)).map((s) => ({ id: s.key, pattern: s.pattern ?? null, tz: s.tz ?? null, next: s.next ?? null }));
  return { queue: q.name as QueueName, counts, jobs: out, schedulers };
}
