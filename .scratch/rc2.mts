import { DuckDBInstance } from '@duckdb/node-api';
const D = '/work/shared/data';
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
console.log((await con.runAndReadAll("select current_setting('threads') t")).getRowObjects());
for (const q of [
  `SELECT count(*) FROM read_csv(['${D}/prices/*.csv','${D}/prices/alt/*.csv'], union_by_name=true, filename=true)`,
  `SELECT count(*) FROM read_csv(['${D}/panels/individual_stocks_5yr/*.csv'], union_by_name=true, filename=true)`,
  `SELECT count(*) FROM read_csv(['${D}/panels/individual_stocks_5yr/*.csv'], filename=true)`,
  `SELECT count(*) FROM read_csv('${D}/prices/GSPC_INDEX.csv')`,
]) { const t = performance.now(); const r = await con.runAndReadAll(q); console.log((performance.now()-t).toFixed(0), r.getRows()[0], q.slice(0,90)); }
