/**
 * The methods footer: each data source with the dates used, the caveats from the data notes that
 * touch the numbers (total return vs price-only indices, the March 2026 adjustment-basis splice in
 * the market-lab files, provisional intraday rows), definitions, and what was not available.
 */
import type { SeriesNote } from '../analytics/series.ts';
import { BASIS_STEPS } from '../sources/files/known-files.ts';
import type { Ctx, UsedSeries } from './context.ts';
import { t, txt } from './factbook.ts';
import { SOURCE_NAMES } from './names.ts';
import type { Para, TableBlock } from './types.ts';

export interface MethodsInput {
  /** Earliest base session of the periods reported (a splice after it and on or before asOf matters). */
  windowStart: string | null;
  /** Extra definitions for this kind of report. */
  definitions: Para[];
}

export function methods(ctx: Ctx, input: MethodsInput): { sources: TableBlock; notes: Para[]; seriesNotes: SeriesNote[] } {
  const { book } = ctx;
  const used = [...ctx.used.values()].sort((a, b) =>
    a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0,
  );
  const rows: Para[][] = used.map((u) => {
    const first = ctx.firstDateFact(u.symbol);
    const last = ctx.lastDateFact(u.symbol);
    const kind =
      u.adjustment === 'split+dividend'
        ? 'total return'
        : u.adjustment === null
          ? 'daily returns'
          : u.adjustment === 'split'
            ? 'price only (split-adjusted)'
            : u.adjustment === 'unknown'
              ? 'price only (adjustment unknown)'
              : 'price only';
    return [
      txt(u.symbol),
      txt(SOURCE_NAMES[u.source] ?? u.source),
      txt(u.files.map((f) => `\`${f.replace(/ \(.*\)$/, '')}\``).join(', ')),
      txt(kind),
      [book.ref(first, 'iso')],
      [book.ref(last, 'iso')],
    ];
  });
  const sources: TableBlock = {
    kind: 'table',
    id: 'sources',
    caption: txt('Data used'),
    columns: [
      { label: txt('Series'), numeric: false },
      { label: txt('Source'), numeric: false },
      { label: txt('File'), numeric: false },
      { label: txt('Basis'), numeric: false },
      { label: txt('From'), numeric: true },
      { label: txt('Through'), numeric: true },
    ],
    rows,
  };
  const notes: Para[] = [];
  notes.push(
    t`Every number in this report is a computed fact listed, with its series, source files, dates and formula, in the JSON version of the report. Nothing was estimated or filled in; where data were missing, the section or figure is left out and the gap is noted below. Sessions are NYSE trading days; a return is close to close; a gap between two returns is in percentage points.`,
  );
  if (used.some((u) => u.adjustment === 'split+dividend'))
    notes.push(
      t`Fund and stock returns are total returns: the closes are adjusted for splits and dividends (yfinance auto-adjusted). Index levels such as the Russell 2000 and the S&P 500 are price only, so index returns quoted elsewhere run below these by about the dividends paid.`,
    );
  const splice = spliceNote(ctx, used, input);
  if (splice) notes.push(splice);
  const prov = used.filter((u) => u.provisional > 0);
  if (prov.length > 0) {
    book.add(
      'caveat.provisional.rows',
      prov.reduce((s, u) => s + u.provisional, 0),
      'count',
      {
        label: 'rows marked provisional (captured intraday) in the series used, excluded',
        series: prov.map((u) => u.symbol),
        formula: 'count of bars flagged provisional for the sources used',
      },
    );
    notes.push(
      t`Rows that the data notes say were captured during the trading day (the last row of ${prov.map((u) => u.symbol).join(', ')}) are provisional and excluded: ${book.ref('caveat.provisional.rows', 'int')} ${prov.length === 1 && prov[0].provisional === 1 ? 'row' : 'rows'} in all.`,
    );
  }
  notes.push(...input.definitions);
  if (ctx.missing.length > 0)
    notes.push(t`Not available: ${ctx.missing.flatMap((m, i) => (i ? [' ', ...m] : m))}`);
  return { sources, notes, seriesNotes: used.flatMap((u) => u.notes) };
}

