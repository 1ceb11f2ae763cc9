/**
 * Section 3: the TypeScript analytics against plain DuckDB SQL doing the same job
 * (src/store/duckdb/sql-twins/streak-sql.ts and breadth-sql.ts), on the same stored data. Both answers are
 * compared (agree: yes/no) before any figure is reported; the ratio is SQL time ÷ TypeScript time
 * (> 1: TypeScript is faster — the goal is to beat the SQL baseline).
 *
 * Two levels each:
 * - store → answer: TypeScript through the facts layer (load from DuckDB + compute) vs one SQL query
 *   over the store's tables (the SQL picks the preferred source itself, as the store does);
 * - compute only: TypeScript on series already in memory vs SQL over a temp table holding just those rows.
 */
import { computeBreadth } from '../src/analytics/breadth.ts';
import type { PriceSeries } from '../src/model/series.ts';
import { advanceDeclineSql, newHighsLowsSql, shareAboveMaSql } from '../src/store/duckdb/sql-twins/breadth-sql.ts';
import type { SqlPort } from '../src/store/duckdb/sql-twins/port.ts';
import { streakSql } from '../src/store/duckdb/sql-twins/streak-sql.ts';
import { type StreakResult, streaks, streakVsZero } from '../src/analytics/streak.ts';
import { streakFacts } from '../src/facts/core.ts';
import { loadAny } from '../src/facts/load.ts';
import { breadthFacts } from '../src/facts/market.ts';
import type { MarketStore } from '../src/store/store.ts';
import {
  type BenchContext,
  type BenchSection,
  emptyResult,
  fmtInt,
  fmtMs,
  measure,
  type MeasureOptions,
  type ResultRow,
  type SectionResult,
  type Stat,
} from './lib.ts';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const FAST: MeasureOptions = { warmup: 2, minReps: 5, maxReps: 15, budgetMs: 1000 };
const SLOW: MeasureOptions = { warmup: 1, minReps: 2, maxReps: 5, budgetMs: 3000 };

/** A symbol's closes from its preferred source, without provisional rows: the rows getPriceSeries reads. */
function priceRows(symbol: string): string {
  return `(SELECT date, close FROM bars WHERE symbol = ${q(symbol)} AND NOT provisional AND source = (
    SELECT source FROM price_sources WHERE symbol = ${q(symbol)} ORDER BY preferred_override DESC, priority DESC, source LIMIT 1))`;
}

/** A named series' daily values from its first source: the rows getReturnSeries reads. */
function observationRows(series: string): string {
  return `(SELECT date, value FROM observations WHERE series = ${q(series)} AND freq = 'D' AND source = (
    SELECT min(source) FROM observations WHERE series = ${q(series)} AND freq = 'D'))`;
}

type SqlStreak = { start: string; end: string; length: number };

function compareStreaks(ts: StreakResult, sql: SqlStreak[]): { ok: boolean; detail: string } {
  const sqlCurrent = sql.length > 0 && sql[0].end === ts.asOf ? sql[0] : null;
  const curOk = sqlCurrent
    ? ts.current.length === sqlCurrent.length && ts.current.start === sqlCurrent.start
    : ts.current.length === 0;
  const lenOk = ts.history.length === sql.length;
  const allOk =
    lenOk &&
    ts.history.every(
      (h, i) => h.start === sql[i].start && h.end === sql[i].end && h.length === sql[i].length,
    );
  const detail =
    `current: TS ${ts.current.length}${ts.current.start ? ` (${ts.current.start}..${ts.current.end})` : ''} / SQL ${sqlCurrent?.length ?? 0}` +
    `${sqlCurrent ? ` (${sqlCurrent.start}..${sqlCurrent.end})` : ''}; history: TS ${fmtInt(ts.history.length)} / SQL ${fmtInt(sql.length)} streaks` +
    `${allOk ? ', every streak identical' : lenOk ? ', some streaks differ' : ''}`;
  return { ok: curOk && lenOk && allOk, detail };
}

