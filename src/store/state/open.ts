/**
 * Where the state store lives. MARKETDASH_STATE: a postgres:// URL (its `?schema=`, default
 * `public`) or a SQLite file. Otherwise beside the market store: a PostgreSQL market store keeps its
 * state in the same database, in its own schema `<market schema>_state`; a DuckDB file has
 * `state.sqlite` in its folder.
 */
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../../model/errors.ts';
import type { StateStore } from './state-store.ts';

const isPg = (s: string) => /^postgres(ql)?:\/\//i.test(s);

export type StateLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema: string };

function pgLocation(url: string, derived: boolean): StateLocation {
  const u = new URL(url);
  const given = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  const market = given ?? process.env.MARKETDASH_PG_SCHEMA ?? 'public';
  const schema = derived ? `${market}_state` : (given ?? 'public');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new UserError(`the state schema '${schema}' is not a plain SQL identifier of at most 63 characters (set MARKETDASH_STATE=postgres://…?schema=name)`);
  return { kind: 'postgres', url: u.toString(), schema };
}

export function stateLocation(marketDb: string): StateLocation {
  const env = process.env.MARKETDASH_STATE;
  if (env) return isPg(env) ? pgLocation(env, false) : { kind: 'sqlite', path: resolve(env) };
  if (isPg(marketDb)) return pgLocation(marketDb, true);
  if (marketDb === ':memory:') return { kind: 'sqlite', path: ':memory:' };
  return { kind: 'sqlite', path: join(dirname(resolve(marketDb)), 'state.sqlite') };
}

export async function openState(marketDb: string): Promise<StateStore> {
  const l = stateLocation(marketDb);
  if (l.kind === 'postgres') {
    const { PgState } = await import('./pg-state.ts');
    return PgState.open(l.url, l.schema);
  }
  const { SqliteState } = await import('./sqlite-state.ts');
  return SqliteState.open(l.path);
}
