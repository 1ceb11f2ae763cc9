/** Period performance of symbols and the spreads between them. */
import type { PerfResult } from '../analytics/perf.ts';
import { perfFacts } from '../facts/core.ts';
import { PerfParams } from '../facts/params.ts';
import { pct, price, pts } from '../format/numbers.ts';
import { table } from '../format/table.ts';
import { capability, notes, PERIOD_HELP } from './types.ts';

export default capability<PerfResult>({
  name: 'perf',
  summary: 'Period performance and spreads',
  description: 'period performance and spreads',
  params: PerfParams,
  args: [{ field: 'symbols', variadic: true }],
  help: PERIOD_HELP,
  facts: perfFacts,
  render(r) {
    const out = [`Performance as of ${r.asOf} (${r.period}; ${r.provenance.returnType})`, ''];
    out.push(table(['symbol', 'base date', 'base', 'end date', 'end', 'return'], r.rows.map((x) => [x.symbol, x.start, price(x.startPrice), x.end, price(x.endPrice), pct(x.return)])));
    if (r.spreads.length) out.push('', ...r.spreads.map((s) => `${s.a} − ${s.b}: ${pts(s.spreadPts)}`));
    out.push('', notes(r.provenance));
    return out.join('\n');
  },
  examples: {
    contract: { symbols: 'IWM,SPY', period: 'ytd', asOf: '2026-01-22' },
    symbolField: 'symbols',
    bench: [{ query: { symbols: 'IWM,SPY,QQQ,MAGS,RSP', period: 'ytd' } }],
  },
});
