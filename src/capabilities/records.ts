/** Record-high streaks: consecutive sessions with a new all-time high. */
import type { RecordHighsResult } from '../analytics/records.ts';
import { recordsFacts } from '../facts/core.ts';
import { RecordsParams } from '../facts/params.ts';
import { pct, price } from '../format/numbers.ts';
import { capability, notes } from './types.ts';

export default capability<RecordHighsResult>({
  name: 'records',
  summary: 'Record-high streaks and distance from the all-time high',
  description: 'record-high streaks: consecutive sessions with a new all-time high',
  params: RecordsParams,
  args: [{ field: 'symbol' }],
  help: { basis: 'high | close' },
  facts: recordsFacts,
  render: (r) =>
    [
      `${r.symbol} (${r.basis} basis) as of ${r.asOf}: ${r.current.length} straight record session(s)${r.current.length ? ` from ${r.current.start}` : ''}.`,
      `All-time high ${price(r.allTimeHigh.value)} on ${r.allTimeHigh.date}; distance from it ${pct(r.distanceFromHigh)}. Data from ${r.dataStart}.`,
      '',
      notes(r.provenance),
    ].join('\n'),
  examples: {
    contract: { symbol: 'IWM', basis: 'high', asOf: '2026-01-22' },
    symbolField: 'symbol',
    bench: [{ query: { symbol: '^GSPC', basis: 'close' } }],
  },
});
