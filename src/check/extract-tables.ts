/**
 * Figures inside tables that can be checked against the data: in a row whose label names a series
 * (an alias, or a ticker in parentheses), each cell of a RETURN column whose header names a period
 * ("YTD %", "1-day chg", "Week") and each cell of a LEVEL column ("Close", "Jan. 22 close").
 * Return columns without a period are kept (unverifiable, with that reason). Rows whose label names
 * no series are not claims about market data (their figures still feed sums, averages, counts and
 * contributions).
 */
import { subjectFrom, type AliasMatcher } from './aliases.ts';
import type { ClaimSink } from './claims.ts';
import { columnDate, columnPeriod, rowLabel, type Table } from './tables.ts';
import type { Stated } from './types.ts';

export function extractTableFigures(
  tables: readonly Table[],
  fullText: string,
  matcher: AliasMatcher,
  asOf: string | null,
  sink: ClaimSink,
): number {
  let unnamed = 0;
  for (const table of tables) {
    const figureCols = table.columns
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.kind === 'return' || c.kind === 'level');
    if (figureCols.length === 0) continue;
    for (const [ri, row] of table.rows.entries()) {
      // The row's series: the first text cell that names one ("| Small | IWM | 9.60 |" → IWM).
      const named = row.cells.find(
        (c) => c.num === null && c.text !== '' && matcher.find(c.text, c.span.start).length > 0,
      );
      const label = named ?? rowLabel(row);
      const mention = label ? matcher.find(label.text, label.span.start)[0] : undefined;
      if (!mention) {
        unnamed += figureCols.filter(({ i }) => row.cells[i]?.num).length;
        continue;
      }
      const subject = subjectFrom(mention);
      // "IWM minus SPY", "Small caps vs. large caps": a row of spreads (points), one per period column.
      const names = label ? matcher.find(label.text, label.span.start) : [];
      const between =
        label && names.length === 2
          ? label.text.slice(names[0].end - label.span.start, names[1].start - label.span.start)
          : '';
      const pairRow =
        names.length === 2 && /^\s*(?:minus|less|vs\.?|versus|over|relative to|−|-)\s*$/i.test(between);
      for (const { c, i } of pairRow ? figureCols : []) {
        const cell = row.cells[i];
        if (!cell?.num || c.kind !== 'return') continue;
        const n = cell.num;
        const period = columnPeriod(c, asOf);
        sink.add({
          type: 'table',
          text: fullText.slice(row.span.start, row.span.end),
          span: { ...row.span },
          focus: { ...cell.span },
          stated: {
            text: cell.text,
            value: (n.sign === -1 ? -1 : 1) * n.abs,
            unit: 'pts',
            decimals: n.decimals,
            qualifier: 'exact',
          },
          params: {
            kind: 'spread',
            a: { ...subjectFrom(names[0]), binding: `the table row "${label?.text}" names both sides` },
            b: { ...subjectFrom(names[1]), binding: `the table row "${label?.text}" names both sides` },
            period: period ?? {
              text: c.header,
              problem: `the column "${c.header || `#${i + 1}`}" names no period`,
            },
            signed: true,
          },
        });
      }
      if (pairRow) continue;
      for (const { c, i } of figureCols) {
        const cell = row.cells[i];
        if (!cell?.num) continue;
        const n = cell.num;
        const value = (n.sign === -1 ? -1 : 1) * n.abs;
        const st: Stated = {
          text: cell.text,
          value,
          unit: c.kind === 'return' ? 'pct' : 'level',
          decimals: n.decimals,
          qualifier: 'exact',
        };
        const period = c.kind === 'return' ? columnPeriod(c, asOf) : null;
        sink.add({
          type: 'table',
          text: fullText.slice(row.span.start, row.span.end),
          span: { ...row.span },
          focus: { ...cell.span },
          stated: st,
          params: {
            kind: 'table',
            measure: c.kind === 'return' ? 'return' : 'level',
            subject,
            period:
              c.kind === 'return'
                ? (period ?? {
                    text: c.header,
                    problem: `the column "${c.header || `#${i + 1}`}" names no period`,
                  })
                : null,
            date: c.kind === 'level' ? columnDate(c, asOf) : null,
            table: table.index,
            row: ri,
            column: c.header,
          },
        });
      }
    }
  }
  return unnamed;
}
