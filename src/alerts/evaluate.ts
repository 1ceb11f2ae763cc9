/**
 * One evaluator, two drivers. `fires` decides, from the compiled condition and a rule's memory
 * (last fire, whether a `once` rule is disarmed), whether the rule fires on session i. The replay
 * driver walks every session of a range; the live driver (alerts/engine.ts) asks about one session.
 */
import { firstIndexOnOrAfter, lastIndexOnOrBefore } from '../facts/pure.ts';
import { UserError } from '../model/errors.ts';
import type { Condition } from './ast.ts';
import { type Compiled, compileBySubject, type SubjectCompiled } from './compile.ts';
import type { AlertData } from './data.ts';
import { parseCondition } from './parser.ts';
import type { AlertFact } from './track.ts';

export const FREQUENCIES = ['once', 'every-session', 'on-change'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface FireMemory {
  /** Axis index of the last fire, or −1. */
  lastFired: number;
  /** A `once` rule that fired is disarmed until re-armed. */
  disarmed: boolean;
  /** Sessions that must pass after a fire before the next one (0 = none). */
  cooldown: number;
}

/** Does the rule fire on axis session i? on-change: holds on i and did not hold on the session before. */
export function fires(c: Compiled, i: number, freq: Frequency, m: FireMemory): boolean {
  if (!c.holds[i]) return false;
  if (m.lastFired >= i) return false; // at most once per session, never backwards
  if (m.lastFired >= 0 && i - m.lastFired <= m.cooldown) return false;
  if (freq === 'once') return !m.disarmed;
  if (freq === 'on-change') return i === 0 || c.holds[i - 1] === 0;
  return true;
}

export interface AlertEvent {
  date: string;
  /** A watchlist condition: the member this event is about (one event per member that fires). */
  subject?: string;
  value: number | null;
  message: string;
  facts: AlertFact[];
}

export interface ReplayResult {
  condition: string;
  frequency: Frequency;
  cooldown: number;
  from: string;
  to: string;
  sessions: number;
  events: AlertEvent[];
}

export function checkFrequency(f: unknown, flag = '--frequency'): Frequency {
  if (typeof f === 'string' && (FREQUENCIES as readonly string[]).includes(f)) return f as Frequency;
  throw new UserError(`${flag} must be one of ${FREQUENCIES.join(', ')}, got '${String(f)}'`);
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
export function checkIsoDate(d: unknown, flag: string): string {
  if (typeof d !== 'string' || !ISO.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d)
    throw new UserError(`${flag} must be a date YYYY-MM-DD, got '${String(d)}'`);
  return d;
}

/** Walk the sessions of [from, to] once over precomputed arrays. */
export function replayCompiled(c: Compiled, opts: { condition: string; frequency: Frequency; from: string; to: string; cooldown?: number }): ReplayResult {
  const mem: FireMemory = { lastFired: -1, disarmed: false, cooldown: opts.cooldown ?? 0 };
  const events: AlertEvent[] = [];
  let sessions = 0;
  const first = firstIndexOnOrAfter(c.dates, opts.from);
  const end = lastIndexOnOrBefore(c.dates, opts.to);
  if (first >= 0 && end >= first) {
    for (let i = first; i <= end; i++) {
      sessions++;
      if (!fires(c, i, opts.frequency, mem)) continue;
      mem.lastFired = i;
      if (opts.frequency === 'once') mem.disarmed = true;
      events.push({ date: c.dates[i], ...c.detail(i) });
    }
  }
  return { condition: opts.condition, frequency: opts.frequency, cooldown: mem.cooldown, from: opts.from, to: opts.to, sessions, events };
}

/**
 * A watchlist condition, member by member, as the live run fires it: each member with its own memory
 * (last fire, cooldown, on-change), a `once` rule disarmed after the first session any member fires;
 * events by date, then in watchlist order.
 */
export function replayBySubject(subjects: SubjectCompiled[], opts: { condition: string; frequency: Frequency; from: string; to: string; cooldown?: number }): ReplayResult {
  if (subjects.length === 1 && subjects[0].subject === null) return replayCompiled(subjects[0].compiled, opts);
  const cooldown = opts.cooldown ?? 0;
  const mem = subjects.map((): FireMemory => ({ lastFired: -1, disarmed: false, cooldown }));
  const days = [...new Set(subjects.flatMap((x) => x.compiled.dates.filter((d) => d >= opts.from && d <= opts.to)))].sort();
  const at = subjects.map((x) => new Map(x.compiled.dates.map((d, i) => [d, i])));
  const events: AlertEvent[] = [];
  let disarmed = false;
  for (const date of days) {
    let any = false;
    subjects.forEach(({ subject, compiled: c }, m) => {
      const i = at[m].get(date);
      if (i === undefined || !fires(c, i, opts.frequency, { ...mem[m], disarmed })) return;
      mem[m].lastFired = i;
      any = true;
      events.push({ date, subject: subject ?? undefined, ...c.detail(i) });
    });
    if (any && opts.frequency === 'once') disarmed = true;
  }
  return { condition: opts.condition, frequency: opts.frequency, cooldown, from: opts.from, to: opts.to, sessions: days.length, events };
}

export async function replay(
  data: AlertData,
  opts: { when: string; frequency?: unknown; from: unknown; to: unknown; cooldown?: number },
): Promise<ReplayResult> {
  const cond: Condition = parseCondition(opts.when);
  const frequency = checkFrequency(opts.frequency ?? 'on-change');
  const from = checkIsoDate(opts.from, '--from');
  const to = checkIsoDate(opts.to, '--to');
  if (from > to) throw new UserError(`--from ${from} is after --to ${to}`);
  const subjects = await compileBySubject(cond, data);
  return replayBySubject(subjects, { condition: opts.when, frequency, from, to, cooldown: opts.cooldown });
}
