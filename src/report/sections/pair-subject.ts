/**
 * The subject of a pair article: the two funds aligned on their common sessions up to the report
 * date (the latest common session by default), the report-date fact, and the related funds that can
 * be shown over the same window (the others are named as left out).
 */
import { alignPair } from '../../facts/pure.ts';
import { UserError } from '../../model/errors.ts';
import type { MarketStore } from '../../store/store.ts';
import { Ctx } from '../context.ts';
import { DEFAULT_PAIR } from '../defaults.ts';
import { t } from '../factbook.ts';
import { alignedPair, type Pair } from '../pair-context.ts';
import type { Para } from '../types.ts';

export const DEFAULT_RELATED = ['MAGS', 'QQQ', 'RSP'];

export interface PairSubject {
  ctx: Ctx;
  p: Pair;
  /** Related funds as asked for (without A and B). */
  relatedAll: string[];
  /** Those with a close on the report date. */
  related: string[];
  /** Those without, each with why. */
  endedEarly: Para[];
}

export function parsePair(s: string): [string, string] {
  const m = /^\s*([^:\s]+)\s*:\s*([^:\s]+)\s*$/.exec(s);
  if (!m) throw new UserError(`--pair must look like A:B (e.g. IWM:SPY), got '${s}'`, 'bad_input');
  const a = m[1].toUpperCase();
  const b = m[2].toUpperCase();
  if (a === b) throw new UserError(`--pair needs two different symbols, got '${s}'`, 'bad_input');
  return [a, b];
}

export async function pairSubject(
  store: MarketStore,
  opts: { pair?: string; asOf?: string; related?: string[] },
): Promise<PairSubject> {
  const [A0, B0] = parsePair(opts.pair ?? DEFAULT_PAIR);
  if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf))
    throw new UserError(`--as-of must be YYYY-MM-DD, got '${opts.asOf}'`, 'bad_input');
  const ctx = new Ctx(store, opts.asOf ?? '');
  const a = await ctx.price(A0);
  const b = await ctx.price(B0);
  if (!a) throw new UserError(`unknown symbol '${A0}': no price data stored`, 'not_found');
  if (!b) throw new UserError(`unknown symbol '${B0}': no price data stored`, 'not_found');
  const A = a.symbol;
  const B = b.symbol;
  const al = alignPair(a, b);
  if (opts.asOf === undefined) ctx.asOf = al.dates[al.dates.length - 1];
  else if (!al.dates.includes(opts.asOf))
    throw new UserError(
      `${opts.asOf} is not a session common to ${A} and ${B} (their common data run ${al.dates[0]} to ${al.dates[al.dates.length - 1]})`,
      'bad_input',
    );
  ctx.book.add('asof', ctx.asOf, 'date', {
    label: 'report date: the last session used',
    series: [A, B],
    dates: { asOf: ctx.asOf },
    formula: opts.asOf ? 'given' : 'latest session common to A and B',
  });
  const p = alignedPair(ctx, A, B, a, b);
  if (p.k < 1)
    throw new UserError(`${A} and ${B} have fewer than two common sessions up to ${ctx.asOf}`, 'not_found');

  const relatedAll = (opts.related ?? DEFAULT_RELATED).map((s) => s.toUpperCase()).filter((s) => s !== A && s !== B);
  const related: string[] = [];
  const endedEarly: Para[] = [];
  for (const s of relatedAll) {
    const r = await ctx.price(s);
    if (r && ctx.covers(r)) related.push(s);
    else if (r) endedEarly.push(t`${s}${ctx.coverageNote(s)}`);
    else endedEarly.push(t`${s} (not in the store)`);
  }
  if (endedEarly.length > 0)
    ctx.missing.push(
      t`Returns table: ${endedEarly.flatMap((x, i) => (i ? [', ', ...x] : x))} ${endedEarly.length === 1 ? 'has' : 'have'} no close on the report date and ${endedEarly.length === 1 ? 'is' : 'are'} left out rather than shown over a different window.`,
    );
  return { ctx, p, relatedAll, related, endedEarly };
}