/** "TS 3.2× faster" / "SQL 1.4× faster" from the two medians. */
function ratioText(sqlMs: number, tsMs: number): string {
  const r = sqlMs / tsMs;
  return r >= 1 ? `TS ${r.toFixed(1)}× faster` : `SQL ${(1 / r).toFixed(1)}× faster`;
}

function row(
  name: string,
  stat: Stat,
  note: string,
  extra: ResultRow['extra'] = {},
  figure?: string,
): ResultRow {
  return { name, stat, note, extra, figure };
}

async function streakPair(
  res: SectionResult,
  store: MarketStore & SqlPort,
  label: string,
  ts: { facts: () => Promise<StreakResult>; load: () => Promise<unknown>; compute: () => StreakResult },
  sql: { store: string; temp: { setup: string[]; query: string } },
): Promise<void> {
  const tsE2e = await measure(ts.facts, FAST);
  const tsLoad = await measure(ts.load, FAST);
  const tsCompute = await measure(ts.compute, FAST);
  const sqlStore = await measure(() => store.sql(sql.store) as Promise<SqlStreak[]>, FAST);
  for (const s of sql.temp.setup) await store.sql(s);
  const sqlTemp = await measure(() => store.sql(sql.temp.query) as Promise<SqlStreak[]>, FAST);
  const agreeStore = compareStreaks(tsE2e.last, sqlStore.last);
  const agreeTemp = compareStreaks(tsCompute.last, sqlTemp.last);
  const r1 = sqlStore.stat.medianMs / tsE2e.stat.medianMs;
  const r2 = sqlTemp.stat.medianMs / tsCompute.stat.medianMs;
  res.rows.push(
    row(
      `${label}: TS via facts (store → answer)`,
      tsE2e.stat,
      `${fmtInt(tsE2e.last.history.length)} streaks, data from ${tsE2e.last.dataStart}`,
    ),
    row(
      `${label}: SQL streakSql on the store`,
      sqlStore.stat,
      `agree: ${agreeStore.ok ? 'yes' : 'NO'}`,
      { ratioSqlOverTs: r1 },
      ratioText(sqlStore.stat.medianMs, tsE2e.stat.medianMs),
    ),
    row(
      `${label}:   TS part: load series from the store`,
      tsLoad.stat,
      'loadAny per name: resolve the name, pick the source, read and convert the rows',
    ),
    row(`${label}: TS compute only (in memory)`, tsCompute.stat, 'streaks()/streakVsZero() on loaded series'),
    row(
      `${label}: SQL streakSql on a temp table`,
      sqlTemp.stat,
      `agree: ${agreeTemp.ok ? 'yes' : 'NO'}`,
      { ratioSqlOverTs: r2 },
      ratioText(sqlTemp.stat.medianMs, tsCompute.stat.medianMs),
    ),
  );
  res.checks.push(
    { name: `${label}: TS vs SQL on the store agree`, ok: agreeStore.ok, detail: agreeStore.detail },
    { name: `${label}: TS vs SQL in memory/temp table agree`, ok: agreeTemp.ok, detail: agreeTemp.detail },
  );
}

type AdRow = { date: string; advancers: number; decliners: number; unchanged: number; cumulative: number };
type MaRow = { above: number; eligible: number; insufficient: number; share: number | null };

