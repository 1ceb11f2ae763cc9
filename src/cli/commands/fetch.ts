/** `marketdash fetch`: live providers (Stooq, Yahoo, Ken French library) into the store, one transaction per response. */
import { barCount } from '../../model/bar-columns.ts';
import type { Command } from 'commander';
import { UserError } from '../../model/errors.ts';
import { frenchImporter } from '../../sources/files/french.ts';
import { FrenchZipProvider } from '../../sources/live/french-zip.ts';
import type { LiveProvider } from '../../sources/live/provider.ts';
import { StooqProvider } from '../../sources/live/stooq.ts';
import { YahooProvider } from '../../sources/live/yahoo.ts';
import { planPreference } from '../../store/preference.ts';
import { type GlobalOptions, withStore } from '../context.ts';
import { printJson, table } from '../output.ts';

function priceProvider(name: string): LiveProvider {
  if (name === 'stooq') return new StooqProvider();
  if (name === 'yahoo') return new YahooProvider();
  throw new UserError(`unknown provider '${name}': use stooq or yahoo (or --french DATASET)`);
}

export function registerFetch(program: Command): void {
  program
    .command('fetch')
    .description('download daily bars (Stooq, Yahoo) or a Ken French dataset and store them (needs internet; base URLs via MARKETDASH_STOOQ_URL, MARKETDASH_YAHOO_URL, MARKETDASH_FRENCH_URL)')
    .argument('[symbols...]', 'symbols to fetch')
    .option('--provider <name>', 'stooq | yahoo', 'stooq')
    .option('--from <date>', 'first date (YYYY-MM-DD)')
    .option('--to <date>', 'last date (YYYY-MM-DD)')
    .option('--french <dataset...>', 'Ken French dataset name(s), e.g. F-F_Research_Data_Factors_daily')
    .option('--lenient', 'skip malformed rows instead of failing')
    .action(async (symbols: string[], o: { provider: string; from?: string; to?: string; french?: string[]; lenient?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      if (symbols.length === 0 && !o.french?.length) throw new UserError('name at least one symbol, or --french DATASET');
      const results = await withStore(g, async (store) => {
        const out: { request: string; source: string; status: string; rowsRead: number; rowsNew: number; rowsRevised: number; error: string | null }[] = [];
        const run = async (label: string, get: () => Promise<import('../../model/batch.ts').ImportBatch>) => {
          try {
            const batch = await get();
            const plan = barCount(batch) ? await planPreference(store, batch) : { decisions: [], setPreferred: [] };
            const r = await store.writeBatch(batch, { setPreferred: plan.setPreferred });
            if (r.status === 'imported') for (const d of plan.decisions.filter((x) => x.outcome !== 'only')) process.stderr.write(`${d.message}\n`);
            out.push({ request: label, source: batch.source, status: r.status, rowsRead: r.rowsRead, rowsNew: r.rowsNew, rowsRevised: r.rowsRevised, error: null });
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
            out.push({ request: label, source: o.provider, status: 'failed', rowsRead: 0, rowsNew: 0, rowsRevised: 0, error: e.message });
          }
        };
        if (symbols.length) {
          const p = priceProvider(o.provider);
          for (const s of symbols) await run(s.toUpperCase(), () => p.fetchDaily(s.toUpperCase(), { from: o.from, to: o.to, lenient: o.lenient }));
        }
        if (o.french?.length) {
          const fp = new FrenchZipProvider({ parse: (i, opt) => frenchImporter.parse(i, opt) });
          for (const d of o.french) await run(d, () => fp.fetchDataset(d, { lenient: o.lenient }));
        }
        return out;
      }, { readOnly: false, role: 'fetch' });
      if (g.json) printJson({ results });
      else process.stdout.write(`${table(['request', 'source', 'status', 'read', 'new', 'revised', 'error'], results.map((r) => [r.request, r.source, r.status, r.rowsRead, r.rowsNew, r.rowsRevised, r.error]))}\n`);
      if (results.some((r) => r.status === 'failed')) process.exitCode = 2;
    });
}
