/**
 * Period returns as facts (shared by both articles): one fact per symbol and period through the facts
 * layer, the A − B spread in points, and the words that describe a return ("up 2.10%", "fell 0.40%").
 */
import { perfFacts } from '../../facts/core.ts';
import { UserError } from '../../model/errors.ts';
import type { Ctx } from '../context.ts';
import { t } from '../factbook.ts';
import type { Para } from '../types.ts';

type PerfOut = Awaited<ReturnType<typeof perfFacts>>;

async function perfFor(ctx: Ctx, syms: string[], period: string): Promise<PerfOut> {
  return period === '1d'
    ? perfFacts(ctx.store, { symbols: syms, from: ctx.asOf, to: ctx.asOf, asOf: ctx.asOf })
    : perfFacts(ctx.store, { symbols: syms, period, asOf: ctx.asOf });
}

async function registerRow(ctx: Ctx, r: PerfOut, i: number, period: string): Promise<string | null> {
  const row = r.rows[i];
  const sym = row.symbol;
  if (row.end !== ctx.asOf) return null;
  if (period === '1d') {
    // One session: the base must be the session just before the as-of date.
    const s = await ctx.price(sym);
    const k = s ? s.dates.indexOf(ctx.asOf) : -1;
    if (!s || k < 1 || s.dates[k - 1] !== row.start) return null;
  }
  ctx.book.add(`perf.${period}.${sym}.base`, row.start, 'date', {
    label: `base session of the ${period} period (its close is the starting price)`,
    series: [sym],
    dates: { start: row.start, end: row.end },
    formula: r.provenance.notes.find((n) => n.startsWith(`${period}:`)) ?? r.provenance.formula,
  });
  return ctx.book.add(`perf.${period}.${sym}.return`, row.return, 'return', {
    label: `${sym} ${period} return (${row.returnType})`,
    series: [sym],
    dates: { start: row.start, end: row.end },
    formula: 'close[end]/close[base] − 1',
  });
}

/**
 * Period returns as facts, through the facts layer (one call for all symbols; one call per symbol
 * when some cannot cover the period). A symbol without data for the period gets no fact.
 */
export async function periodReturnFacts(ctx: Ctx, syms: string[], period: string): Promise<void> {
  const todo = syms.filter((s) => !ctx.book.has(`perf.${period}.${s}.return`));
  if (todo.length === 0) return;
  try {
    const r = await perfFor(ctx, todo, period);
    for (let i = 0; i < r.rows.length; i++) await registerRow(ctx, r, i, period);
    return;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  if (todo.length === 1) return;
  for (const s of todo) await periodReturnFacts(ctx, [s], period);
}

export function spreadFact(ctx: Ctx, period: string, A: string, B: string): string | null {
  const ia = `perf.${period}.${A}.return`;
  const ib = `perf.${period}.${B}.return`;
  if (!ctx.book.has(ia) || !ctx.book.has(ib)) return null;
  const fa = ctx.book.get(ia);
  return ctx.book.add(`perf.${period}.${A}-${B}.spread`, (ctx.book.num(ia) - ctx.book.num(ib)) * 100, 'pts', {
    label: `${A} minus ${B}, ${period} return, percentage points`,
    series: [A, B],
    dates: fa.dates,
    formula: '(return_A − return_B) × 100',
  });
}

/** "up 22.07%" / "down 1.56%" / "unchanged". */
export function upDown(ctx: Ctx, id: string): Para {
  const x = ctx.book.num(id);
  if (x === 0) return t`unchanged`;
  return x > 0 ? t`up ${ctx.book.ref(id, 'pctAbs')}` : t`down ${ctx.book.ref(id, 'pctAbs')}`;
}
export function roseFell(ctx: Ctx, id: string): Para {
  const x = ctx.book.num(id);
  if (x === 0) return t`was unchanged`;
  return x > 0 ? t`rose ${ctx.book.ref(id, 'pctAbs')}` : t`fell ${ctx.book.ref(id, 'pctAbs')}`;
}

/** "a, b and c". */
export function joinList(parts: Para[]): Para {
  const out: Para = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(i === parts.length - 1 ? ' and ' : ', ');
    out.push(...p);
  });
  return t`${out}`;
}

/** Paragraph parts joined by single spaces. */
export const joinSentences = (xs: Para[]): Para => xs.flatMap((x, i) => (i ? [' ', ...x] : x));
