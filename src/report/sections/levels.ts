/**
 * "Technical levels" for each fund (closes only; both articles): all-time high and distance from it,
 * runs of record closes (a headline candidate), the short- and long-term moving averages, the last
 * breakout from a multi-month range with its measured-move target, nearest support and resistance.
 */
import { levelsFacts, recordsFacts } from '../../facts/core.ts';
import { recordRuns, yearsBetween } from '../../facts/pure.ts';
import type { PriceSeries } from '../../model/series.ts';
import { UserError } from '../../model/errors.ts';
import type { Ctx } from '../context.ts';
import { t, txt } from '../factbook.ts';
import { candidate } from '../headline.ts';
import type { Block, Candidate, Para, Section, TableBlock } from '../types.ts';
import { joinSentences } from './period-returns.ts';

type Levels = Awaited<ReturnType<typeof levelsFacts>>;
type Records = Awaited<ReturnType<typeof recordsFacts>>;
type Meta = (label: string) => { label: string; series: string[]; dates: { start: string; end: string }; formula: string };

export async function levelsSection(
  ctx: Ctx,
  syms: string[],
): Promise<{ section?: Section; candidates: Candidate[] }> {
  const { book } = ctx;
  const candidates: Candidate[] = [];
  const done: string[] = [];
  const sentences: Para[] = [];
  book.add('levels.window.short', 50, 'sessions', {
    label: 'short moving-average window',
    formula: 'report parameter',
  });
  book.add('levels.window.long', 200, 'sessions', {
    label: 'long moving-average window',
    formula: 'report parameter',
  });
  for (const s of syms) {
    const series = await ctx.price(s);
    if (!series || !ctx.covers(series)) continue;
    let lv: Levels;
    let rec: Records;
    try {
      lv = await levelsFacts(ctx.store, { symbol: s, asOf: ctx.asOf });
      rec = await recordsFacts(ctx.store, { symbol: s, basis: 'close', asOf: ctx.asOf });
    } catch (e) {
      if (e instanceof UserError) continue;
      throw e;
    }
    const rm: Meta = (label) => ({
      label,
      series: [s],
      dates: { start: rec.dataStart, end: rec.asOf },
      formula: rec.provenance.formula,
    });
    levelFacts(ctx, s, lv, rec, rm);
    const runs = recordRun(ctx, s, series, rm);
    if (runs.candidate) candidates.push(runs.candidate);
    done.push(s);
    sentences.push(levelSentence(ctx, s, lv, rec.distanceFromHigh, runs.rr));
  }
  if (done.length === 0) return { candidates };
  const blocks: Block[] = [{ kind: 'p', text: joinSentences(sentences) }];
  const bo = done.filter((s) => book.has(`levels.${s}.breakout.date`) && book.has(`levels.${s}.target`));
  for (const s of bo) {
    const reached = book.num(`levels.${s}.close`) >= book.num(`levels.${s}.target`);
    blocks.push({
      kind: 'p',
      text: t`${s} last broke out of a range on ${book.ref(`levels.${s}.breakout.date`, 'date')}, closing above ${book.ref(`levels.${s}.breakout.level`, 'price')} after ${book.ref(`levels.${s}.breakout.inside`, 'int')} sessions below it; adding the range's height to the breakout level gives a measured-move target of ${book.ref(`levels.${s}.target`, 'price')}${
        reached ? t`, which the price has already passed` : t``
      }.`,
    });
  }
  blocks.push(levelsTable(ctx, done));
  blocks.push({
    kind: 'note',
    text: t`Levels use dividend-adjusted closes, so older levels sit below the prices that traded at the time; support and resistance are clusters of swing closes, not forecasts. A dash means no such level in the window.`,
  });
  return { section: { id: 'levels', title: 'Technical levels', blocks }, candidates };
}

/** One fund's levels as facts: close, averages, record close, breakout and target, support and resistance. */
function levelFacts(ctx: Ctx, s: string, lv: Levels, rec: Records, rm: Meta): void {
  const { book } = ctx;
  const base = `levels.${s}`;
  const m = (label: string, formula = lv.provenance.formula) => ({
    label,
    series: [s],
    dates: { start: lv.range.from, end: lv.asOf },
    formula,
  });
  book.add(`${base}.close`, lv.close, 'price', m(`${s} close on the as-of date (adjusted)`, 'close[asOf]'));
  if (lv.sma50 !== null)
    book.add(
      `${base}.sma50`,
      lv.sma50,
      'price',
      m(`${s} average of the last 50 closes`, 'mean(close[asOf−49..asOf])'),
    );
  if (lv.sma200 !== null)
    book.add(
      `${base}.sma200`,
      lv.sma200,
      'price',
      m(`${s} average of the last 200 closes`, 'mean(close[asOf−199..asOf])'),
    );
  book.add(`${base}.ath`, rec.allTimeHigh.value, 'price', rm(`${s} highest close in the data up to the as-of date`));
  book.add(`${base}.athDate`, rec.allTimeHigh.date, 'date', rm(`${s} session of the highest close`));
  book.add(`${base}.fromHigh`, rec.distanceFromHigh, 'return', rm(`${s} close relative to its highest close`));
  if (lv.breakout) {
    book.add(`${base}.breakout.date`, lv.breakout.date, 'date', m(`${s} last breakout above a range high`));
    book.add(`${base}.breakout.level`, lv.breakout.level, 'price', m(`${s} range high broken`));
    book.add(
      `${base}.breakout.inside`,
      lv.breakout.sessionsInsideBefore,
      'sessions',
      m('sessions inside the range before the breakout'),
    );
    if (lv.measuredMoveTarget !== null)
      book.add(
        `${base}.target`,
        lv.measuredMoveTarget,
        'price',
        m(`${s} measured-move target: range high + range height`, 'H + (H − L)'),
      );
  }
  if (lv.supports[0])
    book.add(
      `${base}.support`,
      lv.supports[0].level,
      'price',
      m(`${s} nearest support: mean of a cluster of swing closes at or below the close`),
    );
  if (lv.resistances[0])
    book.add(
      `${base}.resistance`,
      lv.resistances[0].level,
      'price',
      m(`${s} nearest resistance: mean of a cluster of swing closes above the close`),
    );
}

