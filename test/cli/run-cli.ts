/** Run the real CLI (bin/marketdash.mjs) as a user would, capturing stdout, stderr and the exit code. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/temp.ts';
import type { JsonDoc } from '../helpers/json-doc.ts';

export function cli(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'marketdash.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parse stdout as exactly one JSON document (fails if anything else is printed there). */
export function json<T = JsonDoc>(stdout: string): T {
  return JSON.parse(stdout) as T;
}

/** Async variant, for tests that serve HTTP from the test process while the CLI runs. */
export function cliAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'marketdash.mjs'), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}
