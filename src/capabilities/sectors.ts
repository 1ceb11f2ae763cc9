/** Sector returns ranked: SPDR sector ETFs, or cap-weighted from a holdings fund. */
import type { SectorResult } from '../analytics/sectors.ts';
import { sectorsFacts } from '../facts/market.ts';
import { SectorsParams } from '../facts/params.ts';
import { pct, pts, share } from '../format/numbers.ts';
import { table } from '../format/table.ts';
import { capability, notes, PERIOD_HELP } from './types.ts';

type Result = SectorResult & { divergence?: { sector: string; returnA: number; returnB: number; divergencePts: number }[] };

export default capability<Result>({
  name: 'sectors',
  summary: 'Sector returns ranked',
  description: 'sector returns ranked: etf (SPDR sector ETFs) or cap-weighted from a holdings fund',
  params: SectorsParams,
  args: [{ field: 'universe', optional: true, help: 'etf | a fund with holdings (e.g. IWM)' }],
  help: { vs: 'second universe: divergence of each sector in points', ...PERIOD_HELP },
  facts: sectorsFacts as (store: never, raw: unknown) => Promise<Result>,
  render(r) {
    const out = [`Sectors (${r.method}, ${r.universe}) ${r.period.start} → ${r.period.end}`, table(['rank', 'sector', 'return', 'coverage'], r.rows.map((x) => [x.rank, x.sector, pct(x.return), share(x.coverage, 0)]))];
    if (r.divergence) out.push('', 'Divergence:', table(['sector', 'A', 'B', 'A − B'], r.divergence.map((d) => [d.sector, pct(d.returnA), pct(d.returnB), pts(d.divergencePts)])));
    out.push('', notes(r.provenance));
    return out.join('\n');
  },
  examples: {
    contract: { period: 'ytd', asOf: '2026-01-22' },
    symbolField: 'universe',
    bench: [{ query: { universe: 'etf' } }],
  },
});
