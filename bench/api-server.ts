/**
 * Child process for the API section: opens the benchmark store read-only, starts the server on a
 * free loopback port, prints `{"url": …}` on one line, and stops when its stdin closes or on SIGTERM.
 * Running the server apart from the load generator keeps them off one event loop.
 * Usage: node --import tsx bench/api-server.ts <store.duckdb>
 */
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { startBenchServer } from './api.ts';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: api-server.ts <store.duckdb>\n');
  process.exit(2);
}
const store = await DuckDbStore.open(path, { readOnly: true });
const server = await startBenchServer(store);
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
