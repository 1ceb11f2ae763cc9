/**
 * Market context: the last session by size segment (ladder), sector leadership (SPDR sector ETFs)
 * and breadth (a constituent universe with prices). Each is left out, with the reason, when the
 * data do not support it: a ladder needs MIN_LADDER segments with a return on the as-of session,
 * sectors need MIN_SECTORS ETFs, breadth needs prices for MIN_BREADTH_COVERAGE of a universe.
 */
import { DEFAULT_LADDER } from '../facts/pure.ts';
import { breadthFacts, ladderFacts, sectorsFacts } from '../facts/market.ts';
import { UserError } from '../model/errors.ts';
import { ladderChart } from './charts.ts';
import type { Ctx } from './context.ts';
import { t, txt } from './factbook.ts';
import { cap, groupOf } from './names.ts';
import { joinList } from './sections/period-returns.ts';
import type { Block, Omitted, Para, Section } from './types.ts';

export const MIN_LADDER = 3;
export const MIN_SECTORS = 3;
export const MIN_BREADTH_COVERAGE = 0.5;

type Out = { section?: Section; omitted?: Omitted };

/** "MAGS (data end July 31, 2026)" list for series without a close on the as-of date. */
async function endedList(ctx: Ctx, syms: string[]): Promise<Para> {
  const parts: Para[] = [];
  for (const s of syms) {
    const p = await ctx.price(s);
    if (!p) parts.push(t`${s} (not in the store)`);
    else parts.push(t`${s}${ctx.coverageNote(s)}`);
  }
  return joinList(parts);
}

