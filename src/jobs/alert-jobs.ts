/**
 * The alerts queue: its job ids, data and schedulers. An evaluation job per (rule, session), id
 * `alert:<rule>:<session>`, so adding it again (a second scheduler tick, another instance, a retry)
 * is one job; a delivery job per outbox row and attempt, id `deliver:<outbox id>:<attempt>` (the
 * next attempt after a retryable failure is a new, delayed job). The state store's guarantees (one
 * event per rule and session, atomic outbox claims) make a job run twice harmless.
 */
import type { Queue } from 'bullmq';

export type AlertJobData =
  | { kind: 'evaluate'; ruleId: number; session: string }
  | { kind: 'deliver'; outboxId: number; attempt: number }
  /** The daily evaluation: on an NYSE session, one evaluate job per active rule and session it has not seen yet. */
  | { kind: 'daily' }
  /** The weekly digest, on the session that ends the NYSE week. */
  | { kind: 'weekly' }
  /** Whatever is due in the outbox and has no job (rows queued by the server, a lost job). */
  | { kind: 'sweep' };

export const alertJobId = (ruleId: number, session: string): string => `alert:${ruleId}:${session}`;
export const deliverJobId = (outboxId: number, attempt: number): string => `deliver:${outboxId}:${attempt}`;

/** Job names on the alerts queue (the sandboxed processor dispatches on them). */
export const ALERT_JOB_NAMES = { evaluate: 'alert-evaluate', deliver: 'alert-deliver', daily: 'alerts-daily', weekly: 'alerts-weekly', sweep: 'alerts-sweep' } as const;

/** New York time; the jobs themselves check the NYSE calendar (holidays, early closes are sessions). */
export const ALERT_SCHEDULERS = [
  { id: 'alerts-daily-evaluation', pattern: '15 18 * * 1-5', tz: 'America/New_York', name: ALERT_JOB_NAMES.daily, data: { kind: 'daily' } },
  { id: 'alerts-weekly-digest', pattern: '30 18 * * 1-5', tz: 'America/New_York', name: ALERT_JOB_NAMES.weekly, data: { kind: 'weekly' } },
  { id: 'alerts-delivery-sweep', pattern: '*/10 * * * *', tz: 'America/New_York', name: ALERT_JOB_NAMES.sweep, data: { kind: 'sweep' } },
] as const;

/** Upsert the alert schedulers by their fixed ids: any number of instances starting at once leave one of each. */
export async function ensureAlertSchedulers(q: Queue): Promise<string[]> {
  for (const s of ALERT_SCHEDULERS) await q.upsertJobScheduler(s.id, { pattern: s.pattern, tz: s.tz }, { name: s.name, data: s.data as AlertJobData });
  return ALERT_SCHEDULERS.map((s) => s.id);
}

export async function addEvaluateJob(q: Queue, ruleId: number, session: string) {
  const data: AlertJobData = { kind: 'evaluate', ruleId, session };
  return q.add(ALERT_JOB_NAMES.evaluate, data, { jobId: alertJobId(ruleId, session) });
}

export async function addDeliverJob(q: Queue, outboxId: number, attempt: number, delayMs = 0) {
  const data: AlertJobData = { kind: 'deliver', outboxId, attempt };
  return q.add(ALERT_JOB_NAMES.deliver, data, { jobId: deliverJobId(outboxId, attempt), delay: Math.max(0, Math.round(delayMs)) });
}
