/** Trading range, breakouts, support/resistance, measured-move target, moving averages. */
import type { LevelsResult } from '../analytics/levels.ts';
import { levelsFacts } from '../facts/core.ts';
import { LevelsParams } from '../facts/params.ts';
import { price } from '../format/numbers.ts';
import { capability, notes } from './types.ts';

export default capability<LevelsResult>({
  name: 'levels',
  summary: 'Trading range, breakouts, support/resistance, moving averages',
  description: 'trading range, breakouts, support/resistance, measured-move target, moving averages',
  params: LevelsParams,
  args: [{ field: 'symbol' }],
  help: {
    lookback: 'sessions in the range window (default 756)',
    minInside: 'sessions inside the range before a breakout counts (default 60)',
  },
  facts: levelsFacts,
  render: (r) =>
    [
      `${r.symbol} as of ${r.asOf}: close ${price(r.close)}`,
      `${r.breakout ? 'base broken out of' : `range over ${r.range.lookback} sessions`} (${r.range.from} → ${r.range.to}): high ${price(r.range.high)} (${r.range.highDate}), low ${price(r.range.low)} (${r.range.lowDate})`,
      r.breakout
        ? `breakout: ${r.breakout.date} above ${price(r.breakout.level)} after ${r.breakout.sessionsInsideBefore} sessions inside; measured-move target ${price(r.measuredMoveTarget)} (level + height of the base); ${r.breakout.stillAbove ? 'no close below the level since' : `closed back below on ${r.breakout.firstCloseBelow}${r.breakout.lastCloseAbove ? ', above again on the last close' : ''}`}`
        : 'no breakout in the window',
      `supports: ${r.supports.map((s) => price(s.level)).join(', ') || '—'}; resistances: ${r.resistances.map((s) => price(s.level)).join(', ') || '—'}`,
      `50-session average ${price(r.sma50)}, 200-session average ${price(r.sma200)}`,
      '',
      notes(r.provenance),
    ].join('\n'),
  examples: {
    contract: { symbol: 'IWM', asOf: '2026-01-22' },
    symbolField: 'symbol',
    bench: [{ query: { symbol: '^GSPC' } }],
  },
});
