import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
const D = '/work/shared/data';
for (let i = 0; i < 3; i++) {
rmSync('/tmp/mdb/rc.duckdb', { force: true });
const inst = await DuckDBInstance.create('/tmp/mdb/rc.duckdb');
const con = await inst.connect();
const t = performance.now();
await con.run(`CREATE TABLE px AS SELECT * FROM read_csv(['${D}/prices/*.csv','${D}/prices/alt/*.csv','${D}/panels/individual_stocks_5yr/*.csv'], union_by_name=true, filename=true)`);
const dt = performance.now() - t;
const r = await con.runAndReadAll('SELECT count(*) n FROM px');
console.log(dt, r.getRowObjects());
if (i==0) console.log((await con.runAndReadAll('DESCRIBE px')).getRowObjects().map(x=>`${x.column_name}:${x.column_type}`).join(' '));
con.closeSync(); inst.closeSync();
}