/** Record closes this year and the run ending on the as-of date (a candidate when there is one). */
function recordRun(
  ctx: Ctx,
  s: string,
  series: PriceSeries,
  rm: Meta,
): { rr: ReturnType<typeof recordRuns>; candidate?: Candidate } {
  const { book } = ctx;
  const base = `levels.${s}`;
  const k = series.dates.indexOf(ctx.asOf);
  const rr = recordRuns(series.dates, series.close, k);
  book.add(`${base}.records.thisYear`, rr.thisYear, 'count', rm(`${s} record closes this calendar year`));
  if (rr.current === 0) return { rr };
  book.add(
    `${base}.records.current`,
    rr.current,
    'sessions',
    rm(`${s} consecutive record closes ending on the as-of date`),
  );
  const n = book.ref(`${base}.records.current`, 'ordinal');
  let tail: Para;
  let head: Para;
  let rarity: number;
  const facts = [`${base}.records.current`];
  if (rr.longestSince) {
    book.add(
      `${base}.records.since`,
      rr.longestSince.end,
      'date',
      rm(`last earlier run of record closes at least as long`),
    );
    tail = t`the longest run of records since ${book.ref(`${base}.records.since`, 'date')}`;
    head = t`the longest record run since ${book.ref(`${base}.records.since`, 'monthYear')}`;
    rarity = yearsBetween(rr.longestSince.end, ctx.asOf);
    facts.push(`${base}.records.since`);
  } else {
    tail = t`the longest run of records in data back to ${book.ref(ctx.firstDateFact(s), 'year')}`;
    head = tail;
    rarity = yearsBetween(series.dates[0], ctx.asOf);
  }
  const one = rr.current === 1;
  return {
    rr,
    candidate: candidate({
      kind: 'record-run',
      rarityYears: one ? 0 : rarity,
      headline: one ? t`${s} closes at a record` : t`${s} closes at a record for the ${n} straight session, ${head}`,
      sentence: one
        ? t`${s} closed at a record on ${book.ref('asof', 'date')}.`
        : t`${s} closed at a record for the ${n} straight session, ${tail}.`,
      facts,
    }),
  };
}

/** "SPY closed at a record high …" or "IWM closed at …, x% below its record close …". */
function levelSentence(
  ctx: Ctx,
  s: string,
  lv: Levels,
  fromHigh: number,
  rr: ReturnType<typeof recordRuns>,
): Para {
  const { book } = ctx;
  const base = `levels.${s}`;
  return fromHigh === 0
    ? t`${s} closed at a record high, ${book.ref(`${base}.close`, 'price')}${
        rr.current >= 2
          ? t`, its ${book.ref(`${base}.records.current`, 'ordinal')} record close in a row`
          : rr.thisYear >= 2
            ? t`, its ${book.ref(`${base}.records.thisYear`, 'ordinal')} record close this year`
            : t``
      }.`
    : t`${s} closed at ${book.ref(`${base}.close`, 'price')}, ${book.ref(`${base}.fromHigh`, 'pctAbs')} below its record close of ${book.ref(`${base}.ath`, 'price')} on ${book.ref(`${base}.athDate`, 'date')}${
        lv.sma200 !== null
          ? t`, and ${lv.close >= lv.sma200 ? 'above' : 'below'} its ${book.ref('levels.window.long', 'int')}-session average of ${book.ref(`${base}.sma200`, 'price')}`
          : t``
      }.`;
}

function levelsTable(ctx: Ctx, done: string[]): TableBlock {
  const { book } = ctx;
  const row = (label: Para, key: string, style: 'price' | 'date' | 'pct'): Para[] => [
    label,
    ...done.map((s) => (book.has(`levels.${s}.${key}`) ? [book.ref(`levels.${s}.${key}`, style)] : txt('—'))),
  ];
  return {
    kind: 'table',
    id: 'levels',
    caption: t`Levels on closing prices, as of ${book.ref('asof', 'date')}`,
    columns: [{ label: txt(''), numeric: false }, ...done.map((s) => ({ label: txt(s), numeric: true }))],
    rows: [
      row(txt('Close'), 'close', 'price'),
      row(txt('Record close'), 'ath', 'price'),
      row(txt('Record set on'), 'athDate', 'date'),
      row(txt('From the record'), 'fromHigh', 'pct'),
      row(t`Average, last ${book.ref('levels.window.short', 'int')} sessions`, 'sma50', 'price'),
      row(t`Average, last ${book.ref('levels.window.long', 'int')} sessions`, 'sma200', 'price'),
      row(txt('Nearest support'), 'support', 'price'),
      row(txt('Nearest resistance'), 'resistance', 'price'),
      row(txt('Last breakout'), 'breakout.date', 'date'),
      row(txt('Range high broken'), 'breakout.level', 'price'),
      row(txt('Measured-move target'), 'target', 'price'),
    ],
  };
}
