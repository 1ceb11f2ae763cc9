/** Test helpers: a PostgreSQL store in its own schema (random suffix: others run tests at the same time), dropped at the end. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgStore } from '../../src/store/postgres/pg-store.ts';

export const PG_BASE = process.env.MARKETDASH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export interface PgTestStore {
  schema: string;
  url: string;
  store: PgStore;
  drop(): Promise<void>;
}

export async function pgTestStore(prefix = 'md_test'): Promise<PgTestStore> {
  const schema = uniqueName(prefix);
  const url = `${PG_BASE}?schema=${schema}`;
  const store = await PgStore.open(url);
  return {
    schema,
    url,
    store,
    drop: async () => {
      await store.close().catch(() => undefined);
      await dropSchema(schema);
    },
  };
}

/** One statement on a connection of its own (to PG_BASE); its rows. */
export async function pgRows(sql: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await pgRows(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
