/** What happened after past A-over-B streaks of N sessions (or a user's table of episodes). */
import type { AnalogsResult, TableAnalogsResult } from '../analytics/analogs.ts';
import { analogsFacts } from '../facts/core.ts';
import { AnalogsParams } from '../facts/params.ts';
import { analogsFromTable, parseEpisodesCsv } from '../facts/pure.ts';
import { pts } from '../format/numbers.ts';
import { table } from '../format/table.ts';
import { UserError } from '../model/errors.ts';
import { capability, notes } from './types.ts';

type Result = AnalogsResult | TableAnalogsResult;

export default capability<Result>({
  name: 'analogs',
  summary: 'What happened after past A-over-B streaks of N sessions',
  description: 'what happened after past A-over-B streaks of N sessions (or summarise --episodes FILE)',
  params: AnalogsParams,
  args: [{ field: 'a', optional: true }, { field: 'b', optional: true }],
  help: {
    horizons: 'forward horizons in sessions',
    direction: 'over | under',
  },
  fromCli(raw) {
    if (!raw.a || !raw.b || !raw.minStreak) throw new UserError('give A, B and --min-streak N (or --episodes FILE)');
    return raw;
  },
  fileModes: [
    {
      option: 'episodes',
      flags: '--episodes <file>',
      help: 'CSV label,a_fwd_pct,b_fwd_pct to summarise instead',
      run: (text) => analogsFromTable(parseEpisodesCsv(text)),
    },
  ],
  facts: analogsFacts,
  render(r) {
    const out: string[] = [];
    if ('a' in r && r.a) out.push(`${r.a} over ${r.b}: episodes when a streak reached ${r.minStreak} sessions (${r.episodes.length})`, '');
    const horizons = r.summary.map((s) => s.horizon);
    if ('a' in r && r.a)
      out.push(table(['reached on', 'streak', ...horizons.map((h) => `${r.a}−${r.b} +${h}`)], r.episodes.map((e) => [e.reachedOn, `${e.streakLength}${e.ongoing ? '+' : ''}`, ...e.forward.map((f) => (f.spreadPts === null ? null : pts(f.spreadPts)))])), '');
    const sumTable = (xs: typeof r.summary) =>
      table(['horizon', 'count', 'mean', 'median', 'hit rate', 'min', 'max', 'left out'], xs.map((s) => [s.horizon ?? '—', s.count, pts(s.meanSpreadPts), pts(s.medianSpreadPts), s.hitRate === null ? null : `${(s.hitRate * 100).toFixed(0)}%`, pts(s.min), pts(s.max), s.excludedIncomplete]));
    const full = 'summaryFromEnd' in r ? r : null;
    if (full) out.push('Past episodes, forward from the session the streak reached the threshold:');
    out.push(sumTable(r.summary));
    if (full) {
      out.push('', 'Past episodes, forward from the session the streak ended:', sumTable(full.summaryFromEnd));
      if (full.current) out.push('', `Current streak (not counted above): ${full.current.streakLength} sessions from ${full.current.streakStart}, reached ${full.minStreak} on ${full.current.reachedOn}.`);
    }
    out.push('', 'Few episodes: treat the averages as anecdotes, not forecasts.', notes(r.provenance));
    return out.join('\n');
  },
  examples: {
    contract: { a: 'IWM', b: 'SPY', minStreak: '8', asOf: '2026-01-22' },
    symbolField: 'a',
    bench: [{ query: { a: 'IWM', b: 'SPY', minStreak: '8' } }],
  },
});
