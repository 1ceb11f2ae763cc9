/** A crash hook for the exactly-once tests. */

/**
 * Test hook: with MARKETDASH_TEST_CRASH_AT=<point> the process dies there (as kill -9 would). Only
 * honoured when NODE_ENV=test or VITEST is set, so a production environment cannot trip it.
 */
export function crashPoint(point: string): void {
  const at = process.env.MARKETDASH_TEST_CRASH_AT;
  if (!at || at !== point) return;
  if (process.env.NODE_ENV !== 'test' && !process.env.VITEST) return;
  process.kill(process.pid, 'SIGKILL');
}
