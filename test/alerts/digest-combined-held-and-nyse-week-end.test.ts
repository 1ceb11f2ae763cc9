/**
 * The weekly digest: a combined email for two targets carries each target's insight and only its
 * own alerts of the week, plus what quiet hours held back; --dry-run queues nothing; a second run
 * queues nothing new. The scheduler's weekly gate follows the NYSE calendar (Good Friday 2026-04-03
 * moves the week's last session to Thursday).
 */
import { describe, expect, it } from 'vitest';
import { weeklyDigest } from '../../src/alerts/digest.ts';
import { endsWeek, nyDate } from '../../src/alerts/scheduler.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';

async function fire(state: SqliteState, condition: string, session: string, message: string) {
  const rule = (await state.listRules()).find((r) => r.condition === condition) ?? (await state.addRule({ name: null, condition, canonical: condition, scope: 'all', frequency: 'every-session', cooldown: 0, expires: null, channels: {} }));
  await state.recordFire({ ruleId: rule.id, session, ruleState: 'active', ruleReason: '', events: [{ subject: null, value: 1, message, facts: [], outbox: () => [] }] });
}

describe('weekly digest', () => {
  it('combined: both insights, each target its own alerts, held messages collected once', async () => {
    const state = await SqliteState.open(':memory:');
    const sub = await state.upsertSubscriber({ email: 'w@example.com' });
    await state.updateSubscriber(sub.id, { emailConfirmed: true, weeklyMode: 'combined' });
    for (const [kind, target] of [['symbol', 'QQQ'], ['pair', 'IWM:SPY']] as const) {
      const s = await state.addSubscription({ subscriberId: sub.id, kind, target, weekly: true, alerts: true, channels: ['email'] });
      await state.setSubscriptionStatus(s.id, 'active');
    }
    await fire(state, 'streak IWM SPY >= 10', '2026-01-15', 'IWM beat SPY for 10 straight sessions');
    await fire(state, 'record QQQ close', '2026-01-09', 'QQQ record (previous week)');
    await fire(state, 'record QQQ close', '2026-01-13', 'QQQ set a record close');
    await fire(state, 'record SPY close', '2026-01-14', 'SPY set a record close');
    await state.enqueue([{ kind: 'alert', subscriberId: sub.id, channel: 'email', address: 'w@example.com', idempotencyKey: 'msg_held_1', payload: { subject: 'held during quiet hours', text: 'x' }, status: 'held' }]);
    const render = async (kind: 'symbol' | 'pair', target: string) => ({ title: target, html: `<article>${kind} ${target}</article>`, text: `${kind} ${target}` });

    const dry = await weeklyDigest(state, '2026-01-16', render, { dryRun: true });
    expect(dry).toEqual([
      {
        to: 'w@example.com',
        subscriberId: sub.id,
        subject: 'MarketDash weekly: QQQ, IWM:SPY (week ending 2026-01-16)',
        targets: ['QQQ', 'IWM:SPY'],
        alerts: [
          { date: '2026-01-13', message: 'QQQ set a record close' },
          { date: '2026-01-14', message: 'SPY set a record close' },
          { date: '2026-01-15', message: 'IWM beat SPY for 10 straight sessions' },
        ],
        held: 1,
      },
    ]);
    expect((await state.listOutbox()).filter((r) => r.kind === 'weekly')).toHaveLength(0);

    await weeklyDigest(state, '2026-01-16', render);
    const weekly = (await state.listOutbox()).filter((r) => r.kind === 'weekly');
    expect(weekly).toHaveLength(1);
    const text = String(weekly[0].payload.text);
    expect(text).toContain('== QQQ ==\n\nsymbol QQQ\n\nAlerts this week:\n- 2026-01-13: QQQ set a record close');
    expect(text).toContain('== IWM:SPY ==\n\npair IWM:SPY');
    expect(text).toContain('Held back during quiet hours or over your daily cap:\n- held during quiet hours');
    expect(String(weekly[0].payload.html)).toContain('<article>pair IWM:SPY</article>');
    expect((await state.listOutbox({ status: 'held' })).length).toBe(0);

    await weeklyDigest(state, '2026-01-16', render);
    expect((await state.listOutbox()).filter((r) => r.kind === 'weekly')).toHaveLength(1);
  });

  it('the weekly send follows the NYSE calendar in New York time', () => {
    expect(endsWeek('2026-01-16')).toBe(true); // Friday
    expect(endsWeek('2026-01-15')).toBe(false);
    expect(endsWeek('2026-04-02')).toBe(true); // Thursday before Good Friday
    expect(endsWeek('2026-04-03')).toBe(false); // Good Friday: no session
    expect(endsWeek('2026-01-17')).toBe(false);
    expect(nyDate(new Date('2026-01-17T03:00:00Z'))).toBe('2026-01-16'); // 22:00 Friday in New York
  });
});