export async function ladderSection(ctx: Ctx): Promise<Out> {
  const { book } = ctx;
  const title = 'The last session by size segment';
  for (const seg of DEFAULT_LADDER) await ctx.price(seg.symbol);
  let r: Awaited<ReturnType<typeof ladderFacts>> | null = null;
  try {
    r = await ladderFacts(ctx.store, { ladder: 'etf', period: '1d', asOf: ctx.asOf });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  const have = r ? r.rows.filter((x) => x.return !== null) : [];
  book.add('ladder.minSegments', MIN_LADDER, 'count', {
    label: 'segments a size ladder needs',
    formula: 'report parameter',
  });
  if (!r || have.length < MIN_LADDER) {
    const missing = DEFAULT_LADDER.map((s) => s.symbol).filter((s) => !have.some((h) => h.symbol === s));
    const reason = t`The size ladder needs returns for at least ${book.ref('ladder.minSegments', 'int')} of its segments on ${book.ref('asof', 'date')}; it is left out because ${await endedList(ctx, missing)} ${missing.length === 1 ? 'has' : 'have'} no close on that session.`;
    return { omitted: { id: 'ladder', title, reason } };
  }
  const meta = (label: string) => ({
    label,
    series: have.map((x) => x.symbol),
    dates: { start: r!.period.start, end: r!.period.end },
    formula: r!.provenance.formula,
  });
  for (const x of have)
    book.add(
      `ladder.1d.${x.symbol}.return`,
      x.return!,
      'return',
      meta(`${x.symbol} (${x.segment}) return on the last session`),
    );
  const rows: Para[][] = r.rows.map((x) => [
    txt(cap(x.segment)),
    txt(x.symbol),
    x.return === null ? txt('—') : [book.ref(`ladder.1d.${x.symbol}.return`, 'pct')],
  ]);
  const blocks: Block[] = [];
  let rhoText: Para = t``;
  if (r.spearman.rho !== null) {
    book.add(
      'ladder.1d.rho',
      r.spearman.rho,
      'rho',
      meta('Spearman rank correlation of size rank (1 = largest) and return; positive = smaller did better'),
    );
    book.add('ladder.1d.n', r.spearman.n, 'count', meta('segments in the correlation'));
    rhoText = t` The rank correlation between size and return was ${book.ref('ladder.1d.rho', 'dec2')} across ${book.ref('ladder.1d.n', 'int')} segments: ${r.spearman.interpretation ?? ''}.`;
  }
  const best = [...have].sort((a, b) => b.return! - a.return!)[0];
  const worst = [...have].sort((a, b) => a.return! - b.return!)[0];
  blocks.push({
    kind: 'p',
    text: t`On ${book.ref('asof', 'date')}, ${groupOf(best.symbol) ?? best.symbol} (${best.symbol}) did best, ${book.ref(`ladder.1d.${best.symbol}.return`, 'pct')}, and ${groupOf(worst.symbol) ?? worst.symbol} (${worst.symbol}) did worst, ${book.ref(`ladder.1d.${worst.symbol}.return`, 'pct')}.${rhoText}`,
  });
  if (r.missing.length > 0)
    blocks.push({ kind: 'note', text: t`No return on that session for ${await endedList(ctx, r.missing)}.` });
  blocks.push({
    kind: 'table',
    id: 'ladder',
    caption: t`Return on ${book.ref('asof', 'date')} by size segment, largest first`,
    columns: [
      { label: txt('Segment'), numeric: false },
      { label: txt('Fund'), numeric: false },
      { label: txt('Return'), numeric: true },
    ],
    rows,
  });
  blocks.push({
    kind: 'note',
    text: t`Index families differ along the ladder (S&P for large and mid caps, Russell for small and micro caps), which matters in close calls.`,
  });
  blocks.push(
    ladderChart(
      have.map((x) => ({ segment: x.segment, symbol: x.symbol, ret: x.return! })),
      r.period.start,
      r.period.end,
    ),
  );
  return { section: { id: 'ladder', title, blocks } };
}

export async function sectorsSection(ctx: Ctx): Promise<Out> {
  const { book } = ctx;
  const title = 'Sector leadership';
  let r: Awaited<ReturnType<typeof sectorsFacts>> | null = null;
  try {
    r = await sectorsFacts(ctx.store, { universe: 'etf', period: 'ytd', asOf: ctx.asOf });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  book.add('sectors.min', MIN_SECTORS, 'count', {
    label: 'sector funds the section needs',
    formula: 'report parameter',
  });
  if (!r || r.rows.length < MIN_SECTORS) {
    const reason = t`Fewer than ${book.ref('sectors.min', 'int')} sector funds have a close on ${book.ref('asof', 'date')}.`;
    return { omitted: { id: 'sectors', title, reason } };
  }
  for (const row of r.rows) await ctx.price(row.etf!);
  const meta = (sym: string, label: string) => ({
    label,
    series: [sym],
    dates: { start: r!.period.start, end: r!.period.end },
    formula: r!.provenance.formula,
  });
  for (const row of r.rows) {
    book.add(
      `sectors.ytd.${row.etf}.return`,
      row.return,
      'return',
      meta(row.etf!, `${row.sector} (${row.etf}) year-to-date return`),
    );
    book.add(
      `sectors.ytd.${row.etf}.rank`,
      row.rank,
      'count',
      meta(row.etf!, `${row.sector} rank among the sector funds with data (1 = best)`),
    );
  }
  book.add('sectors.n', r.rows.length, 'count', {
    label: 'sector funds with a year-to-date return',
    series: r.rows.map((x) => x.etf!),
    formula: 'count',
  });
  const first = r.rows[0];
  const last = r.rows[r.rows.length - 1];
  const blocks: Block[] = [
    {
      kind: 'p',
      text: t`Of the ${book.ref('sectors.n', 'int')} sector funds with data, ${first.sector} (${first.etf}) leads this year, ${book.ref(`sectors.ytd.${first.etf}.return`, 'pct')}, and ${last.sector} (${last.etf}) trails, ${book.ref(`sectors.ytd.${last.etf}.return`, 'pct')}. These are large-company sector funds: they show which industries led the market, not small-cap sectors.`,
    },
  ];
  if (r.missing.length > 0) {
    const syms = r.missing.flatMap((m) => m.symbols);
    const note = t`Left out: ${await endedList(ctx, syms)}, with no close on ${book.ref('asof', 'date')}.`;
    blocks.push({ kind: 'note', text: note });
    ctx.missing.push(
      t`Sector leadership: ${await endedList(ctx, syms)} ${syms.length === 1 ? 'has' : 'have'} no close on the report date.`,
    );
  }
  blocks.push({
    kind: 'table',
    id: 'sectors',
    caption: t`Sector funds, total return this year through ${book.ref('asof', 'date')}`,
    columns: [
      { label: txt('Rank'), numeric: true },
      { label: txt('Sector'), numeric: false },
      { label: txt('Fund'), numeric: false },
      { label: txt('Year to date'), numeric: true },
    ],
    rows: r.rows.map((x) => [
      [book.ref(`sectors.ytd.${x.etf}.rank`, 'int')],
      txt(x.sector),
      txt(x.etf!),
      [book.ref(`sectors.ytd.${x.etf}.return`, 'pct')],
    ]),
  });
  return { section: { id: 'sectors', title, blocks } };
}

/** Breadth over the holdings of A (then B) when enough members have prices on the as-of date. */
export async function breadthSection(ctx: Ctx, funds: string[]): Promise<Out> {
  const { book } = ctx;
  const title = 'Breadth';
  const reasons: Para[] = [];
  book.add('breadth.minCoverage', MIN_BREADTH_COVERAGE, 'weight', {
    label: 'share of a universe that needs prices for a breadth reading',
    formula: 'report parameter',
  });
  for (const fund of funds) {
    let h: Awaited<ReturnType<typeof ctx.store.getHoldings>>;
    try {
      h = await ctx.store.getHoldings(fund);
    } catch (e) {
      if (e instanceof UserError) continue;
      throw e;
    }
    const equity = h.rows.filter((r) => (r.assetClass ?? 'Equity') === 'Equity');
    const n = await ctx.store.holdingsPricedOn(fund, h.asOf, ctx.asOf);
    const base = `breadth.${fund}`;
    const m = {
      series: [fund],
      sources: [`${h.file} (${h.source})`],
      dates: { asOf: h.asOf },
      formula: 'equity holdings in the snapshot; members with a non-provisional close on the report date',
    };
    book.add(`${base}.snapshot`, h.asOf, 'date', { ...m, label: `${fund} holdings snapshot date` });
    book.add(`${base}.members`, equity.length, 'count', {
      ...m,
      label: `${fund} equity holdings in the snapshot`,
    });
    book.add(`${base}.withPrices`, n, 'count', {
      ...m,
      label: `${fund} holdings with a close on the report date`,
    });
    if (equity.length > 0 && n / equity.length >= MIN_BREADTH_COVERAGE) {
      const r = await breadthFacts(ctx.store, { universe: fund, period: 'ytd', asOf: ctx.asOf });
      const bm = (label: string) => ({
        label,
        series: [fund],
        dates: { start: r.period.start, end: r.period.end },
        formula: r.provenance.formula,
      });
      book.add(`${base}.shareUp`, r.shareUp ?? 0, 'weight', bm('share of members up this year'));
      book.add(
        `${base}.above200`,
        r.above200.share ?? 0,
        'weight',
        bm('share of members above their 200-session average'),
      );
      book.add(`${base}.advancers`, r.advancers, 'count', bm('advancers on the as-of session'));
      book.add(`${base}.decliners`, r.decliners, 'count', bm('decliners on the as-of session'));
      return {
        section: {
          id: 'breadth',
          title,
          blocks: [
            {
              kind: 'p',
              text: t`Of ${book.ref(`${base}.withPrices`, 'int')} ${fund} members with prices, ${book.ref(`${base}.shareUp`, 'pct0Abs')} are up this year and ${book.ref(`${base}.above200`, 'pct0Abs')} trade above their long-term average; on the last session ${book.ref(`${base}.advancers`, 'int')} rose and ${book.ref(`${base}.decliners`, 'int')} fell.`,
            },
          ],
        },
      };
    }
    reasons.push(
      n === 0
        ? t`the ${fund} holdings file (snapshot of ${book.ref(`${base}.snapshot`, 'date')}) lists ${book.ref(`${base}.members`, 'int')} stocks, and none of them has a price in the store for ${book.ref('asof', 'date')}`
        : t`the ${fund} holdings file (snapshot of ${book.ref(`${base}.snapshot`, 'date')}) lists ${book.ref(`${base}.members`, 'int')} stocks, but only ${book.ref(`${base}.withPrices`, 'int')} of them have prices in the store for ${book.ref('asof', 'date')}`,
    );
  }
  const pd = (await ctx.store.sourceSpan('kaggle-5yr'))?.last ?? null;
  if (pd) {
    book.add('breadth.panel.last', pd, 'date', {
      label: 'last session of the five-year stock panel',
      formula: 'max(date) of the panel',
      sources: ['panels/individual_stocks_5yr (kaggle-5yr)'],
    });
    reasons.push(t`the five-year stock panel ends on ${book.ref('breadth.panel.last', 'date')}`);
  }
  const reason = reasons.length
    ? t`Breadth needs prices for at least ${book.ref('breadth.minCoverage', 'pct0Abs')} of a constituent universe on the report date: ${joinList(reasons)}. Nothing was filled in.`
    : t`No constituent universe (holdings file or stock panel) is stored.`;
  return { omitted: { id: 'breadth', title, reason } };
}