export const baselinesSection: BenchSection = {
  id: 'baselines',
  title:
    'Baselines: TypeScript analytics vs plain DuckDB SQL (ratio = SQL time ÷ TS time; > 1 means TS is faster)',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    const store = await ctx.ensureStore(log);

    // --- streaks: IWM vs SPY (closes), FF.SMB vs 0 (returns, 1926–2026)
    log('streak IWM vs SPY…');
    const iwm = await loadAny(store, 'IWM');
    const spy = await loadAny(store, 'SPY');
    await streakPair(
      res,
      store,
      'streak IWM vs SPY',
      {
        facts: () => streakFacts(store, { a: 'IWM', b: 'SPY' }),
        load: async () => [await loadAny(store, 'IWM'), await loadAny(store, 'SPY')],
        compute: () => streaks(iwm.series, spy.series),
      },
      {
        store: streakSql({ a: { source: priceRows('IWM') }, b: { source: priceRows('SPY') } }),
        temp: {
          setup: [
            `CREATE OR REPLACE TEMP TABLE bench_iwm AS SELECT * FROM ${priceRows('IWM')}`,
            `CREATE OR REPLACE TEMP TABLE bench_spy AS SELECT * FROM ${priceRows('SPY')}`,
          ],
          query: streakSql({ a: { source: 'bench_iwm' }, b: { source: 'bench_spy' } }),
        },
      },
    );
    log('streak FF.SMB vs 0…');
    const smb = await loadAny(store, 'FF.SMB');
    await streakPair(
      res,
      store,
      `streak FF.SMB > 0 (${fmtInt(smb.series.dates.length)} days)`,
      {
        facts: () => streakFacts(store, { a: 'FF.SMB', positive: true }),
        load: () => loadAny(store, 'FF.SMB'),
        compute: () => streakVsZero(smb.series, { positive: true }),
      },
      {
        store: streakSql({
          a: { source: observationRows('FF.SMB'), valueColumn: 'value' },
          values: 'return',
        }),
        temp: {
          setup: [`CREATE OR REPLACE TEMP TABLE bench_smb AS SELECT * FROM ${observationRows('FF.SMB')}`],
          query: streakSql({ a: { source: 'bench_smb', valueColumn: 'value' }, values: 'return' }),
        },
      },
    );

    // --- breadth over the whole 505-stock panel: A/D per session + share above the 200-day MA on the last date
    log('breadth panel…');
    const syms = (
      await store.sql(`SELECT DISTINCT symbol FROM bars WHERE source = 'kaggle-5yr' ORDER BY symbol`)
    ).map((r) => r.symbol as string);
    const panel: PriceSeries[] = [];
    for (const s of syms) panel.push(await store.getPriceSeries(s, { source: 'kaggle-5yr' }));
    const asOf = panel
      .map((s) => s.dates[s.dates.length - 1])
      .sort()
      .at(-1)!;
    await store.sql(
      `CREATE OR REPLACE TEMP VIEW bench_panel_v AS SELECT symbol, date, close FROM bars WHERE source = 'kaggle-5yr' AND NOT provisional`,
    );
    await store.sql(`CREATE OR REPLACE TEMP TABLE bench_panel_t AS SELECT * FROM bench_panel_v`);
    const [span] = await store.sql(
      `SELECT strftime(min(date), '%Y-%m-%d') AS first, strftime(max(date), '%Y-%m-%d') AS last FROM bench_panel_v`,
    );
    const first = span.first as string;
    const last = span.last as string;
    const sqlBreadth = async (table: string, all: boolean) => {
      const ad = (await store.sql(advanceDeclineSql(table, { start: first, end: last }))) as AdRow[];
      const [ma200] = (await store.sql(shareAboveMaSql(table, { asOf: last, window: 200 }))) as MaRow[];
      if (all) {
        await store.sql(shareAboveMaSql(table, { asOf: last, window: 50 }));
        await store.sql(newHighsLowsSql(table, { asOf: last }));
      }
      return { ad, ma200 };
    };
    const tsE2e = await measure(() => breadthFacts(store, { universe: 'panel', period: 'max' }), SLOW);
    const tsCompute = await measure(
      () => computeBreadth({ universe: 'panel', members: syms, series: panel, period: 'max', asOf }),
      FAST,
    );
    const sqlView = await measure(() => sqlBreadth('bench_panel_v', false), SLOW);
    const sqlViewAll = await measure(() => sqlBreadth('bench_panel_v', true), SLOW);
    const sqlTable = await measure(() => sqlBreadth('bench_panel_t', false), SLOW);
    const agree = (ts: ReturnType<typeof computeBreadth>, sql: { ad: AdRow[]; ma200: MaRow }) => {
      const adOk =
        ts.period.start === first &&
        ts.adLine.length === sql.ad.length &&
        ts.adLine.every(
          (x, i) =>
            x.date === sql.ad[i].date &&
            x.advancers === sql.ad[i].advancers &&
            x.decliners === sql.ad[i].decliners &&
            x.unchanged === sql.ad[i].unchanged &&
            x.cumulative === sql.ad[i].cumulative,
        );
      const m = ts.above200;
      const maOk =
        ts.asOf === last &&
        m.count === sql.ma200.above &&
        m.eligible === sql.ma200.eligible &&
        m.insufficient.length === sql.ma200.insufficient &&
        Math.abs((m.share ?? Number.NaN) - (sql.ma200.share ?? Number.NaN)) < 1e-12;
      return {
        ok: adOk && maOk,
        detail:
          `A/D: TS ${fmtInt(ts.adLine.length)} / SQL ${fmtInt(sql.ad.length)} sessions (${ts.period.start}..${ts.asOf}), ${adOk ? 'every session identical' : 'DIFFER'}, ` +
          `final A/D line ${ts.adLine.at(-1)?.cumulative} / ${sql.ad.at(-1)?.cumulative}; above 200-day MA on ${last}: TS ${m.count}/${m.eligible} / SQL ${sql.ma200.above}/${sql.ma200.eligible}`,
      };
    };
    const aStore = agree(tsE2e.last, sqlView.last);
    const aTemp = agree(tsCompute.last, sqlTable.last);
    res.rows.push(
      row(
        'breadth panel: TS via facts (store → answer)',
        tsE2e.stat,
        `${syms.length} getPriceSeries + computeBreadth (also 50-day MA, 52w highs/lows, up/down); loading ≈ ${fmtMs(Math.max(0, tsE2e.stat.medianMs - tsCompute.stat.medianMs))} of it`,
      ),
      row(
        'breadth panel: SQL A/D + 200MA on the store',
        sqlView.stat,
        `agree: ${aStore.ok ? 'yes' : 'NO'}`,
        { ratioSqlOverTs: sqlView.stat.medianMs / tsE2e.stat.medianMs },
        ratioText(sqlView.stat.medianMs, tsE2e.stat.medianMs),
      ),
      row(
        'breadth panel: SQL, all TS outputs, on the store',
        sqlViewAll.stat,
        '+ 50-day MA + 52-week highs/lows queries',
        { ratioSqlOverTs: sqlViewAll.stat.medianMs / tsE2e.stat.medianMs },
        ratioText(sqlViewAll.stat.medianMs, tsE2e.stat.medianMs),
      ),
      row(
        'breadth panel: TS compute only (in memory)',
        tsCompute.stat,
        `computeBreadth over ${syms.length} loaded series, period max`,
      ),
      row(
        'breadth panel: SQL A/D + 200MA on a temp table',
        sqlTable.stat,
        `agree: ${aTemp.ok ? 'yes' : 'NO'}`,
        { ratioSqlOverTs: sqlTable.stat.medianMs / tsCompute.stat.medianMs },
        ratioText(sqlTable.stat.medianMs, tsCompute.stat.medianMs),
      ),
    );
    res.checks.push(
      { name: 'breadth panel: TS vs SQL on the store agree', ok: aStore.ok, detail: aStore.detail },
      { name: 'breadth panel: TS vs SQL in memory/temp table agree', ok: aTemp.ok, detail: aTemp.detail },
    );
    for (const t of ['bench_iwm', 'bench_spy', 'bench_smb', 'bench_panel_t'])
      await store.sql(`DROP TABLE IF EXISTS ${t}`);
    await store.sql('DROP VIEW IF EXISTS bench_panel_v');
    res.notes.push(
      'store → answer: TS = the facts function (name resolution, DuckDB reads, validation, compute); SQL = one query (two for breadth) over the store tables',
      'compute only: TS on series already in memory; SQL over temp tables holding just those rows (DuckDB still parses, plans and materialises results)',
    );
    return res;
  },
};
