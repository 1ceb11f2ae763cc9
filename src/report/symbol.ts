/**
 * The weekly insight for one symbol (what a subscriber to a ticker receives each week): the week's
 * return against its index and sector fund, the sessions of the week, the largest move and when a
 * move that large last happened, streaks, record highs, and its contribution to its index when a
 * holdings file lists it. Sections without data are left out with the reason.
 */
import { normalizeSector, SECTOR_ETFS } from '../facts/pure.ts';
import type { PriceSeries } from '../model/series.ts';
import { recordsFacts, streakFacts, volatilityFacts } from '../facts/core.ts';
import { UserError } from '../model/errors.ts';
import type { MarketStore } from '../store/store.ts';
import { rebasedChart } from './charts.ts';
import { Ctx } from './context.ts';
import { driftWeight, largestMoveSince, yearsBetween } from '../facts/pure.ts';
import { t, txt } from './factbook.ts';
import { candidate, rankCandidates } from './headline.ts';
import { methods } from './methods.ts';
import { nameOf } from './names.ts';
import { levelsSection } from './pair-levels.ts';
import type { LedeLine } from './pair-numbers.ts';
import { periodReturnFacts, roseFell, spreadFact, upDown } from './pair-numbers.ts';
import { ledeFrom } from './pair.ts';
import type { Block, Candidate, Omitted, Para, Report, Section } from './types.ts';

export interface SymbolReportOptions {
  symbol: string;
  asOf?: string;
  /** Index to compare with when no holdings file lists the symbol; default SPY. */
  fallbackIndex?: string;
}

const PERIODS = [
  { key: '1w', label: 'Week' },
  { key: 'mtd', label: 'Month to date' },
  { key: 'ytd', label: 'Year to date' },
  { key: '1y', label: 'One year' },
] as const;

const idx = (s: PriceSeries, d: string) => s.dates.indexOf(d);
/** Index of the last date on or before d. */
function onOrBefore(s: PriceSeries, d: string): number {
  let k = -1;
  for (let i = 0; i < s.dates.length && s.dates[i] <= d; i++) k = i;
  return k;
}

