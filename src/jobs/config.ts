/**
 * The job queues' names, Redis connection settings, job ids, job data and schedules: what the CLI,
 * the workers and the server share without loading BullMQ (queues.ts opens the queues themselves).
 * Redis: MARKETDASH_REDIS (default redis://127.0.0.1:6379); key prefix: MARKETDASH_QUEUE_PREFIX
 * (default `marketdash`; tests use a unique one per run).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions, JobsOptions } from 'bullmq';
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
