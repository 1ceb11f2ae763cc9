/**
 * Issue 15, items 1 and 2, on the real files: NVDA's market-lab rows 2026-04-08..04-10 sit 0.1165%
 * above the single-snapshot Aurum adj_close and then return to it; `sectors` says which series were
 * repaired. Expected values are read from the raw CSV files here, not from the project's importers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesNote } from '../../src/analytics/series.ts';
import { perfFacts } from '../../src/facts/core.ts';
import { sectorsFacts } from '../../src/facts/market.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { cli } from '../cli/run-cli.ts';
import { DATA_DIR } from '../helpers/temp.ts';
import { realStore } from '../report/helpers/store.ts';

/** date → value of one column of a raw CSV. */
function column(file: string, col: string): Map<string, number> {
  const lines = readFileSync(`${DATA_DIR}/${file}`, 'utf8').trim().split(/\r?\n/);
  const h = lines[0].split(',');
  const di = h.indexOf('date');
  const ci = h.indexOf(col);
  return new Map(lines.slice(1).map((l) => l.split(',')).map((r) => [r[di], Number(r[ci])]));
}

describe('NVDA 1w to 2026-04-10: the three-session reversing step is repaired', () => {
  let store: DuckDbStore;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dir, cleanup } = await realStore(['prices/NVDA.csv', 'prices/alt/NVDA__aurum.csv']));
  }, 60_000);
  afterAll(async () => cleanup());

  // 1w base: last close on or before 2026-04-03 (Good Friday, no session) → 2026-04-02.
  const aurum = column('prices/alt/NVDA__aurum.csv', 'adj_close');
  const raw = column('prices/NVDA.csv', 'close');
  const expected = (aurum.get('2026-04-10') as number) / (aurum.get('2026-04-02') as number) - 1;

  it('the raw file shows the step: ratio 1.001165 on 04-08..04-10 only, 1.0 around it', () => {
    const ratio = (d: string) => (raw.get(d) as number) / (aurum.get(d) as number);
    for (const d of ['2026-04-07', '2026-04-13', '2026-04-02']) expect(ratio(d)).toBeCloseTo(1, 6);
    for (const d of ['2026-04-08', '2026-04-09', '2026-04-10']) expect(ratio(d)).toBeCloseTo(1.001165, 6);
    // Unrepaired, the week reads +6.46%; against the reference it is +6.336%.
    expect((raw.get('2026-04-10') as number) / (raw.get('2026-04-02') as number) - 1).toBeCloseTo(0.0646, 4);
    expect(expected).toBeCloseTo(0.06336, 5);
  });

  it('perf equals the reference return and carries one typed repair of 04-08..04-10', async () => {
    const r = await perfFacts(store, { symbols: ['NVDA'], period: '1w', asOf: '2026-04-10' });
    expect(r.rows[0].start).toBe('2026-04-02');
    expect(r.rows[0].return).toBeCloseTo(expected, 9);
    const repairs = (r.provenance.seriesNotes ?? []).filter((n) => n.kind === 'splice-repair');
    expect(repairs).toHaveLength(1);
    expect(repairs[0]).toMatchObject({
      series: 'NVDA', source: 'market-lab', from: '2026-04-08', to: '2026-04-10', sessions: 3,
      reference: { series: 'NVDA', source: 'aurum' }, method: 'reference-day-by-day',
    });
    expect(repairs[0].factor).toBeCloseTo((aurum.get('2026-04-08') as number) / (raw.get('2026-04-08') as number), 6);
    expect(r.provenance.notes.some((n) => n.includes('2026-04-08..2026-04-10'))).toBe(true);
  });

  it('the CLI prints +6.34%', async () => {
    await store.close();
    const out = cli(['perf', 'NVDA', '--period', '1w', '--as-of', '2026-04-10', '--db', `${dir}/store.duckdb`]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/NVDA\s.*\+6\.34%/);
    expect(`+${(expected * 100).toFixed(2)}%`).toBe('+6.34%');
  });
});

describe('sectors etf ytd to 2026-07-31 says which series were repaired', () => {
  const ETFS = ['XLK', 'XLF', 'XLE', 'XLV', 'XLI', 'XLY', 'XLP', 'XLU', 'XLB', 'XLRE', 'XLC'];
  let store: DuckDbStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await realStore(ETFS.map((s) => `prices/${s}.csv`)));
  }, 60_000);
  afterAll(async () => cleanup());

  // The data notes (prices/SOURCES.md) list a step for some of the files: "Adjustment step found ...: DATE (PCT%".
  const notes = readFileSync(`${DATA_DIR}/prices/SOURCES.md`, 'utf8').split('\n');
  const documented = new Map<string, { date: string; pct: number }>();
  for (const s of ETFS) {
    const line = notes.find((l) => l.startsWith(`| \`${s}.csv\``)) ?? '';
    const m = /Adjustment step found against a single-snapshot source: (\d{4}-\d{2}-\d{2}) \(([-+\d.]+)%/.exec(line);
    if (m) documented.set(s, { date: m[1], pct: Number(m[2]) });
  }

  it('every repaired series is named in structured form, and the returns use the documented step', async () => {
    expect([...documented.keys()].sort()).toEqual(['XLE', 'XLF', 'XLI', 'XLK', 'XLP', 'XLU', 'XLV', 'XLY']);
    const r = await sectorsFacts(store, { universe: 'etf', period: 'ytd', asOf: '2026-07-31' });
    const typed = (r.provenance.seriesNotes ?? []) as SeriesNote[];
    const repaired = typed.filter((n) => n.kind === 'splice-repair');
    expect(repaired.map((n) => n.series).sort()).toEqual([...documented.keys()].sort());
    for (const n of repaired) expect(n).toMatchObject({ method: 'documented-step', reference: null });
    // XLE by hand: base 2025-12-31 is before the step, so it carries the older basis × (1 + step).
    const xle = column('prices/XLE.csv', 'close');
    const step = documented.get('XLE') as { pct: number };
    const want = (xle.get('2026-07-31') as number) / ((xle.get('2025-12-31') as number) * (1 + step.pct / 100)) - 1;
    const row = r.rows.find((x: { sector: string }) => x.sector === 'Energy') as { return: number };
    expect(row.return).toBeCloseTo(want, 10);
    expect(r.provenance.notes.filter((n: string) => n.includes('adjustment-basis splice repaired'))).toHaveLength(8);
  });
});
