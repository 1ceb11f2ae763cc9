/** Valuation premium or discount of group A over B (aggregate multiples), or a user's CSV. */
import type { SpreadResult } from '../analytics/valuation.ts';
import { valuationFacts } from '../facts/market.ts';
import { ValuationParams } from '../facts/params.ts';
import { parseValuationCsv, spreadFromPairs } from '../facts/pure.ts';
import { table } from '../format/table.ts';
import { capability } from './types.ts';

export default capability<SpreadResult>({
  name: 'valuation',
  summary: 'Valuation premium or discount of group A over B',
  description: 'valuation premium/discount of group A over B (aggregate multiples), or --input CSV metric,a,b',
  params: ValuationParams,
  help: {
    a: 'all | sector:NAME | SYM,SYM,...',
    b: 'all | sector:NAME | SYM,SYM,...',
    negatives: 'exclude | include loss-makers',
  },
  fileModes: [
    { option: 'input', flags: '--input <file>', help: 'CSV metric,a,b', run: (text) => spreadFromPairs(parseValuationCsv(text)) },
  ],
  facts: valuationFacts,
  render: (r) =>
    [
      `${r.labels.a} vs ${r.labels.b}`,
      table(['metric', 'A', 'B', 'premium'], r.rows.map((x) => [x.metric, x.a === null ? null : x.a.toFixed(2), x.b === null ? null : x.b.toFixed(2), x.premiumPct === null ? (x.reason ?? null) : `${x.premiumPct >= 0 ? '+' : ''}${x.premiumPct.toFixed(1)}%`])),
    ].join('\n'),
  examples: {
    contract: { a: 'AAPL,MSFT', b: 'all', negatives: 'include' },
    symbolField: 'a',
    bench: [{ query: {} }],
  },
});
