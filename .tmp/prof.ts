import { PgStore } from '/work/wt-scale/src/store/postgres/pg-store.ts';
import { importOne } from '/work/wt-scale/src/store/ingest.ts';
import pg from 'pg';
const orig = pg.Client.prototype.query;
(pg.Client.prototype as any).query = function (...a: any[]) {
  const t = Date.now();
  const r = orig.apply(this, a as any);
  const sql = typeof a[0] === 'string' ? a[0] : (a[0]?.text ?? 'copy');
  if (r && typeof (r as any).then === 'function') (r as any).then(() => { const d = Date.now() - t; if (d > 20) console.log(d, 'ms', String(sql).replace(/\s+/g, ' ').slice(0, 110)); });
  return r;
};
const s = await PgStore.open(`postgres://postgres@127.0.0.1:5432/test?schema=${process.argv[2]}`);
for (const f of process.argv.slice(3)) { const t = Date.now(); const r = await importOne(s, f, { dataRoot: '/work/shared/data', lenient: false }); console.log(f, r.status, r.rowsRead, Date.now() - t, 'ms'); }
await s.close();
