/** Fund flows over a window of sessions, ranked, with "largest since". */
import type { FlowsResult } from '../analytics/flows.ts';
import { flowsFacts } from '../facts/market.ts';
import { FlowsParams } from '../facts/params.ts';
import { table } from '../format/table.ts';
import { capability } from './types.ts';

export default capability<FlowsResult>({
  name: 'flows',
  summary: 'Fund flows over a window of sessions',
  description: 'fund flows over a window of sessions, ranked, with "largest since"',
  params: FlowsParams,
  args: [{ field: 'funds', variadic: true, optional: true }],
  help: { window: 'sessions' },
  fromCli: (raw) => ({ ...raw, funds: Array.isArray(raw.funds) && raw.funds.length ? raw.funds.map((f) => String(f).toUpperCase()) : undefined }),
  facts: flowsFacts,
  render(r) {
    const usd = (x: number | null) => (x === null ? '—' : `${x < 0 ? '-' : ''}$${(Math.abs(x) / 1e6).toFixed(1)}m`);
    return [
      `Flows over ${r.window.sessions} sessions ${r.window.start} → ${r.window.end}`,
      table(['fund', 'total', 'largest since'], r.rows.map((x) => [x.fund, usd(x.total), x.largestSince ? `${x.largestSince.date} (${usd(x.largestSince.total)})` : 'largest in the data'])),
      `sum ${usd(r.sum.total)}`,
    ].join('\n');
  },
  examples: {
    contract: { funds: 'IWM,SPY', window: '3' },
    symbolField: 'funds',
  },
});
