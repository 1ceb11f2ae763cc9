/**
 * Test entry: open a DuckDB store read-write as `role` (recorded beside the store), print "held",
 * and keep it until SIGTERM (then close it and exit 0). Stands in for a long import or another writer.
 */
import { openMarketStore } from '../../../src/store/open.ts';

const [path, role] = process.argv.slice(2);
const store = await openMarketStore(path, { readOnly: false, role, direct: true });
process.stdout.write('held\n');
const keepAlive = setInterval(() => undefined, 1000);
process.once('SIGTERM', async () => {
  clearInterval(keepAlive);
  await store.close();
  process.exit(0);
});
