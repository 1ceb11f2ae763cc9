/** Run the real CLI (bin/marketdash.mjs) as a user would, capturing stdout, stderr and the exit code. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/temp.ts';

export function cli(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'marketdash.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parse stdout as exactly one JSON document (fails if anything else is printed there). */
export function json<T = any>(stdout: string): T {
  return JSON.parse(stdout) as T;
}
