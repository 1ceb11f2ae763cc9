/** `marketdash sources list|compare|prefer`: second sources are kept apart, never merged silently. */
import type { Command } from 'commander';
import { compareSources } from '../../facts/pure.ts';
import { UserError } from '../../model/errors.ts';
import { type GlobalOptions, withStore } from '../context.ts';
import { printJson, table } from '../output.ts';

const pct = (x: number) => `${(x * 100).toFixed(3)}%`;

export function registerSources(program: Command): void {
  const src = program.command('sources').description('price sources per symbol: list, compare, choose the preferred one');
  src
    .command('list')
    .argument('<symbol>')
    .action(async (symbol: string, _o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const rows = await withStore(g, (s) => s.listSources(symbol.toUpperCase()), { readOnly: true });
      if (rows.length === 0) throw new UserError(`unknown symbol '${symbol}': no price sources stored`, 'not_found');
      if (g.json) return printJson({ symbol: symbol.toUpperCase(), sources: rows });
      process.stdout.write(`${table(['source', 'preferred', 'priority', 'adjustment', 'first', 'last', 'rows'], rows.map((r) => [r.source, r.preferred ? 'yes' : '', r.priority, r.adjustment, r.first, r.last, r.rows]))}\n`);
    });
  src
    .command('compare')
    .argument('<symbol>')
    .option('--a <source>', 'first source (default: the preferred one)')
    .option('--b <source>', 'second source (default: every other source)')
    .option('--tolerance <fraction>', 'relative tolerance', '0.001')
    .option('--adjusted', 'compare split+dividend adjusted closes (adj_close where a source has one)', true)
    .option('--no-adjusted', 'compare the close columns as stored')
    .action(async (symbol: string, o: { a?: string; b?: string; tolerance: string; adjusted: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const tol = Number(o.tolerance);
      if (!Number.isFinite(tol) || tol < 0) throw new UserError(`--tolerance must be a non-negative number, got '${o.tolerance}'`);
      const sym = symbol.toUpperCase();
      const result = await withStore(g, async (store) => {
        const sources = await store.listSources(sym);
        if (sources.length === 0) throw new UserError(`unknown symbol '${symbol}': no price sources stored`, 'not_found');
        const a = o.a ?? sources.find((s) => s.preferred)!.source;
        const others = o.b ? [o.b] : sources.map((s) => s.source).filter((s) => s !== a);
        if (others.length === 0) throw new UserError(`${sym} has only one source (${a}); nothing to compare`);
        const sa = await store.getPriceSeries(sym, { source: a, useAdjClose: o.adjusted });
        const out = [];
        for (const b of others) out.push(compareSources(sa, await store.getPriceSeries(sym, { source: b, useAdjClose: o.adjusted }), tol));
        return out;
      }, { readOnly: true });
      if (g.json) return printJson({ symbol: sym, comparisons: result });
      for (const c of result) {
        process.stdout.write(
          `${sym}: ${c.a.source} (${c.a.adjustment}) vs ${c.b.source} (${c.b.adjustment}) — ${c.sharedDates} shared dates, ${c.onlyInA} only in ${c.a.source}, ${c.onlyInB} only in ${c.b.source}\n` +
            `  ${c.formula}\n  largest difference: ${c.maxRelDiff ? `${pct(c.maxRelDiff.relDiff)} on ${c.maxRelDiff.date}` : 'n/a'}\n`,
        );
        if (c.ratioSteps.length) {
          process.stdout.write(`  ratio steps (adjustment basis changes): ${c.ratioSteps.slice(0, 10).map((s) => `${s.date} ${pct(s.change)}`).join(', ')}${c.ratioSteps.length > 10 ? ` … (${c.ratioSteps.length})` : ''}\n`);
        }
        if (c.disagreements.length) {
          process.stdout.write(`${table(['date', c.a.source, c.b.source, 'diff'], c.disagreements.slice(0, 20).map((d) => [d.date, d.a.toFixed(4), d.b.toFixed(4), pct(d.relDiff)]))}\n`);
          if (c.disagreements.length > 20) process.stdout.write(`  … see --json for all\n`);
        }
        process.stdout.write('\n');
      }
    });
  src
    .command('prefer')
    .argument('<symbol>')
    .argument('<source>')
    .description('make <source> the preferred source of <symbol> for every analysis')
    .action(async (symbol: string, source: string, _o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      await withStore(g, (s) => s.setPreferredSource(symbol.toUpperCase(), source), { readOnly: false, role: 'sources prefer' });
      if (g.json) printJson({ symbol: symbol.toUpperCase(), preferred: source });
      else process.stdout.write(`${symbol.toUpperCase()}: preferred source is now ${source}\n`);
    });
}
