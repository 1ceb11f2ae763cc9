/** Loading modules that other work adds to src/ later: absent → a skip reason instead of a failure. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './lib.ts';

// biome-ignore lint/suspicious/noExplicitAny: optional modules, checked at the call sites
export type Mod = Record<string, any>;

/** The module at `rel` (relative to the project root), or a reason it cannot be used. */
export async function loadOptional(rel: string, needs: string[]): Promise<{ mod: Mod } | { reason: string }> {
  const abs = join(REPO_ROOT, rel);
  if (!existsSync(abs)) return { reason: `${rel} does not exist (yet)` };
  let mod: Mod;
  try {
    mod = (await import(pathToFileURL(abs).href)) as Mod;
  } catch (e) {
    return { reason: `${rel} does not load: ${(e as Error).message.split('\n')[0]}` };
  }
  const missing = needs.filter((n) => typeof mod[n] !== 'function');
  if (missing.length) return { reason: `${rel} does not export ${missing.join(', ')}` };
  return { mod };
}

/** First number found at one of the dotted paths, e.g. `latency.p99`. */
export function pickNumber(obj: unknown, paths: string[]): number | null {
  for (const p of paths) {
    let v: unknown = obj;
    for (const k of p.split('.'))
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}
