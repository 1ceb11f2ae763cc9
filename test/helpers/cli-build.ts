/**
 * The compiled CLI that test processes run: bin/marketdash.mjs on a dist/ built once per test run from
 * the current sources (scripts/build.mjs, the build `npm run build` makes), in the run's folder. A
 * spawned command then starts as a user's does (≈0.5–1 s less CPU per process than loading the
 * TypeScript sources through tsx), and a stale dist/ in the work tree cannot make a test pass or fail.
 *
 * The slow project's global setup (test/global-store.ts) starts the build in the background
 * (`startCliBuild`) and provides the folder as `cliApp`; `cliBin()` waits for it. Outside the slow
 * project (no run folder) it returns the work tree's bin/marketdash.mjs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { REPO_ROOT } from './temp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of this run's compiled CLI (bin/, dist/, meta.json); empty outside the slow project. */
    cliApp: string;
  }
}

/**
 * Build the CLI into `app` (app/bin: copies of bin/*.mjs; app/dist; app/meta.json: esbuild's metafile;
 * app/node_modules and app/src: links to the work tree's, which the bin and the worker's job processor
 * load; app/package.json). Returns at once; `app/built` (or `app/build-failed`, with the error)
 * appears when the build ends. The CLI's default data folder is ../shared/data beside its package
 * root, here not the tests' one: the global setup sets MARKETDASH_DATA for the run (to the folder the
 * work tree's default names), so a spawned command reads the same files as before.
 */
export function startCliBuild(app: string): ChildProcess {
  mkdirSync(join(app, 'bin'), { recursive: true });
  for (const f of readdirSync(join(REPO_ROOT, 'bin')))
    copyFileSync(join(REPO_ROOT, 'bin', f), join(app, 'bin', f));
  for (const d of ['node_modules', 'src'])
    if (!existsSync(join(app, d))) symlinkSync(join(REPO_ROOT, d), join(app, d), 'dir');
  copyFileSync(join(REPO_ROOT, 'package.json'), join(app, 'package.json'));
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'scripts', 'build.mjs'),
      '--outdir',
      join(app, 'dist'),
      '--metafile',
      join(app, 'meta.json'),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  child.on('close', (code) =>
    writeFileSync(join(app, code === 0 ? 'built' : 'build-failed'), code === 0 ? '' : `exit ${code}: ${err}`),
  );
  return child;
}

function appDir(): string | undefined {
  try {
    return inject('cliApp') || undefined;
  } catch {
    return undefined; // not inside a vitest worker
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * The run's compiled CLI folder (bin/, dist/, meta.json), waiting (synchronously: `cli()` is
 * synchronous) until its build has ended; undefined outside the slow project.
 */
export function cliApp(): string | undefined {
  const app = appDir();
  if (!app) return undefined;
  const end = Date.now() + 120_000;
  while (!existsSync(join(app, 'built'))) {
    if (existsSync(join(app, 'build-failed')))
      throw new Error(`the CLI build failed: ${readFileSync(join(app, 'build-failed'), 'utf8')}`);
    if (Date.now() > end) throw new Error('the CLI build did not end within 120 s');
    Atomics.wait(pause, 0, 0, 25);
  }
  return app;
}

/** bin/marketdash.mjs of the run's compiled CLI (the work tree's outside the slow project). */
export function cliBin(): string {
  return join(cliApp() ?? REPO_ROOT, 'bin', 'marketdash.mjs');
}
