/**
 * The analytics commands: each maps its options onto the shared fact parameters, calls the facts
 * layer, and prints either the JSON document (--json) or a short human rendering.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  analogsFromTable,
  computeContributions,
  parseContributionsCsv,
  parseEpisodesCsv,
  parseValuationCsv,
  spreadFromPairs,
} from '../../facts/pure.ts';
import { analogsFacts, levelsFacts, perfFacts, recordsFacts, streakFacts, volatilityFacts } from '../../facts/core.ts';
import {
  breadthFacts,
  contributionsFacts,
  flowsFacts,
  ladderFacts,
  sectorsFacts,
  valuationFacts,
} from '../../facts/market.ts';
import { UserError } from '../../model/errors.ts';
import type { MarketStore } from '../../store/store.ts';
import { type GlobalOptions, withStore } from '../context.ts';
import { printJson } from '../output.ts';
import * as render from './render.ts';

type Opts = Record<string, unknown>;

function readUserFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'not_found');
  }
}

/** Run a fact query against the store and print it. */
function run(cmd: Command, compute: (store: MarketStore) => Promise<unknown>, human: (r: never) => string) {
  const g = cmd.optsWithGlobals() as GlobalOptions;
  return withStore(g, compute).then((r) => {
    if (g.json) printJson(r);
    else process.stdout.write(`${human(r as never)}\n`);
  });
}

const periodOpts = (c: Command) =>
  c
    .option('--period <p>', 'ytd|mtd|qtd|1w|1m|3m|6m|1y|3y|5y|max')
    .option('--from <date>', 'period start (base = last close before it)')
    .option('--to <date>', 'period end')
    .option('--as-of <date>', 'use data up to and including this date');

