/**
 * The scheduler (croner, America/New_York, gated on the NYSE calendar in model/calendar.ts):
 *  - every 5 minutes: if the market store holds sessions newer than the rules last saw (an import
 *    happened), evaluate the rules for each new session, then deliver;
 *  - every minute: delivery retries that are due;
 *  - 18:30 New York on a session that ends its week (the next session falls in a later week, so a
 *    Friday holiday moves the digest to Thursday): the weekly digest for that week.
 */
import { Cron } from 'croner';
import { isSession, nextSession, sessionsBetween } from '../model/calendar.ts';
import type { StateStore } from '../store/state/state-store.ts';
import type { MarketStore } from '../store/store.ts';
import type { AlertData } from './data.ts';
import { defaultSenders, deliver } from './deliver.ts';
import { type InsightRenderer, weeklyDigest } from './digest.ts';
import { runAlerts } from './run.ts';

export const TZ = 'America/New_York';

export interface SchedulerDeps {
  withStores: <T>(fn: (state: StateStore, market: MarketStore) => Promise<T>) => Promise<T>;
  dataFor: (state: StateStore, market: MarketStore, asOf?: string) => Promise<AlertData>;
  insight: (market: MarketStore) => InsightRenderer;
  once?: boolean;
  log: (line: string) => void;
}

/** The New York calendar date of an instant. */
export function nyDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const isoWeek = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  const day = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - day);
  return t.toISOString().slice(0, 10);
};

/** True when `date` is a session and the next session is in a later week. */
export function endsWeek(date: string): boolean {
  return isSession(date) && isoWeek(nextSession(date)) !== isoWeek(date);
}

export async function evaluateNewSessions(deps: SchedulerDeps): Promise<string[]> {
  return deps.withStores(async (state, market) => {
    const rules = (await state.listRules()).filter((r) => r.state === 'active');
    if (!rules.length) return [];
    const latest = (await market.listSeries()).filter((s) => s.table === 'bars' && s.preferred).reduce((m, s) => (s.last > m ? s.last : m), '');
    if (!latest) return [];
    const seen = rules.map((r) => r.lastEvaluatedSession ?? r.createdAt.slice(0, 10)).sort()[0];
    const todo = seen >= latest ? [] : sessionsBetween(nextSession(seen), latest).slice(-10);
    for (const d of todo) {
      const r = await runAlerts(state, await deps.dataFor(state, market, d), d);
      deps.log(`evaluated ${r.rules.length} rule(s) as of ${d}: ${r.rules.filter((x) => x.result === 'fired').length} fired`);
    }
    if (todo.length) await deliver(state, defaultSenders(state), { log: deps.log });
    return todo;
  });
}

export async function weeklyTick(deps: SchedulerDeps, at: Date): Promise<boolean> {
  const today = nyDate(at);
  if (!endsWeek(today)) return false;
  await deps.withStores(async (state, market) => {
    const plan = await weeklyDigest(state, today, deps.insight(market));
    const s = await deliver(state, defaultSenders(state), { log: deps.log });
    deps.log(`weekly digest for the week ending ${today}: ${plan.length} message(s); ${JSON.stringify(s)}`);
  });
  return true;
}

export async function startScheduler(deps: SchedulerDeps): Promise<() => void> {
  const safe = (name: string, fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (e) {
      deps.log(`${name} failed: ${(e as Error).message}`);
    }
  };
  const evaluate = safe('evaluation', () => evaluateNewSessions(deps));
  const retries = safe('delivery', () => deps.withStores((state) => deliver(state, defaultSenders(state), { log: deps.log })));
  const weekly = safe('weekly digest', () => weeklyTick(deps, new Date()));
  if (deps.once) {
    await evaluate();
    await retries();
    return () => {};
  }
  const jobs = [
    new Cron('*/5 * * * *', { timezone: TZ, protect: true }, evaluate),
    new Cron('* * * * *', { timezone: TZ, protect: true }, retries),
    new Cron('30 18 * * 1-6', { timezone: TZ, protect: true }, weekly),
  ];
  deps.log(`scheduler started (${TZ}); next weekly check ${jobs[2].nextRun()?.toISOString()}`);
  return () => {
    for (const j of jobs) j.stop();
  };
}
