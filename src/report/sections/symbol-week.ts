/** The week: returns against the index and sector fund, the sessions, the largest move, volatility, a chart. */
import { largestMoveSince, yearsBetween } from '../../facts/pure.ts';
import { volatilityFacts } from '../../facts/core.ts';
import { UserError } from '../../model/errors.ts';
import { rebasedChart } from '../charts.ts';
import { t, txt } from '../factbook.ts';
import { candidate } from '../headline.ts';
import { nameOf } from '../names.ts';
import { periodReturnFacts, roseFell, spreadFact, upDown } from './period-returns.ts';
import type { Block, Candidate, Para } from '../types.ts';
import { titleCase } from './symbol-text.ts';
import { idx, type LedeLine, type SectionResult, type SymbolSubject } from './types.ts';

export const PERIODS = [
  { key: '1w', label: 'Week' },
  { key: 'mtd', label: 'Month to date' },
  { key: 'ytd', label: 'Year to date' },
  { key: '1y', label: 'One year' },
] as const;

export async function weekSection(subj: SymbolSubject): Promise<SectionResult> {
  const { ctx, s, S, indexSym, indexSeries, hasIndex, sectorName, sectorEtf, sectorSeries, hasSector, peers } = subj;
  const { book } = ctx;
  const candidates: Candidate[] = [];
  const lede: LedeLine[] = [];
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

  const rows = sessionRows(subj, wk.dates.start!);
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
  const k = idx(s, ctx.asOf);
  const move = largestMove(subj, wk.dates.start!);
  if (move) {
    week.push({ kind: 'p', text: move.sentence });
    lede.push({ rank: 1.5, text: move.sentence });
    candidates.push(move.candidate);
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
  week.push(periodsTable(subj, periods));
  if (!hasSector)
    week.push({
      kind: 'note',
      text: sectorEtf
        ? t`No sector comparison: ${sectorEtf} has no close on ${book.ref('asof', 'date')}.`
        : t`No sector comparison: no holdings file gives ${S}'s sector.`,
    });
  const vol = await volatilityNote(subj);
  if (vol) week.push(vol);
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
  return { section: { id: 'week', title: 'The week', blocks: week }, candidates, lede };
}

/** Total returns of the symbol, its index and its sector fund over the week, month, year to date and year. */
function periodsTable(subj: SymbolSubject, periods: readonly (typeof PERIODS)[number][]): Block {
  const { ctx, S, indexSym, sectorName, peers, holding } = subj;
  const { book } = ctx;
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
  return {
    kind: 'table',
    id: 'periods',
    caption: t`Total returns through ${book.ref('asof', 'date')}`,
    columns: [
      { label: txt('Symbol'), numeric: false },
      { label: txt('What it is'), numeric: false },
      ...periods.map((p) => ({ label: txt(p.label), numeric: true })),
    ],
    rows: perfRows,
  };
}

/** One row per session of the week: the symbol's return, the index's, and the difference (facts). */
function sessionRows(subj: SymbolSubject, base: string): Para[][] {
  const { ctx, s, S, indexSym, indexSeries, hasIndex } = subj;
  const { book } = ctx;
  const i0 = idx(s, base);
  const k = idx(s, ctx.asOf);
  const rows: Para[][] = [];
  for (let i = i0 + 1; i <= k; i++) {
    const d = s.dates[i];
    const r = s.close[i] / s.close[i - 1] - 1;
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
  return rows;
}

/** The week's largest close-to-close move and the last earlier session with one as large (same sign). */
function largestMove(subj: SymbolSubject, base: string): { sentence: Para; candidate: Candidate } | null {
  const { ctx, s, S } = subj;
  const { book } = ctx;
  const i0 = idx(s, base);
  const k = idx(s, ctx.asOf);
  let big = -1;
  for (let i = i0 + 1; i <= k; i++) {
    const r = s.close[i] / s.close[i - 1] - 1;
    if (big < 0 || Math.abs(r) > Math.abs(s.close[big] / s.close[big - 1] - 1)) big = i;
  }
  if (big <= 0) return null;
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
  return {
    sentence,
    candidate: candidate({
      kind: 'big-move',
      rarityYears: rarity,
      headline: mv.since
        ? t`${S} ${up ? 'jumps' : 'drops'} ${book.ref('move.return', 'pctAbs')} in a day, its biggest one-day ${up ? 'gain' : 'loss'} since ${book.ref('move.since', 'monthYear')}`
        : t`${S} ${up ? 'jumps' : 'drops'} ${book.ref('move.return', 'pctAbs')} in a day, its biggest one-day ${up ? 'gain' : 'loss'} on record`,
      sentence,
      facts,
    }),
  };
}

/** This year's annualised volatility against the index's, when the data has it. */
async function volatilityNote(subj: SymbolSubject): Promise<Block | null> {
  const { ctx, store, S, indexSym, hasIndex } = subj;
  const { book } = ctx;
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
    return {
      kind: 'p',
      text: wild
        ? t`Moves of this size are part of the stock's character: its annualised volatility this year is ${book.ref(`vol.ytd.${S}.annualised`, 'pctAbs')}${tail}.`
        : t`Its annualised volatility this year is ${book.ref(`vol.ytd.${S}.annualised`, 'pctAbs')}${tail}.`,
    };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  return null;
}
