/** Contribution to the index: the symbol's weight carried to the report date and its contribution. */
import { driftWeight } from '../../facts/pure.ts';
import { t, txt } from '../factbook.ts';
import type { Block, Para } from '../types.ts';
import { idx, onOrBefore, type SectionResult, type SymbolSubject } from './types.ts';

export async function contributionSection(subj: SymbolSubject): Promise<SectionResult> {
  const { ctx, s, S, indexSym, indexSeries, hasIndex, sectorName, holding } = subj;
  const { book } = ctx;
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
      formula: holding.weightFormula,
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
      text: t`${holding.byMarketValue ? t`Weights are market value divided by the fund's total market value in one holdings snapshot` : t`Weights come from one holdings snapshot`}; carrying them to another date assumes no rebalancing or share-count change in between, so the contributions are estimates of the right size, not exact figures.`,
    });
    return { section: { id: 'contribution', title: cTitle, blocks } };
  } else {
    const reason = holding
      ? t`The ${indexSym} holdings file gives no weight for ${S}.`
      : t`No stored holdings file lists ${S}, so its weight in an index is unknown.`;
    return { omitted: { id: 'contribution', title: cTitle, reason } };
  }

}
