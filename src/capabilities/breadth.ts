/** Breadth of a universe: the 5-year S&P panel or a stored holdings fund. */
import type { BreadthResult } from '../analytics/breadth.ts';
import { breadthFacts } from '../facts/market.ts';
import { BreadthParams } from '../facts/params.ts';
import { share } from '../format/numbers.ts';
import { capability, notes, PERIOD_HELP } from './types.ts';

export default capability<BreadthResult>({
  name: 'breadth',
  summary: 'Breadth of a universe',
  description: 'breadth of a universe: panel (5-year S&P panel) or a holdings fund',
  params: BreadthParams,
  args: [{ field: 'universe' }],
  help: PERIOD_HELP,
  facts: breadthFacts,
  render: (r) =>
    [
      `${r.universe}, as of ${r.asOf}, period ${r.period.start} → ${r.period.end}`,
      `members ${r.members}, with data ${r.withData}, missing ${r.missing.length}`,
      `up over the period: ${r.up} (${share(r.shareUp)}); last session: ${r.advancers} advancers, ${r.decliners} decliners, ${r.unchanged} unchanged`,
      `above 50-session average: ${r.above50.count}/${r.above50.eligible} (${share(r.above50.share)}); above 200-session: ${r.above200.count}/${r.above200.eligible} (${share(r.above200.share)})`,
      `new 52-week highs: ${r.newHighs.count}; new lows: ${r.newLows.count}`,
      '',
      notes(r.provenance),
    ].join('\n'),
  examples: {
    contract: { universe: 'IWM', asOf: '2026-05-05' },
    symbolField: 'universe',
    bench: [{ query: { universe: 'panel' }, slow: true }],
  },
});
