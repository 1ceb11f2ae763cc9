import { importPaths } from '../src/store/ingest.ts';
import { batchRowCount } from '../src/model/batch.ts';
let rows = 0;
const sink: any = { writeBatch: async (b: any) => { const n = batchRowCount(b); rows += n; return { status: 'imported', rowsRead: n, rowsNew: n, rowsRevised: 0, rowsUnchanged: 0 }; } };
for (let i = 0; i < 4; i++) { rows = 0; const t = performance.now(); const r = await importPaths(sink, ['/work/shared/data'], { dataRoot: '/work/shared/data', lenient: false }); console.log((performance.now()-t).toFixed(0), rows, r.totals.failed); }
