/**
 * `marketdash report`: write a data-backed article.
 *   --pair A:B (default IWM:SPY): the leadership contest between two funds, as of their latest common session;
 *   --symbol SYM: the weekly insight for one symbol.
 * Files go to --out (default out/reports under the current directory) in --format md,html,json.
 */
import type { Command } from 'commander';
import { UserError } from '../../model/errors.ts';
import { DEFAULT_OUT_DIR, DEFAULT_PAIR } from '../../report/defaults.ts';
import { type GlobalOptions, withStore } from '../context.ts';
import { printJson } from '../output.ts';

interface ReportOpts {
  pair?: string;
  symbol?: string;
  asOf?: string;
  out?: string;
  format?: string;
  related?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'write a market article with every number traced to a fact: --pair A:B (default IWM:SPY) or --symbol SYM (weekly insight)',
    )
    .option('--pair <A:B>', `pair of funds (default ${DEFAULT_PAIR})`)
    .option('--symbol <symbol>', 'weekly insight for one symbol instead of a pair')
    .option('--as-of <date>', 'report date (default: the latest common session)')
    .option('--out <dir>', 'output folder', DEFAULT_OUT_DIR)
    .option('--format <list>', 'md,html,json (comma-separated)', 'md,html,json')
    .option('--related <list>', 'related funds for the pair returns table (default MAGS,QQQ,RSP)')
    .action(async (o: ReportOpts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      if (o.pair && o.symbol) throw new UserError('give --pair or --symbol, not both', 'bad_input');
      // Loaded here, not at the top: the report builders bring the chart library, which no other command needs.
      const { buildPairReport, buildSymbolReport, parseFormats, toJsonDoc, writeReport } = await import('../../report/index.ts');
      const formats = parseFormats(o.format);
      const res = await withStore(g, async (store) => {
        const report = o.symbol
          ? await buildSymbolReport(store, { symbol: o.symbol, asOf: o.asOf })
          : await buildPairReport(store, {
              pair: o.pair ?? DEFAULT_PAIR,
              asOf: o.asOf,
              related: o.related?.split(','),
            });
        const files = writeReport(report, { outDir: o.out, formats });
        const doc = toJsonDoc(report.article, report.facts).report;
        return {
          files,
          headline: doc.headline,
          asOf: doc.asOf,
          sections: doc.sections.map((s) => s.id),
          omitted: doc.omitted.map((s) => s.id),
          facts: report.facts.length,
        };
      }, { readOnly: true });
      if (g.json) return printJson(res);
      process.stdout.write(
        `${res.headline}\n(as of ${res.asOf}; ${res.facts} facts; sections: ${res.sections.join(', ')}${res.omitted.length ? `; left out: ${res.omitted.join(', ')}` : ''})\n${res.files.join('\n')}\n`,
      );
    });
}
