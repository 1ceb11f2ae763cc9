/** Daily and annualised volatility, rolling volatility and drawdowns. */
import { volatilityFacts } from '../facts/core.ts';
import { VolatilityParams } from '../facts/params.ts';
import { pct } from '../format/numbers.ts';
import { capability, PERIOD_HELP } from './types.ts';

type Result = Awaited<ReturnType<typeof volatilityFacts>>;

export default capability<Result>({
  name: 'volatility',
  summary: 'Volatility, rolling volatility (as columns: rolling.dates, rolling.daily, rolling.annualised) and drawdown',
  description: 'daily and annualised volatility, rolling volatility (columns dates, daily, annualised), drawdowns',
  params: VolatilityParams,
  args: [{ field: 'symbol' }],
  help: { ...PERIOD_HELP, window: 'rolling window in sessions' },
  facts: volatilityFacts,
  render(r) {
    const v = r.volatility;
    const d = r.drawdown;
    return [
      `${r.symbol} ${v.start} → ${v.end} (${v.n} daily returns): daily volatility ${(v.dailyStdev * 100).toFixed(3)}%, annualised ${(v.annualised * 100).toFixed(1)}%`,
      `drawdown now ${pct(d.current.drawdown)} from the ${d.current.peak.date} peak; maximum ${pct(d.max.drawdown)} (${d.max.peak?.date ?? '—'} → ${d.max.trough?.date ?? '—'})`,
    ].join('\n');
  },
  examples: {
    contract: { symbol: 'IWM', period: '1y', window: '63', asOf: '2026-01-22' },
    symbolField: 'symbol',
    bench: [{ query: { symbol: 'SPY', period: 'max' } }],
  },
});
