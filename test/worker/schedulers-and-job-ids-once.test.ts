/**
 * Job schedulers are created once even when several instances start at the same time (the
 * duplicate-scheduler reports against BullMQ), and import job ids make adding the same file twice
 * (or the same content under another name) one job. Redis keys live under a unique prefix, removed at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSchedulers, importJobId, type JobsConfig, openQueue, SCHEDULERS } from '../../src/jobs/queues.ts';
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
