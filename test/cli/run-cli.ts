/**
 * Run the CLI as a separate process, as a user would, capturing stdout, stderr and the exit code.
 * In the slow project it runs the run's compiled CLI (test/helpers/cli-build.ts: bin/marketdash.mjs
 * on a dist/ built at the start of the run from the current sources), so a stale dist/ cannot make
 * these tests pass; elsewhere the TypeScript sources through tsx. `cliFromSource` always runs the
 * sources (test/cli/built-bin-runs-fresh-build.test.ts compares the bin's answers with theirs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cliApp } from '../helpers/cli-build.ts';
import { REPO_ROOT } from '../helpers/temp.ts';
import type { JsonDoc } from '../helpers/json-doc.ts';

/** node arguments that start the CLI from its sources. */
export const CLI_FROM_SOURCE = ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'main.ts')];

/** node arguments that start the CLI: the run's compiled bin, or the sources outside the slow project. */
function cliArgs(): string[] {
  const app = cliApp();
  return app ? [join(app, 'bin', 'marketdash.mjs')] : CLI_FROM_SOURCE;
}

function runSync(node: string[], env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, node, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cli(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  return runSync([...cliArgs(), ...args], env);
}

/** The CLI from its TypeScript sources (tsx), whatever the project. */
export function cliFromSource(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  return runSync([...CLI_FROM_SOURCE, ...args], env);
}

/** Parse stdout as exactly one JSON document (fails if anything else is printed there). */
export function json<T = JsonDoc>(stdout: string): T {
  return JSON.parse(stdout) as T;
}

/** Async variant, for tests that serve HTTP from the test process while the CLI runs. */
export function cliAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [...cliArgs(), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Every command runs in this process (the tree and conventions src/cli/main.ts runs: a fact command
 * or `report` gets the lean tree, anything else the whole one), for scenario steps that test a
 * command's answer rather than the process: same stdout, stderr and exit code conventions
 * (reportError), no Node start-up per call (a spawn from the sources costs 1–5 s on 2 shared cores).
 * `env` is set for the call and restored after it (same signature as `cliAsync`, so a scenario
 * switches by its import line).
 */
export async function cliInProcess(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { CAPABILITIES } = await import('../../src/capabilities/registry.ts');
  const { commandOf } = await import('../../src/cli/root.ts');
  const { runProgram } = await import('../../src/cli/run.ts');
  const name = commandOf(args);
  const program =
    name !== null && (CAPABILITIES.some((c) => c.name === name) || name === 'report')
      ? (await import('../../src/cli/facts-program.ts')).buildFactsProgram(name)
      : (await import('../../src/cli/program.ts')).buildProgram();
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
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  process.exitCode = undefined;
  try {
    await runProgram(program, ['node', 'marketdash', ...args]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { code, stdout, stderr };
}