export async function buildSymbolReport(store: MarketStore, opts: SymbolReportOptions): Promise<Report> {
  if (!opts?.symbol) throw new UserError('give a symbol', 'bad_input');
  if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf))
    throw new UserError(`--as-of must be YYYY-MM-DD, got '${opts.asOf}'`, 'bad_input');
  const ctx = new Ctx(store, opts.asOf ?? '');
  const { book } = ctx;
  const s = await ctx.price(opts.symbol);
  if (!s || s.dates.length < 2)
    throw new UserError(`unknown symbol '${opts.symbol}': no price data stored`, 'not_found');
  const S = s.symbol;
  if (opts.asOf === undefined) ctx.asOf = s.dates[s.dates.length - 1];
  else if (idx(s, opts.asOf) < 1)
    throw new UserError(
      `${opts.asOf} is not a session of ${S} (data ${s.dates[0]} to ${s.dates[s.dates.length - 1]})`,
      'bad_input',
    );
  book.add('asof', ctx.asOf, 'date', {
    label: 'report date: the last session used',
    series: [S],
    dates: { asOf: ctx.asOf },
    formula: opts.asOf ? 'given' : `last session of ${S}`,
  });

  // Index membership from stored holdings.
  const memb = await store.holdingsContaining(S, ctx.asOf);
  let indexSym = (opts.fallbackIndex ?? 'SPY').toUpperCase();
  let holding: {
    fund: string;
    asOf: string;
    name: string | null;
    weight: number | null;
    sector: string | null;
    file: string;
    source: string;
    rank: number;
    members: number;
  } | null = null;
  for (const m of memb) {
    const fund = m.fund;
    const fs = await ctx.price(fund);
    if (!fs || !ctx.covers(fs)) continue;
    const h = await store.getHoldings(fund, ctx.asOf);
    const row = h.rows.find((r) => r.symbol === S);
    if (!row) continue;
    const eq = h.rows.filter((r) => (r.assetClass ?? 'Equity') === 'Equity' && r.weight !== null);
    const rank = 1 + eq.filter((r) => (r.weight ?? 0) > (row.weight ?? 0)).length;
    holding = {
      fund,
      asOf: h.asOf,
      name: row.name,
      weight: row.weight,
      sector: row.sector,
      file: h.file,
      source: h.source,
      rank,
      members: eq.length,
    };
    indexSym = fund;
    break;
  }
  const indexSeries = indexSym === S ? null : await ctx.price(indexSym);
  const hasIndex = !!indexSeries && ctx.covers(indexSeries);
  const sectorName = holding?.sector ? normalizeSector(holding.sector) : null;
  const sectorEtf = sectorName ? ((SECTOR_ETFS as Record<string, string>)[sectorName] ?? null) : null;
  const sectorSeries = sectorEtf ? await ctx.price(sectorEtf) : null;
  const hasSector = !!sectorSeries && ctx.covers(sectorSeries);
  const peers = [S, ...(hasIndex ? [indexSym] : []), ...(hasSector ? [sectorEtf!] : [])];

  const sections: Section[] = [];
  const omitted: Omitted[] = [];
  const candidates: Candidate[] = [];
  const lede: LedeLine[] = [];

  // ---- The week.
  for (const per of [{ key: '1d' }, ...PERIODS]) await periodReturnFacts(ctx, peers, per.key);
  const periods = PERIODS.filter((per) => book.has(`perf.${per.key}.${S}.return`));
  for (const per of periods) for (const o of peers.slice(1)) spreadFact(ctx, per.key, S, o);
  const week: Block[] = [];
  if (!book.has(`perf.1w.${S}.return`))
    throw new UserError(`${S}: no week of data up to ${ctx.asOf}`, 'not_found');
  const wk = book.get(`perf.1w.${S}.return`);
  const sentences: Para[] = [
    t`${S} ${roseFell(ctx, `perf.1w.${S}.return`)} in the week to ${book.ref('asof', 'date')}`,
  ];
  if (hasIndex)
    sentences[0] = t`${sentences[0]}, against ${book.has(`perf.1w.${indexSym}.return`) ? t`${book.ref(`perf.1w.${indexSym}.return`, 'pct')} for ${indexSym}` : t`no weekly figure for ${indexSym}`}`;
  if (hasSector)
    sentences[0] = t`${sentences[0]} and ${book.ref(`perf.1w.${sectorEtf}.return`, 'pct')} for the ${sectorName} sector fund ${sectorEtf}`;
  sentences[0] = t`${sentences[0]}.`;
  if (book.has(`perf.ytd.${S}.return`)) {
    sentences.push(
      t`This year it is ${upDown(ctx, `perf.ytd.${S}.return`)}${hasIndex && book.has(`perf.ytd.${indexSym}.return`) ? t`, while ${indexSym} is ${upDown(ctx, `perf.ytd.${indexSym}.return`)}` : t``}.`,
    );
    lede.push({ rank: 2, text: sentences[sentences.length - 1] });
  }
  lede.push({ rank: 1, text: sentences[0] });
  candidates.push(
    candidate({
      kind: 'week-plain',
      rarityYears: 0,
      headline: hasIndex
        ? t`${S} ${book.num(wk.id) >= 0 ? 'gains' : 'loses'} ${book.ref(wk.id, 'pctAbs')} in the week${book.has(`perf.1w.${S}-${indexSym}.spread`) ? t`, ${book.ref(`perf.1w.${S}-${indexSym}.spread`, 'ptsAbs')} points ${book.num(`perf.1w.${S}-${indexSym}.spread`) >= 0 ? 'ahead of' : 'behind'} ${indexSym}` : t``}`
        : t`${S} ${book.num(wk.id) >= 0 ? 'gains' : 'loses'} ${book.ref(wk.id, 'pctAbs')} in the week`,
      sentence: sentences[0],
      facts: [wk.id],
    }),
  );

  // Sessions of the week.
  const base = wk.dates.start!;
  const i0 = idx(s, base);
  const k = idx(s, ctx.asOf);
  const rows: Para[][] = [];
  let big = -1;
  for (let i = i0 + 1; i <= k; i++) {
    const d = s.dates[i];
    const r = s.close[i] / s.close[i - 1] - 1;
    if (big < 0 || Math.abs(r) > Math.abs(s.close[big] / s.close[big - 1] - 1)) big = i;
    const m = { series: [S], dates: { start: s.dates[i - 1], end: d }, formula: 'close[t]/close[t−1] − 1' };
    book.add(`week.${d}.date`, d, 'date', { ...m, label: 'session of the week' });
    book.add(`week.${d}.${S}`, r, 'return', { ...m, label: `${S} return on the session` });
    const cells: Para[] = [[book.ref(`week.${d}.date`, 'date')], [book.ref(`week.${d}.${S}`, 'pct')]];
    if (hasIndex) {
      const j = idx(indexSeries!, d);
      if (j > 0) {
        const ri = indexSeries!.close[j] / indexSeries!.close[j - 1] - 1;
        book.add(`week.${d}.${indexSym}`, ri, 'return', {
          ...m,
          series: [indexSym],
          label: `${indexSym} return on the session`,
        });
        book.add(`week.${d}.diff`, (r - ri) * 100, 'pts', {
          ...m,
          series: [S, indexSym],
          label: `${S} minus ${indexSym} on the session, points`,
          formula: '(r_symbol − r_index) × 100',
        });
        cells.push([book.ref(`week.${d}.${indexSym}`, 'pct')], [book.ref(`week.${d}.diff`, 'pts')]);
      } else cells.push(txt('—'), txt('—'));
    }
    rows.push(cells);
  }
  book.add('week.sessions', rows.length, 'sessions', {
    label: 'sessions in the week',
    series: [S],
    dates: { start: base, end: ctx.asOf },
    formula: 'sessions after the 1w base session through the as-of date',
  });
  const cmp: Para[] = [];
  for (const o of peers.slice(1)) {
    const id = `perf.1w.${S}-${o}.spread`;
    if (book.has(id))
      cmp.push(t`${book.num(id) >= 0 ? 'ahead of' : 'behind'} ${o} by ${book.ref(id, 'ptsAbs')} points`);
  }
  week.push({
    kind: 'p',
    text: t`Over the week's ${book.ref('week.sessions', 'int')} sessions, ${S} ${roseFell(ctx, `perf.1w.${S}.return`)}${cmp.length ? t`, ${cmp.flatMap((x, i) => (i ? [i === cmp.length - 1 ? ' and ' : ', ', ...x] : x))}` : t``}.`,
  });
  // The largest move and when one as large last happened.
  if (big > 0) {
    const mv = largestMoveSince(s.dates, s.close, big);
    const up = mv.ret >= 0;
    const m = {
      series: [S],
      dates: { start: s.dates[big - 1], end: mv.date },
      formula:
        'largest |close[t]/close[t−1] − 1| of the week; "since" = last earlier session with a move at least as large in the same direction',
    };
    book.add('move.date', mv.date, 'date', { ...m, label: `${S} session with the week's largest move` });
    book.add('move.return', mv.ret, 'return', { ...m, label: `${S} return on that session` });
    let tail: Para;
    let rarity: number;
    const facts = ['move.return'];
    if (mv.since) {
      book.add('move.since', mv.since.date, 'date', {
        ...m,
        label: `last earlier session with a ${up ? 'gain' : 'loss'} at least as large`,
      });
      book.add('move.sinceReturn', mv.since.ret, 'return', { ...m, label: 'that session’s return' });
      tail = t`its largest one-day ${up ? 'gain' : 'loss'} since ${book.ref('move.since', 'date')} (${book.ref('move.sinceReturn', 'pct')})`;
      rarity = yearsBetween(mv.since.date, mv.date);
      facts.push('move.since');
    } else {
      tail = t`its largest one-day ${up ? 'gain' : 'loss'} in data back to ${book.ref(ctx.firstDateFact(S), 'date')}`;
      rarity = yearsBetween(s.dates[0], mv.date);
    }
    const sentence = t`On ${book.ref('move.date', 'date')}, ${S} ${up ? 'rose' : 'fell'} ${book.ref('move.return', 'pctAbs')}, ${tail}.`;
    week.push({ kind: 'p', text: sentence });
    lede.push({ rank: 1.5, text: sentence });
    candidates.push(
      candidate({
        kind: 'big-move',
        rarityYears: rarity,
        headline: mv.since
          ? t`${S} ${up ? 'jumps' : 'drops'} ${book.ref('move.return', 'pctAbs')} in a day, its biggest one-day ${up ? 'gain' : 'loss'} since ${book.ref('move.since', 'monthYear')}`
          : t`${S} ${up ? 'jumps' : 'drops'} ${book.ref('move.return', 'pctAbs')} in a day, its biggest one-day ${up ? 'gain' : 'loss'} on record`,
        sentence,
        facts,
      }),
    );
  }
  week.push({
    kind: 'table',
    id: 'week-sessions',
    caption: t`The week's sessions`,
    columns: [
      { label: txt('Session'), numeric: false },
      { label: txt(S), numeric: true },
      ...(hasIndex
        ? [
            { label: txt(indexSym), numeric: true },
            { label: t`${S} minus ${indexSym}`, numeric: true },
          ]
        : []),
    ],
    rows,
  });
  const perfRows: Para[][] = peers.map((p) => [
    txt(p),
    txt(
      p === S
        ? nameOf(p) !== p
          ? nameOf(p)
          : holding?.name
            ? titleCase(holding.name)
            : p
        : p === indexSym
          ? holding
            ? `index fund holding ${S}`
            : 'benchmark'
          : `${sectorName} sector fund`,
    ),
    ...periods.map((per) =>
      book.has(`perf.${per.key}.${p}.return`) ? [book.ref(`perf.${per.key}.${p}.return`, 'pct')] : txt('—'),
    ),
  ]);
  week.push({
    kind: 'table',
    id: 'periods',
    caption: t`Total returns through ${book.ref('asof', 'date')}`,
    columns: [
      { label: txt('Symbol'), numeric: false },
      { label: txt('What it is'), numeric: false },
      ...periods.map((p) => ({ label: txt(p.label), numeric: true })),
    ],
    rows: perfRows,
  });
  if (!hasSector)
    week.push({
      kind: 'note',
      text: sectorEtf
        ? t`No sector comparison: ${sectorEtf} has no close on ${book.ref('asof', 'date')}.`
        : t`No sector comparison: no holdings file gives ${S}'s sector.`,
    });
  // Volatility.
  try {
    const vs = await volatilityFacts(store, { symbol: S, period: 'ytd', asOf: ctx.asOf });
    book.add(`vol.ytd.${S}.annualised`, vs.volatility.annualised, 'return', {
      label: `${S} annualised volatility this year`,
      series: [S],
      dates: { start: vs.volatility.start, end: vs.volatility.end },
      formula: vs.volatility.provenance.formula,
    });
    let tail: Para = t``;
    if (hasIndex) {
      const vi = await volatilityFacts(store, { symbol: indexSym, period: 'ytd', asOf: ctx.asOf });
      book.add(`vol.ytd.${indexSym}.annualised`, vi.volatility.annualised, 'return', {
        label: `${indexSym} annualised volatility this year`,
        series: [indexSym],
        dates: { start: vi.volatility.start, end: vi.volatility.end },
        formula: vi.volatility.provenance.formula,
      });
      tail = t`, against ${book.ref(`vol.ytd.${indexSym}.annualised`, 'pctAbs')} for ${indexSym}`;
    }
    const wild =
      hasIndex && book.num(`vol.ytd.${S}.annualised`) > 2 * book.num(`vol.ytd.${indexSym}.annualised`);
    week.push({
      kind: 'p',
      text: wild
        ? t`Moves of this size are part of the stock's character: its annualised volatility this year is ${book.ref(`vol.ytd.${S}.annualised`, 'pctAbs')}${tail}.`
        : t`Its annualised volatility this year is ${book.ref(`vol.ytd.${S}.annualised`, 'pctAbs')}${tail}.`,
    });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  const lines = [s, ...(hasIndex ? [indexSeries!] : []), ...(hasSector ? [sectorSeries!] : [])];
  const cstart = s.dates[Math.max(0, k - 63)];
  week.push(
    rebasedChart(
      lines.map((l) => ({ symbol: l.symbol, dates: l.dates, close: l.close })),
      cstart,
      ctx.asOf,
      `${lines.map((l) => l.symbol).join(', ')}: about three months`,
    ),
  );
  sections.push({ id: 'week', title: 'The week', blocks: week });

  // ---- Streaks and records.
  const sr: Block[] = [];
  const srText: Para[] = [];
  const upDays = await streakFacts(store, { a: S, positive: true, asOf: ctx.asOf });
  const downDays = await streakFacts(store, { a: S, positive: false, asOf: ctx.asOf });
  const zero =
    upDays.current.length > 0
      ? { r: upDays, word: 'gained' }
      : downDays.current.length > 0
        ? { r: downDays, word: 'lost ground' }
        : null;
  if (zero) {
    const r = zero.r;
    const key = `streak.${S}.${zero.word === 'gained' ? 'up' : 'down'}`;
    const m = { series: [S], dates: { start: r.current.start!, end: r.asOf }, formula: r.provenance.formula };
    book.add(`${key}.length`, r.current.length, 'sessions', {
      ...m,
      label: `${S} consecutive sessions ${zero.word === 'gained' ? 'up' : 'down'}`,
    });
    if (r.current.length >= 2) {
      let tail: Para = t``;
      if (r.longestSince) {
        book.add(`${key}.since`, r.longestSince.end, 'date', {
          ...m,
          label: 'last earlier run at least as long',
        });
        tail = t`, the longest such run since ${book.ref(`${key}.since`, 'date')}`;
        if (r.current.length >= 3) {
          candidates.push(
            candidate({
              kind: 'streak',
              rarityYears: yearsBetween(r.longestSince.end, r.asOf),
              headline: t`${S} ${zero.word === 'gained' ? 'rises' : 'falls'} for the ${book.ref(`${key}.length`, 'ordinal')} straight session, the longest run since ${book.ref(`${key}.since`, 'monthYear')}`,
              sentence: t`${S} has ${zero.word} for ${book.ref(`${key}.length`, 'int')} straight sessions${tail}.`,
              facts: [`${key}.length`, `${key}.since`],
            }),
          );
        }
      }
      srText.push(t`${S} has ${zero.word} for ${book.ref(`${key}.length`, 'int')} straight sessions${tail}.`);
    } else
      srText.push(
        t`${S} ${zero.word === 'gained' ? 'rose' : 'fell'} on the last session, after ${zero.word === 'gained' ? 'falling' : 'rising'} or holding flat the session before.`,
      );
  }
  if (hasIndex) {
    const over = await streakFacts(store, { a: S, b: indexSym, asOf: ctx.asOf, direction: 'over' });
    const under = await streakFacts(store, { a: S, b: indexSym, asOf: ctx.asOf, direction: 'under' });
    const cur =
      over.current.length > 0
        ? { r: over, verb: 'beaten' }
        : under.current.length > 0
          ? { r: under, verb: 'trailed' }
          : null;
    if (cur) {
      const key = `streak.${S}.vs.${indexSym}`;
      const m = {
        series: [S, indexSym],
        dates: { start: cur.r.current.start!, end: cur.r.asOf },
        formula: cur.r.provenance.formula,
      };
      book.add(`${key}.length`, cur.r.current.length, 'sessions', {
        ...m,
        label: `${S} consecutive sessions ${cur.verb === 'beaten' ? 'ahead of' : 'behind'} ${indexSym}`,
      });
      srText.push(
        cur.r.current.length === 1
          ? t`On the last session it ${cur.verb === 'beaten' ? 'beat' : 'trailed'} ${indexSym}.`
          : t`It has ${cur.verb} ${indexSym} on ${book.ref(`${key}.length`, 'int')} straight sessions.`,
      );
    }
  }
  // Records.
  const rec = await recordsFacts(store, { symbol: S, basis: 'close', asOf: ctx.asOf });
  const rm = { series: [S], dates: { start: rec.dataStart, end: rec.asOf }, formula: rec.provenance.formula };
  book.add(`levels.${S}.ath`, rec.allTimeHigh.value, 'price', {
    ...rm,
    label: `${S} highest close in the data`,
  });
  book.add(`levels.${S}.athDate`, rec.allTimeHigh.date, 'date', {
    ...rm,
    label: `${S} session of the highest close`,
  });
  book.add(`levels.${S}.fromHigh`, rec.distanceFromHigh, 'return', {
    ...rm,
    label: `${S} close relative to its highest close`,
  });
  srText.push(
    rec.current.length > 0
      ? t`It closed at a record on ${book.ref('asof', 'date')}.`
      : t`It closed ${book.ref(`levels.${S}.fromHigh`, 'pctAbs')} below its record close of ${book.ref(`levels.${S}.ath`, 'price')}, set on ${book.ref(`levels.${S}.athDate`, 'date')}.`,
  );
  sr.push({ kind: 'p', text: joinSentences(srText) });
  sections.push({ id: 'streaks', title: 'Streaks and records', blocks: sr });

  // ---- Contribution to the index.
  const cTitle = 'Contribution to the index';
  if (holding && holding.weight !== null && hasIndex) {
    const hs = `${holding.file} (${holding.source})`;
    const snapI = onOrBefore(indexSeries!, holding.asOf);
    const snapS = onOrBefore(s, holding.asOf);
    const hm = { series: [indexSym], sources: [hs], dates: { asOf: holding.asOf }, formula: 'holdings file' };
    book.add('contrib.snapshot', holding.asOf, 'date', {
      ...hm,
      label: `${indexSym} holdings snapshot date`,
    });
    book.add('contrib.weightSnapshot', holding.weight, 'weight', {
      ...hm,
      label: `${S} weight in ${indexSym} on the snapshot date`,
    });
    book.add('contrib.rank', holding.rank, 'count', {
      ...hm,
      label: `${S} position by weight among ${indexSym} equity holdings (1 = largest)`,
      formula: '1 + number of holdings with a larger weight',
    });
    book.add('contrib.members', holding.members, 'count', {
      ...hm,
      label: `${indexSym} equity holdings with a weight`,
    });
    const blocks: Block[] = [];
    const rowsC: Para[][] = [];
    for (const per of ['1w', 'ytd'] as const) {
      const rid = `perf.${per}.${S}.return`;
      const iid = `perf.${per}.${indexSym}.return`;
      if (!book.has(rid) || !book.has(iid) || snapI < 0 || snapS < 0) continue;
      const bDate = book.get(rid).dates.start!;
      const bi = idx(indexSeries!, bDate);
      const bs = idx(s, bDate);
      if (bi < 0 || bs < 0) continue;
      const w0 = driftWeight(
        holding.weight,
        s.close[snapS],
        s.close[bs],
        indexSeries!.close[snapI],
        indexSeries!.close[bi],
      );
      const r = book.num(rid);
      const R = book.num(iid);
      const cm = {
        series: [S, indexSym],
        sources: [...(book.sourcesOf.get(S) ?? []), ...(book.sourcesOf.get(indexSym) ?? []), hs],
        dates: { start: bDate, end: ctx.asOf },
      };
      book.add(`contrib.${per}.weightStart`, w0, 'weight', {
        ...cm,
        label: `${S} weight in ${indexSym} at the start of the period, carried from the snapshot`,
        formula:
          'w_start = w_snap × (P_i(start)/P_i(snap)) / (P_index(start)/P_index(snap)); assumes no rebalance or share change in between',
      });
      book.add(`contrib.${per}.bps`, w0 * r * 10_000, 'bps', {
        ...cm,
        label: `${S} contribution to ${indexSym}'s return, basis points`,
        formula: 'w_start × r × 10,000',
      });
      book.add(`contrib.${per}.indexBps`, R * 10_000, 'bps', {
        ...cm,
        series: [indexSym],
        label: `${indexSym} return, basis points`,
        formula: 'R × 10,000',
      });
      rowsC.push([
        txt(per === '1w' ? 'Week' : 'Year to date'),
        [book.ref(`contrib.${per}.weightStart`, 'pctAbs')],
        [book.ref(rid, 'pct')],
        [book.ref(`contrib.${per}.bps`, 'bps')],
        [book.ref(iid, 'pct')],
      ]);
    }
    blocks.push({
      kind: 'p',
      text: t`${S} is in the ${indexSym} holdings file dated ${book.ref('contrib.snapshot', 'date')}, with a weight of ${book.ref('contrib.weightSnapshot', 'pctAbs')}: ${holding.rank === 1 ? t`the largest` : t`the ${book.ref('contrib.rank', 'ordinal')} largest`} of ${book.ref('contrib.members', 'int')} equity holdings${sectorName ? `, classed as ${sectorName}` : ''}.${
        book.has('contrib.1w.bps')
          ? t` Carried to the start of the week by relative performance, that weight puts its contribution to ${indexSym}'s return this week at ${book.ref('contrib.1w.bps', 'bps')}, against ${book.ref('contrib.1w.indexBps', 'bps')} for the fund as a whole${
              book.num('contrib.1w.bps') > book.num('contrib.1w.indexBps') &&
              book.num('contrib.1w.indexBps') >= 0
                ? t`: without ${S}, the other holdings would have subtracted from the week's return`
                : book.num('contrib.1w.bps') < book.num('contrib.1w.indexBps') &&
                    book.num('contrib.1w.indexBps') <= 0
                  ? t`: ${S} alone took away more than the fund lost`
                  : t``
            }.`
          : t``
      }`,
    });
    if (rowsC.length > 0)
      blocks.push({
        kind: 'table',
        id: 'contribution',
        caption: t`${S}'s contribution to ${indexSym}, basis points`,
        columns: [
          { label: txt('Period'), numeric: false },
          { label: txt('Weight at start'), numeric: true },
          { label: t`${S} return`, numeric: true },
          { label: txt('Contribution'), numeric: true },
          { label: t`${indexSym} return`, numeric: true },
        ],
        rows: rowsC,
      });
    blocks.push({
      kind: 'note',
      text: t`Weights come from one holdings snapshot; carrying them to another date assumes no rebalancing or share-count change in between, so the contributions are estimates of the right size, not exact figures.`,
    });
    sections.push({ id: 'contribution', title: cTitle, blocks });
  } else {
    const reason = holding
      ? t`The ${indexSym} holdings file gives no weight for ${S}.`
      : t`No stored holdings file lists ${S}, so its weight in an index is unknown.`;
    omitted.push({ id: 'contribution', title: cTitle, reason });
  }

  // ---- Levels.
  const lv = await levelsSection(ctx, [S]);
  if (lv.section) sections.push(lv.section);
  candidates.push(...lv.candidates);

  const ranking = rankCandidates(candidates);
  const top = ranking[0];
  const ledeParas = ledeFrom(
    ranking,
    lede.filter((l) => l.text !== top.sentence),
  );
  const present = sections.map((x) => x.title.toLowerCase());
  ledeParas.push(
    t`Below: ${present.slice(0, -1).join('; ')}; and ${present[present.length - 1]}.${omitted.length ? t` Left out for lack of data: ${omitted.map((o) => o.title.toLowerCase()).join('; ')}.` : t``}`,
  );
  const ytdBase = book.has(`perf.ytd.${S}.base`) ? (book.get(`perf.ytd.${S}.base`).value as string) : null;
  const m = methods(ctx, {
    windowStart: ytdBase,
    definitions: [
      t`The headline is chosen by a fixed rule: each candidate fact says how long it has been since something as large (its rarity, in whole years); the rarest wins, with ties going to streaks, then record runs and single-session moves. The ranking is in the JSON version.`,
    ],
  });
  return {
    facts: book.list(),
    article: {
      kind: 'symbol',
      slug: `${S}-weekly-${ctx.asOf}`.toLowerCase().replace(/[^a-z0-9.-]+/g, ''),
      asOf: ctx.asOf,
      params: { symbol: S, asOf: ctx.asOf, index: indexSym, sectorFund: sectorEtf ?? '' },
      kicker: `Weekly insight: ${S}${nameOf(S) !== S ? `, ${nameOf(S)}` : holding?.name ? `, ${titleCase(holding.name)}` : ''}`,
      headline: top.headline,
      dateline: t`Week to the close of ${book.ref('asof', 'date')}`,
      lede: ledeParas,
      sections,
      omitted,
      methods: m,
      ranking,
    },
  };
}

/** "BLOOM ENERGY CLASS A CORP" → "Bloom Energy Class A Corp" (names only; digits are left out). */
function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/\d+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\b([a-z])/g, (c) => c.toUpperCase());
}

function joinSentences(xs: Para[]): Para {
  return xs.flatMap((x, i) => (i ? [' ', ...x] : x));
}
