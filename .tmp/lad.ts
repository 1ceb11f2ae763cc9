import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../src/store/ingest.ts';
import { ladderFacts } from '../src/facts/market.ts';
const s = await DuckDbStore.open(':memory:');
await importPaths(s, ['/work/shared/data/factors/Portfolios_Formed_on_ME_Daily.csv', '/work/shared/data/prices/SPY.csv'], { dataRoot: '/work/shared/data', lenient: false });
for (const q of [{ ladder: 'french', period: 'ytd', asOf: '2026-01-22' }, { ladder: 'french', period: '1m' }, { ladder: 'french', period: '1d' }]) {
  try { const r: any = await ladderFacts(s, q); console.log(JSON.stringify(q), 'ok', JSON.stringify(r).slice(0, 150)); } catch (e) { console.log(JSON.stringify(q), (e as Error).message); }
}
