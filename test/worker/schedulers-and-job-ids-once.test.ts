/**
 * Job schedulers (reports and alerts) are created once even when several instances start at the
 * same time (the duplicate-scheduler reports against BullMQ), import job ids make adding the same
 * file twice (or the same content under another name) one job, and alert job ids make the same
 * (rule, session) evaluation or delivery attempt one job. Redis keys live under a unique prefix, removed at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ALERT_SCHEDULERS, addDeliverJob, addEvaluateJob, alertJobId, deliverJobId, ensureAlertSchedulers } from '../../src/jobs/alert-jobs.ts';
import { ensureSchedulers, importJobId, type JobsConfig, openQueue, SCHEDULERS } from '../../src/jobs/queues.ts';
import { endsWeek } from '../../src/alerts/scheduler.ts';
import { isSession } from '../../src/model/calendar.ts';
import { newYorkDate } from '../../src/worker/processors.ts';
import { tempDir } from '../helpers/temp.ts';
import { dropPrefix, REDIS_URL, uniquePrefix } from './helpers.ts';

const cfg: JobsConfig = { redis: REDIS_URL, prefix: uniquePrefix() };
const tmp = tempDir('md-jobs-');

afterAll(async () => {
  tmp.cleanup();
  await dropPrefix(cfg.prefix);
});

describe('schedulers and job ids', () => {
  it('eight instances upserting the schedulers at once leave one scheduler and one next run of each kind', async () => {
    const queues = Array.from({ length: 8 }, () => openQueue('reports', cfg));
    try {
      await Promise.all(queues.map((q) => ensureSchedulers(q, '/tmp/out')));
      await Promise.all(queues.map((q) => ensureSchedulers(q, '/tmp/out'))); // and again, as after a restart
      const q = queues[0];
      const s = await q.getJobSchedulers(0, 99, true);
      expect(s.map((x) => x.key).sort()).toEqual(SCHEDULERS.map((x) => x.id).sort());
      expect(s.find((x) => x.key === 'daily-pair-report')).toMatchObject({ pattern: '30 17 * * 1-5', tz: 'America/New_York' });
      expect(await q.getDelayedCount()).toBe(SCHEDULERS.length);
      // The next daily run is at 17:30 New York time on a weekday.
      const next = new Date((s.find((x) => x.key === 'daily-pair-report')!.next as number));
      const ny = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', weekday: 'short', hour12: false }).format(next);
      expect(ny).toMatch(/^(Mon|Tue|Wed|Thu|Fri),? 17:30$/);
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
  }, 30_000);

  it('eight instances starting at once leave one alert scheduler of each kind (daily evaluation, weekly digest, delivery sweep), New York time', async () => {
    const queues = Array.from({ length: 8 }, () => openQueue('alerts', cfg));
    try {
      await Promise.all(queues.map((q) => ensureAlertSchedulers(q)));
      await Promise.all(queues.map((q) => ensureAlertSchedulers(q)));
      const q = queues[0];
      const s = await q.getJobSchedulers(0, 99, true);
      expect(s.map((x) => x.key).sort()).toEqual(['alerts-daily-evaluation', 'alerts-delivery-sweep', 'alerts-weekly-digest']);
      expect(s.every((x) => x.tz === 'America/New_York')).toBe(true);
      expect(await q.getDelayedCount()).toBe(ALERT_SCHEDULERS.length);
      const fmt = (ms: number) => new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', weekday: 'short', hour12: false }).format(new Date(ms));
      expect(fmt(s.find((x) => x.key === 'alerts-daily-evaluation')!.next as number)).toMatch(/^(Mon|Tue|Wed|Thu|Fri),? 18:15$/);
      expect(fmt(s.find((x) => x.key === 'alerts-weekly-digest')!.next as number)).toMatch(/^(Mon|Tue|Wed|Thu|Fri),? 18:30$/);
    } finally {
      await queues[0].obliterate({ force: true });
      await Promise.all(queues.map((q) => q.close()));
    }
  }, 30_000);

  it('the same alert evaluation (rule, session) or delivery attempt added again, from several instances, is one job', async () => {
    expect(alertJobId(3, '2026-01-15')).toBe('alert:3:2026-01-15');
    expect(deliverJobId(17, 2)).toBe('deliver:17:2');
    const qs = [openQueue('alerts', cfg), openQueue('alerts', cfg)];
    try {
      await qs[0].pause();
      await Promise.all([...qs, ...qs].map((q) => addEvaluateJob(q, 3, '2026-01-15')));
      await Promise.all(qs.map((q) => addEvaluateJob(q, 3, '2026-01-16')));
      await Promise.all(qs.map((q) => addDeliverJob(q, 17, 1)));
      await Promise.all(qs.map((q) => addDeliverJob(q, 17, 2, 60_000)));
      expect(await qs[0].getWaitingCount()).toBe(3); // alert:3:2026-01-15, alert:3:2026-01-16, deliver:17:1
      expect(await qs[0].getDelayedCount()).toBe(1); // deliver:17:2, at its next attempt time
      expect((await qs[0].getJob('alert:3:2026-01-15'))?.data).toEqual({ kind: 'evaluate', ruleId: 3, session: '2026-01-15' });
    } finally {
      await qs[0].obliterate({ force: true });
      await Promise.all(qs.map((q) => q.close()));
    }
  }, 30_000);

  it('the weekly digest job runs on the session that ends the NYSE week: hand-checked weeks', () => {
    // 2026-01-16 is a Friday session (next session Tue 2026-01-20 after MLK day); 2026-04-02 is the Thursday before Good Friday 2026-04-03.
    expect(endsWeek('2026-01-16')).toBe(true);
    expect(endsWeek('2026-01-15')).toBe(false);
    expect(endsWeek('2026-04-02')).toBe(true);
    expect(endsWeek('2026-04-03')).toBe(false);
  });

  it('the scheduled daily report runs only on NYSE sessions: New York dates, checked on known days', () => {
    // 2026-11-26 is Thanksgiving (closed); 2026-11-27 is the early-close Friday (a session); 23:30 UTC on Nov 25 is still Nov 25 in New York.
    expect(newYorkDate(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-26');
    expect(newYorkDate(new Date('2026-11-26T03:30:00Z'))).toBe('2026-11-25');
    expect(isSession('2026-11-26')).toBe(false);
    expect(isSession('2026-11-27')).toBe(true);
  });

  it('adding the same file twice, or its copy under another name, is one import job', async () => {
    const a = tmp.write('a/ABC.csv', 'date,close\n2026-01-20,10\n');
    const b = tmp.write('b/ABC-copy.csv', 'date,close\n2026-01-20,10\n');
    const c = tmp.write('c/ABC.csv', 'date,close\n2026-01-20,11\n');
    expect(importJobId(a)).toBe(importJobId(b));
    expect(importJobId(a)).not.toBe(importJobId(c));
    // sha256 of the bytes 'date,close\n2026-01-20,10\n', worked out with `sha256sum`.
    expect(importJobId(a)).toBe('import:sha256:1ed9679d98524bb23ad506da081bcd90faec80d053812b0b01c3745e8dc113f8');
    const q = openQueue('import', cfg);
    try {
      await q.pause(); // nothing processes these
      for (const p of [a, a, b, c]) await q.add('import', { path: p, dataRoot: null, lenient: false }, { jobId: importJobId(p) });
      expect(await q.getWaitingCount()).toBe(2);
    } finally {
      await q.obliterate({ force: true });
      await q.close();
    }
  }, 30_000);
});
