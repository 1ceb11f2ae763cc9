/** Returns by size segment and the Spearman rank correlation of size and return. */
import type { LadderResult } from '../analytics/ladder.ts';
import { ladderFacts } from '../facts/market.ts';
import { LadderParams } from '../facts/params.ts';
import { pct } from '../format/numbers.ts';
import { table } from '../format/table.ts';
import { capability, notes } from './types.ts';

export default capability<LadderResult>({
  name: 'ladder',
  summary: 'Returns by size segment and the Spearman rank correlation of size and return',
  description: 'returns by size segment and the Spearman rank correlation of size and return',
  params: LadderParams,
  help: {
    ladder: 'etf (MAGS, SPY, IJH, IWM, IWC) | french (size deciles since 1926)',
    period: '1d|1w|mtd|ytd|...',
  },
  facts: ladderFacts,
  render: (r) =>
    [
      `Size ladder ${r.period.start} → ${r.period.end}`,
      table(['segment', 'symbol', 'return'], r.rows.map((x) => [x.segment, x.symbol, pct(x.return)])),
      '',
      `Spearman rho (size rank vs return) = ${r.spearman.rho === null ? '—' : r.spearman.rho.toFixed(2)} (n=${r.spearman.n}): ${r.spearman.interpretation ?? r.spearman.reason ?? ''}`,
      '',
      notes(r.provenance),
    ].join('\n'),
  examples: {
    contract: { period: '1w', asOf: '2026-01-22' },
    symbolField: null,
    bench: [{ query: { ladder: 'etf' } }, { query: { ladder: 'french' } }],
  },
});
