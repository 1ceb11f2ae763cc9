/**
 * Slow project global setup: one folder per run for the shared store fixtures
 * (test/helpers/shared-store.ts). Each distinct set of real files a test reads (the server/API
 * store, the report pairs, the alerts and checker files…) is imported once, by the first test file
 * that asks for it, into this folder; the others open it read-only or copy it. The run's compiled
 * CLI (test/helpers/cli-build.ts) is built there too, in the background, for the tests that start
 * CLI processes. Removed at the end.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startCliBuild } from './helpers/cli-build.ts';
import { tempDir } from './helpers/temp.ts';
import type {} from './helpers/shared-store.ts'; // its ProvidedContext: sharedStoreDir

export default function setup(project: TestProject): () => Promise<void> {
  const tmp = tempDir('md-shared-stores-');
  const app = () => join(tmp.dir, 'cli');
  let build = startCliBuild(app());
  project.provide('sharedStoreDir', tmp.dir);
  project.provide('cliApp', app());
  const ended = () =>
    new Promise<void>((resolve) =>
      build.exitCode !== null || build.signalCode !== null ? resolve() : build.once('close', () => resolve()),
    );
  // Watch mode: a rerun may follow a change to the sources, the importer or the data, so it starts
  // from no stores and a new build.
  project.onTestsRerun(async () => {
    await ended();
    rmSync(tmp.dir, { recursive: true, force: true });
    mkdirSync(tmp.dir);
    build = startCliBuild(app());
  });
  return async () => {
    await ended();
    rmSync(tmp.dir, { recursive: true, force: true });
  };
}
