/**
 * Slow project global setup: one folder per run for the shared store fixtures
 * (test/helpers/shared-store.ts). Each distinct set of real files a test reads (the server/API
 * store, the report pairs, the alerts and checker files…) is imported once, by the first test file
 * that asks for it, into this folder; the others open it read-only or copy it. The run's compiled
 * CLI (test/helpers/cli-build.ts) is built there too, in the background, for the tests that start
 * CLI processes. The projects that use this setup (slow, alone) share the folder; it is removed when
 * the last of them ends.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startCliBuild } from './helpers/cli-build.ts';
import { DATA_DIR, tempDir } from './helpers/temp.ts';
import type {} from './helpers/shared-store.ts'; // its ProvidedContext: sharedStoreDir

interface RunFolder {
  dir: string;
  build: ChildProcess;
  users: number;
  /** The reset in progress for a watch-mode rerun (every project of the run is told of it). */
  reset: Promise<void> | null;
}

// Each project loads this file as a module of its own: the run's folder is kept on the process.
const run = globalThis as { marketdashTestRun?: RunFolder };

const ended = (build: ChildProcess) =>
  new Promise<void>((resolve) =>
    build.exitCode !== null || build.signalCode !== null ? resolve() : build.once('close', () => resolve()),
  );

export default function setup(project: TestProject): () => Promise<void> {
  // The run's CLI lives outside the work tree, so its default data folder (../shared/data beside its
  // package root) is not the tests' one: the tests' processes and the commands they start get it named.
  process.env.MARKETDASH_DATA ??= DATA_DIR;
  if (!run.marketdashTestRun) {
    const dir = tempDir('md-shared-stores-').dir;
    run.marketdashTestRun = {
      dir,
      build: startCliBuild(join(dir, 'cli', 'marketdash')),
      users: 0,
      reset: null,
    };
  }
  const f = run.marketdashTestRun;
  f.users++;
  project.provide('sharedStoreDir', f.dir);
  project.provide('cliApp', join(f.dir, 'cli', 'marketdash'));
  // Watch mode: a rerun may follow a change to the sources, the importer or the data, so it starts
  // from no stores and a new build (once for all the projects).
  project.onTestsRerun(async () => {
    f.reset ??= (async () => {
      await ended(f.build);
      rmSync(f.dir, { recursive: true, force: true });
      mkdirSync(f.dir);
      f.build = startCliBuild(join(f.dir, 'cli', 'marketdash'));
    })().finally(() => setTimeout(() => (f.reset = null), 0));
    await f.reset;
  });
  return async () => {
    if (--f.users > 0) return;
    await ended(f.build);
    rmSync(f.dir, { recursive: true, force: true });
    run.marketdashTestRun = undefined;
  };
}