/** The splices a reported window spans, and the typed repairs the loader applied, rendered as facts. */
function spliceNote(ctx: Ctx, used: UsedSeries[], input: MethodsInput): Para | null {
  const { book } = ctx;
  const splices: Para[] = [];
  const repairs: Para[] = [];
  for (const u of used) {
    const steps = BASIS_STEPS[u.symbol];
    if (!steps || steps.source !== u.source || !input.windowStart) continue;
    for (const st of steps.steps) {
      if (!(st.date > input.windowStart && st.date <= ctx.asOf)) continue;
      const base = `caveat.splice.${u.symbol}.${st.date}`;
      const m = {
        series: [u.symbol],
        sources: ['prices/SOURCES.md'],
        dates: { asOf: st.date },
        formula: 'data notes: the ratio to a single-snapshot copy of the same series steps on this date',
      };
      book.add(`${base}.date`, st.date, 'date', { ...m, label: `${u.symbol} adjustment-basis splice date` });
      book.add(`${base}.step`, st.approxPct, 'pct', {
        ...m,
        label: `${u.symbol} one-day step at the splice, percent, as documented`,
      });
      splices.push(t`${u.symbol} on ${book.ref(`${base}.date`, 'date')} (about ${book.ref(`${base}.step`, 'pct')})`);
    }
    // The repairs applied (typed, from the loader), each rendered as a fact.
    for (const r of u.repairs) {
      const key = `caveat.splice.${u.symbol}.repair.${r.from}`;
      book.add(key, (r.factor - 1) * 100, 'pct', {
        label: `${u.symbol} rescaling applied to the closes ${r.from}..${r.to}, percent`,
        series: [u.symbol],
        sources: u.files,
        dates: { start: r.from, end: r.to },
        formula:
          r.reference !== null
            ? `closes ${r.from}..${r.to} × factor; factor = median(close/reference close on the newest basis segment) ÷ median(on this segment), compared day by day against ${r.reference.series} (${r.reference.source}); factor − 1 in percent`
            : `closes before ${r.documented?.date} × (1 + documented step); factor − 1 in percent`,
      });
      const dm = { series: [u.symbol], sources: u.files, formula: 'first and last row rescaled by the repair' };
      book.add(`${key}.from`, r.from, 'date', { ...dm, label: `${u.symbol} first close rescaled`, dates: { start: r.from } });
      book.add(`${key}.to`, r.to, 'date', { ...dm, label: `${u.symbol} last close rescaled`, dates: { end: r.to } });
      const span = r.from === r.to ? t`on ${book.ref(`${key}.to`, 'date')}` : t`from ${book.ref(`${key}.from`, 'date')} to ${book.ref(`${key}.to`, 'date')}`;
      repairs.push(
        r.reference !== null
          ? t`${u.symbol} closes ${span} rescaled by ${book.ref(key, 'pct')}, measured day by day against the split+dividend adjusted closes of the ${r.reference.source} copy`
          : t`${u.symbol} closes ${span} rescaled by the documented step, ${book.ref(key, 'pct')}`,
      );
    }
  }
  if (splices.length > 0) {
    const repaired = repairs.length > 0;
    const list = (xs: Para[]) => xs.flatMap((x, i) => (i ? [i === xs.length - 1 ? ' and ' : '; ', ...x] : x));
    return t`Adjustment-basis splices: the \`guydekowski/market-lab\` files switch to a newer adjustment basis on one date in the spring of the report year, a one-day step against single-snapshot copies of the same series (\`prices/SOURCES.md\`). The windows in this report span ${list(splices)}.${
        repaired
          ? t` The closes on the older basis were rescaled onto the newer one when loaded (${list(repairs)}), so the returns here do not carry the step.`
          : t` The returns here include the step.`
      }`;
  }
  return null;
}
