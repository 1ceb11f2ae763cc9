/** `marketdash db info`: every stored series with kind, source, first/last date and row count. */
import type { Command } from 'commander';
import { dbPath, type GlobalOptions, withStore } from '../context.ts';
import { printJson, table } from '../output.ts';

export function registerDb(program: Command): void {
  const db = program.command('db').description('inspect the store');
  db.command('info')
    .description('list every series: kind, source, first and last date, rows')
    .option('--symbol <symbol>', 'only this symbol or series')
    .action(async (opts: { symbol?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const info = await withStore(g, async (store) => ({
        db: dbPath(g),
        schemaVersion: await store.schemaVersion(),
        series: (await store.listSeries()).filter((s) => !opts.symbol || s.symbol === opts.symbol),
        imports: (await store.imports()).length,
      }), { readOnly: true });
      if (g.json) return printJson(info);
      const out = [`store: ${info.db} (schema v${info.schemaVersion}, ${info.imports} file import(s))`, ''];
      out.push(
        table(
          ['series', 'kind', 'source', 'freq', 'first', 'last', 'rows', 'note'],
          info.series.map((s) => [
            s.symbol, s.kind, s.source, s.freq, s.first, s.last, s.rows,
            [s.table === 'bars' && s.preferred ? 'preferred' : '', s.adjustment ?? '', s.provisional ? `${s.provisional} provisional` : '']
              .filter(Boolean).join(', ') || null,
          ]),
        ),
      );
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
