/** A crash hook for the exactly-once tests. */
import { writeSync } from 'node:fs';

/**
 * Test hook: with MARKETDASH_TEST_CRASH_AT=<point> the process dies there (as kill -9 would); with
 * `hold:<point>` it says so on stderr and stops there (the test then kills it, e.g. a whole worker
 * with its job processes, while a transaction is open). Only honoured when NODE_ENV=test or VITEST
 * is set, so a production environment cannot trip it.
 */
export function crashPoint(point: string): void {
  const at = process.env.MARKETDASH_TEST_CRASH_AT;
  if (!at || (at !== point && at !== `hold:${point}`)) return;
  if (process.env.NODE_ENV !== 'test' && !process.env.VITEST) return;
  if (at === point) process.kill(process.pid, 'SIGKILL');
  writeSync(2, `test hook: holding at ${point} (pid ${process.pid})\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until killed
}
