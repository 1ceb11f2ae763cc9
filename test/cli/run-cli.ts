/** Run the real CLI (bin/marketdash.mjs) as a user would, capturing stdout, stderr and the exit code. */
import { spawn, spawnSync } from 'node:child_process';
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

/**
 * The analytics and `db` commands run in this process (as src/cli/main.ts wires them), for scenario
 * steps that test a command's answer rather than the process: same stdout, stderr and exit code
 * conventions (reportError), no Node start-up per call.
 */
export async function cliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { Command } = await import('commander');
  const { registerAnalytics } = await import('../../src/cli/commands/analytics.ts');
  const { registerDb } = await import('../../src/cli/commands/db.ts');
  const { reportError } = await import('../../src/cli/output.ts');
  const program = new Command();
  program.name('marketdash').option('--db <file>').option('--data <dir>').option('--json').exitOverride();
  registerAnalytics(program);
  registerDb(program);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string | Uint8Array) => {
    stdout += String(c);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => {
    stderr += String(c);
    return true;
  }) as typeof process.stderr.write;
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'marketdash', ...args]);
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('commander.')) process.exitCode = 2;
    else reportError(e, args.includes('--json'));
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { code, stdout, stderr };
}
