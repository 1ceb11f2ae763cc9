/** Contributions to a fund's return in basis points, from stored holdings or a user's CSV. */
import type { ContributionResult } from '../analytics/contributions.ts';
import { contributionsFacts } from '../facts/market.ts';
import { ContributionsParams } from '../facts/params.ts';
import { computeContributions, parseContributionsCsv } from '../facts/pure.ts';
import { bps, pct } from '../format/numbers.ts';
import { table } from '../format/table.ts';
import { UserError } from '../model/errors.ts';
import { capability, notes, PERIOD_HELP } from './types.ts';

type Result = ContributionResult & { top?: ContributionResult['rows']; bottom?: ContributionResult['rows'] };

export default capability<Result>({
  name: 'contributions',
  summary: 'Contributions to a fund return in basis points',
  description: 'contributions in basis points (start weight × return × 10,000) from stored holdings, or --input CSV',
  params: ContributionsParams,
  help: {
    fund: 'holdings snapshot to use',
    ...PERIOD_HELP,
    weights: 'start | end (end: weights published at period end, start weights recovered)',
    indexReturn: 'index return over the period, a fraction',
    top: 'top/bottom N',
  },
  fileModes: [
    {
      option: 'input',
      flags: '--input <file>',
      help: 'CSV symbol,weight_pct,return_pct',
      run(text, path, o) {
        const weights = (o.weights as 'start' | 'end' | undefined) ?? 'end';
        if (weights !== 'start' && weights !== 'end') throw new UserError(`--weights must be start or end, got '${weights}'`);
        const rows = parseContributionsCsv(text, { weights });
        const ir = o.indexReturn === undefined ? undefined : Number(o.indexReturn);
        if (ir !== undefined && !Number.isFinite(ir)) throw new UserError(`--index-return must be a number, got '${o.indexReturn}'`);
        return computeContributions(rows, { weights, indexReturn: ir, source: `file:${path}` });
      },
    },
  ],
  facts: contributionsFacts,
  render(r) {
    const show = (rows: ContributionResult['rows']) => table(['symbol', 'w start', 'w end', 'return', 'contribution'], rows.map((x) => [x.symbol, pct(x.weightStart, 3), pct(x.weightEnd ?? null, 3), pct(x.return), bps(x.contributionBps)]));
    const out = [`Contributions (${r.weights} weights), total ${bps(r.totalBps)}${r.indexReturn !== null ? `; index return ${pct(r.indexReturn)}` : ''}`, ''];
    out.push('Top:', show(r.top ?? r.rows.slice(0, 10)), '', 'Bottom:', show(r.bottom ?? r.rows.slice(-10).reverse()), '', notes(r.provenance));
    return out.join('\n');
  },
  examples: {
    contract: { fund: 'IWM', top: '3', asOf: '2026-05-05' },
    symbolField: 'fund',
    bench: [{ query: { fund: 'IWM', weights: 'end', period: 'ytd', asOf: '2026-05-05' }, slow: true }],
  },
});
