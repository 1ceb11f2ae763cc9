/** Test helpers for the job queues: a unique key prefix per run, and removal of every key under it. */
import { Redis } from 'ioredis';
import { uniqueName } from '../helpers/pg.ts';

export const REDIS_URL = process.env.MARKETDASH_TEST_REDIS ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(): string {
  return uniqueName('mdq').replace(/_/g, '-');
}

export async function dropPrefix(prefix: string): Promise<number> {
  const r = new Redis(REDIS_URL);
  let n = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) n += await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
  return n;
}