export function registerAnalytics(program: Command): void {
  periodOpts(program.command('perf').description('period performance and spreads').argument('<symbols...>')).action(
    (symbols: string[], o: Opts, cmd: Command) =>
      run(cmd, (s) => perfFacts(s, { symbols, period: o.period, from: o.from, to: o.to, asOf: o.asOf }), render.perf),
  );

  program
    .command('streak')
    .description('relative-strength streaks: A beat B on consecutive sessions (or one series vs zero with --positive)')
    .argument('<a>')
    .argument('[b]')
    .option('--as-of <date>')
    .option('--direction <d>', 'over | under', 'over')
    .option('--min <n>', 'shortest streak listed in history', '1')
    .option('--positive', 'one series against zero: returns > 0')
    .option('--negative', 'one series against zero: returns < 0')
    .action((a: string, b: string | undefined, o: Opts, cmd: Command) => {
      if (!b && !o.positive && !o.negative) throw new UserError('give B, or --positive/--negative for one series against zero');
      return run(cmd, (s) => streakFacts(s, { a, b, asOf: o.asOf, direction: o.direction, min: o.min, positive: o.negative ? false : o.positive ? true : undefined }), render.streak);
    });

  program
    .command('records')
    .description('record-high streaks: consecutive sessions with a new all-time high')
    .argument('<symbol>')
    .option('--basis <b>', 'high | close', 'close')
    .option('--as-of <date>')
    .action((symbol: string, o: Opts, cmd: Command) => run(cmd, (s) => recordsFacts(s, { symbol, basis: o.basis, asOf: o.asOf }), render.records));

  program
    .command('analogs')
    .description('what happened after past A-over-B streaks of N sessions (or summarise --episodes FILE)')
    .argument('[a]')
    .argument('[b]')
    .option('--min-streak <n>', 'streak length that defines an episode')
    .option('--horizons <list>', 'forward horizons in sessions', '21,63,126,252')
    .option('--direction <d>', 'over | under', 'over')
    .option('--as-of <date>')
    .option('--episodes <file>', 'CSV label,a_fwd_pct,b_fwd_pct to summarise instead')
    .action((a: string | undefined, b: string | undefined, o: Opts, cmd: Command) => {
      if (o.episodes) {
        const rows = parseEpisodesCsv(readUserFile(o.episodes as string));
        return run(cmd, async () => analogsFromTable(rows), render.analogs);
      }
      if (!a || !b || !o.minStreak) throw new UserError('give A, B and --min-streak N (or --episodes FILE)');
      return run(cmd, (s) => analogsFacts(s, { a, b, minStreak: o.minStreak, horizons: o.horizons, direction: o.direction, asOf: o.asOf }), render.analogs);
    });

  periodOpts(
    program
      .command('contributions')
      .description('contributions in basis points (start weight × return × 10,000) from stored holdings, or --input CSV')
      .option('--fund <fund>', 'holdings snapshot to use', 'IWM')
      .option('--weights <w>', 'start | end (end: weights published at period end, start weights recovered)', 'end')
      .option('--index-return <r>', 'index return over the period, a fraction')
      .option('--top <n>', 'top/bottom N', '10')
      .option('--input <file>', 'CSV symbol,weight_pct,return_pct'),
  ).action((o: Opts, cmd: Command) => {
    if (o.input) {
      const weights = (o.weights as 'start' | 'end') ?? 'end';
      const rows = parseContributionsCsv(readUserFile(o.input as string), { weights });
      const ir = o.indexReturn === undefined ? undefined : Number(o.indexReturn);
      if (ir !== undefined && !Number.isFinite(ir)) throw new UserError(`--index-return must be a number, got '${o.indexReturn}'`);
      return run(cmd, async () => computeContributions(rows, { weights, indexReturn: ir, source: `file:${o.input}` }), render.contributions);
    }
    return run(cmd, (s) => contributionsFacts(s, { fund: o.fund, period: o.period, from: o.from, to: o.to, asOf: o.asOf, weights: o.weights, indexReturn: o.indexReturn, top: o.top }), render.contributions);
  });

  periodOpts(program.command('breadth').description('breadth of a universe: panel (5-year S&P panel) or a holdings fund').argument('<universe>')).action(
    (universe: string, o: Opts, cmd: Command) => run(cmd, (s) => breadthFacts(s, { universe, period: o.period, from: o.from, to: o.to, asOf: o.asOf }), render.breadth),
  );

  program
    .command('ladder')
    .description('returns by size segment and the Spearman rank correlation of size and return')
    .option('--ladder <l>', 'etf (MAGS, SPY, IJH, IWM, IWC) | french (size deciles since 1926)', 'etf')
    .option('--period <p>', '1d|1w|mtd|ytd|...', '1d')
    .option('--as-of <date>')
    .action((o: Opts, cmd: Command) => run(cmd, (s) => ladderFacts(s, { ladder: o.ladder, period: o.period, asOf: o.asOf }), render.ladder));

  periodOpts(
    program
      .command('sectors')
      .description('sector returns ranked: etf (SPDR sector ETFs) or cap-weighted from a holdings fund')
      .argument('[universe]', 'etf | a fund with holdings (e.g. IWM)', 'etf')
      .option('--vs <universe>', 'second universe: divergence of each sector in points'),
  ).action((universe: string, o: Opts, cmd: Command) =>
    run(cmd, (s) => sectorsFacts(s, { universe, vs: o.vs, period: o.period, from: o.from, to: o.to, asOf: o.asOf }), render.sectors),
  );

  periodOpts(
    program.command('volatility').description('daily and annualised volatility, rolling volatility, drawdowns').argument('<symbol>').option('--window <n>', 'rolling window in sessions', '21'),
  ).action((symbol: string, o: Opts, cmd: Command) =>
    run(cmd, (s) => volatilityFacts(s, { symbol, period: o.period, from: o.from, to: o.to, asOf: o.asOf, window: o.window }), render.volatility),
  );

  program
    .command('levels')
    .description('trading range, breakouts, support/resistance, measured-move target, moving averages')
    .argument('<symbol>')
    .option('--as-of <date>')
    .option('--lookback <n>', 'sessions in the range window (default 756)')
    .option('--min-inside <n>', 'sessions inside the range before a breakout counts (default 60)')
    .action((symbol: string, o: Opts, cmd: Command) => run(cmd, (s) => levelsFacts(s, { symbol, asOf: o.asOf, lookback: o.lookback, minInside: o.minInside }), render.levels));

  program
    .command('valuation')
    .description('valuation premium/discount of group A over B (aggregate multiples), or --input CSV metric,a,b')
    .option('--a <group>', 'all | sector:NAME | SYM,SYM,...', 'sector:Information Technology')
    .option('--b <group>', 'all | sector:NAME | SYM,SYM,...', 'all')
    .option('--negatives <n>', 'exclude | include loss-makers', 'exclude')
    .option('--input <file>', 'CSV metric,a,b')
    .action((o: Opts, cmd: Command) => {
      if (o.input) {
        const rows = parseValuationCsv(readUserFile(o.input as string));
        return run(cmd, async () => spreadFromPairs(rows), render.valuation);
      }
      return run(cmd, (s) => valuationFacts(s, { a: o.a, b: o.b, negatives: o.negatives }), render.valuation);
    });

  program
    .command('flows')
    .description('fund flows over a window of sessions, ranked, with "largest since"')
    .argument('[funds...]')
    .option('--window <n>', 'sessions', '5')
    .option('--as-of <date>')
    .action((funds: string[], o: Opts, cmd: Command) =>
      run(cmd, (s) => flowsFacts(s, { funds: funds.length ? funds.map((f) => f.toUpperCase()) : undefined, window: o.window, asOf: o.asOf }), render.flows),
    );
}
