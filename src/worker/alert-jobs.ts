/**
 * The alerts queue's jobs, run in the sandboxed job process (see processors.ts):
 *  - evaluate (`alert:<rule>:<session>`): the rule as of the session (every series cut there), then one
 *    delivery job per pending outbox row of its event. A retry after a crash finds the event written
 *    (one per rule and session) or nothing (the transaction rolled back), and queues the same jobs.
 *  - deliver (`deliver:<outbox id>:<attempt>`): claims that row (the job id is the claimer, so the same
 *    job retried after its process died takes its own claim over), sends, records; a retryable failure
 *    queues the next attempt as a delayed job at the row's next attempt time.
 *  - daily / weekly / sweep: the schedulers' jobs, gated on the NYSE calendar in New York time.
 */
import type { Queue, SandboxedJob } from 'bullmq';
import { stateData } from '../alerts/data.ts';
import { defaultSenders, deliver, deliverClaimed, deliverySettings } from '../alerts/deliver.ts';
import { weeklyDigest } from '../alerts/digest.ts';
import { runAlerts } from '../alerts/run.ts';
import { endsWeek } from '../alerts/scheduler.ts';
import { addDeliverJob, addEvaluateJob, type AlertJobData } from '../jobs/alert-jobs.ts';
import { jobsConfig, openQueue } from '../jobs/queues.ts';
import { isSession, nextSession, sessionsBetween } from '../model/calendar.ts';
import { isPostgresUrl } from '../store/open.ts';
import { openState } from '../store/state/open.ts';
import type { StateStore } from '../store/state/state-store.ts';
import type { MarketStore } from '../store/store.ts';
import { insightRenderer } from './insight.ts';

let sharedState: StateStore | null = null;
let queue: Queue | null = null;

/** The state store beside MARKETDASH_DB: a PostgreSQL pool is kept for the process's life; a SQLite file is opened per job. */
async function withState<T>(fn: (s: StateStore) => Promise<T>): Promise<T> {
  const location = process.env.MARKETDASH_DB as string;
  if (isPostgresUrl(location) || (process.env.MARKETDASH_STATE && isPostgresUrl(process.env.MARKETDASH_STATE))) {
    sharedState ??= await openState(location);
    return fn(sharedState);
  }
  const s = await openState(location);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

const alertsQueue = () => {
  queue ??= openQueue('alerts', jobsConfig());
  return queue;
};

/** One delivery job per row of the session's events (one per watchlist member that fired) still to send (pending); a job already there is not added again. */
async function queueDeliveries(state: StateStore, ruleId: number, session: string): Promise<number[]> {
  const events = new Set((await state.listEvents({ ruleId, from: session, to: session, limit: 10_000 })).map((e) => e.id));
  if (events.size === 0) return [];
  const rows = (await state.listOutbox({ status: 'pending' })).filter((o) => o.eventId !== null && events.has(o.eventId));
  for (const r of rows) await addDeliverJob(alertsQueue(), r.id, r.attempts + 1, Date.parse(r.nextAttemptAt) - Date.now());
  return rows.map((r) => r.id);
}

async function evaluateJob(d: { ruleId: number; session: string }, withStore: WithStore) {
  return withState((state) =>
    withStore(async (market) => {
      const run = await runAlerts(state, await stateData(state, market, d.session), d.session, { ruleId: d.ruleId });
      const deliveries = await queueDeliveries(state, d.ruleId, d.session);
      return { rule: d.ruleId, session: d.session, result: run.rules[0]?.result ?? 'no-rule', message: run.rules[0]?.message ?? null, deliveries };
    }),
  );
}

async function deliverJob(job: SandboxedJob<AlertJobData>, d: { outboxId: number; attempt: number }) {
  return withState(async (state) => {
    const claimer = String(job.id);
    const settings = deliverySettings();
    const row = await state.claimOutboxRow(d.outboxId, claimer, settings.leaseMs);
    if (!row) {
      const [now] = (await state.listOutbox()).filter((o) => o.id === d.outboxId);
      return { outbox: d.outboxId, skipped: now ? `${now.status}${now.status === 'pending' ? ` until ${now.nextAttemptAt}` : ''}` : 'no such row' };
    }
    const senders = defaultSenders(state);
    let summary: Awaited<ReturnType<typeof deliverClaimed>>;
    try {
      summary = await deliverClaimed(state, senders, row);
    } finally {
      for (const s of Object.values(senders)) await s?.close?.();
    }
    const [after] = (await state.listOutbox({ status: 'pending' })).filter((o) => o.id === d.outboxId);
    if (after) await addDeliverJob(alertsQueue(), after.id, after.attempts + 1, Date.parse(after.nextAttemptAt) - Date.now());
    return { outbox: d.outboxId, attempt: row.attempts, ...summary, next: after ? after.nextAttemptAt : null };
  });
}

/** Today's New York date, and whether the job should run on it. */
async function dailyJob(today: string, withStore: WithStore) {
  if (!isSession(today)) return { skipped: `${today} is not an NYSE session` };
  return withState((state) =>
    withStore(async (market) => {
      const rules = (await state.listRules()).filter((r) => r.state === 'active');
      const latest = (await market.listSeries()).filter((s) => s.table === 'bars' && s.preferred).reduce((m, s) => (s.last > m ? s.last : m), '');
      const jobs: string[] = [];
      for (const r of latest ? rules : []) {
        const seen = r.lastEvaluatedSession ?? r.createdAt.slice(0, 10);
        // Sessions the rule has not seen, oldest first, at most the last ten (as the in-process scheduler).
        for (const s of seen >= latest ? [] : sessionsBetween(nextSession(seen), latest).slice(-10)) jobs.push((await addEvaluateJob(alertsQueue(), r.id, s)).id as string);
      }
      return { latest, jobs };
    }),
  );
}

async function weeklyJob(today: string, withStore: WithStore) {
  if (!endsWeek(today)) return { skipped: `${today} does not end an NYSE week` };
  return withState((state) =>
    withStore(async (market) => {
      const plan = await weeklyDigest(state, today, insightRenderer(market));
      return { weekEnding: today, messages: plan.length, delivery: await deliver(state, defaultSenders(state)) };
    }),
  );
}

type WithStore = <T>(fn: (s: MarketStore) => Promise<T>) => Promise<T>;

export async function alertJob(job: SandboxedJob<AlertJobData>, withStore: WithStore, today: string): Promise<unknown> {
  const d = job.data;
  switch (d.kind) {
    case 'evaluate':
      return evaluateJob(d, withStore);
    case 'deliver':
      return deliverJob(job, d);
    case 'daily':
      return dailyJob(today, withStore);
    case 'weekly':
      return weeklyJob(today, withStore);
    case 'sweep':
      return withState((state) => deliver(state, defaultSenders(state)));
  }
}
