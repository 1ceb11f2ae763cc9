/** Relative-strength streaks: A beat B on consecutive sessions, or one series against zero. */
import type { StreakResult } from '../analytics/streak.ts';
import { streakFacts } from '../facts/core.ts';
import { StreakParams } from '../facts/params.ts';
import { table } from '../format/table.ts';
import { UserError } from '../model/errors.ts';
import { capability, notes } from './types.ts';

export default capability<StreakResult>({
  name: 'streak',
  summary: 'Relative-strength streaks (A beat B), or one series against zero',
  description: 'relative-strength streaks: A beat B on consecutive sessions (or one series vs zero with --positive)',
  params: StreakParams,
  args: [{ field: 'a' }, { field: 'b', optional: true }],
  help: {
    direction: 'over | under',
    min: 'shortest streak listed in history',
    positive: 'one series against zero: returns > 0',
  },
  extraFlags: [{ flags: '--negative', help: 'one series against zero: returns < 0' }],
  fromCli(raw) {
    const { negative, ...rest } = raw;
    if (!rest.b && !rest.positive && !negative) throw new UserError('give B, or --positive/--negative for one series against zero');
    return { ...rest, positive: negative ? false : rest.positive ? true : undefined };
  },
  facts: streakFacts,
  render(r) {
    const vs = r.b === '0' ? 'zero' : r.b;
    const out: string[] = [];
    if (r.current.length === 0) out.push(`${r.a} vs ${vs} as of ${r.asOf}: no current streak (the last session did not qualify).`);
    else {
      out.push(`${r.a} vs ${vs} as of ${r.asOf}: ${r.current.length} straight session(s), ${r.current.start} to ${r.current.end}.`);
      const rank = r.rankText ? `${r.rankText[0].toUpperCase()}${r.rankText.slice(1)}` : `Rank ${r.rank}`;
      if (r.longestSince) out.push(`Longest since the ${r.longestSince.length}-session streak that ended ${r.longestSince.end} (started ${r.longestSince.start}). ${rank}.`);
      else out.push(`The longest streak in the data, which starts ${r.dataStart}. ${rank}.`);
    }
    if (r.ifZerosSkipped) {
      const z = r.ifZerosSkipped;
      out.push(
        `${r.zeroSessions} session(s) were exactly 0 and ended streaks. Counted the other way (${z.rule}): ${z.current.length ? `${z.current.length} session(s), ${z.current.start} to ${z.current.end}, rank ${z.rank}` : 'no current streak'}.`,
      );
    }
    const top = [...r.history].sort((x, y) => y.length - x.length || (x.end < y.end ? 1 : -1)).slice(0, 10);
    out.push('', 'Longest streaks:', table(['sessions', 'start', 'end'], top.map((s) => [s.length, s.start, s.end])), '', notes(r.provenance));
    return out.join('\n');
  },
  examples: {
    contract: { a: 'IWM', b: 'SPY', asOf: '2026-01-22' },
    symbolField: 'a',
    bench: [{ query: { a: 'IWM', b: 'SPY' } }, { query: { a: 'FF.SMB', positive: 'true' } }],
  },
});
