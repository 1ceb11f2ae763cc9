/** Where the state store lives: MARKETDASH_STATE, else `state.sqlite` beside the market store. */
import { dirname, join, resolve } from 'node:path';
import { SqliteState } from './sqlite-state.ts';
import type { StateStore } from './state-store.ts';

export function statePath(marketDbPath: string): string {
  if (process.env.MARKETDASH_STATE) return resolve(process.env.MARKETDASH_STATE);
  if (marketDbPath === ':memory:') return ':memory:';
  return join(dirname(resolve(marketDbPath)), 'state.sqlite');
}

export async function openState(marketDbPath: string): Promise<StateStore> {
  return SqliteState.open(statePath(marketDbPath));
}
