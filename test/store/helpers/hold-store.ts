/**
 * Test entry: open a DuckDB store read-write as `role` (recorded beside the store), print "held",
 * keep it for `ms` milliseconds, then close it. Stands in for a long import or another writer.
 */
import { openMarketStore } from '../../../src/store/open.ts';

const [path, role, ms] = process.argv.slice(2);
const store = await openMarketStore(path, { readOnly: false, role, direct: true });
process.stdout.write('held\n');
await new Promise((r) => setTimeout(r, Number(ms)));
await store.close();
