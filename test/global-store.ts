/**
 * Slow project global setup: one folder per run for the shared store fixtures
 * (test/helpers/shared-store.ts). Each distinct set of real files a test reads (the server/API
 * store, the report pairs, the alerts and checker files…) is imported once, by the first test file
 * that asks for it, into this folder; the others open it read-only or copy it. Removed at the end.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { tempDir } from './helpers/temp.ts';
import type {} from './helpers/shared-store.ts'; // its ProvidedContext: sharedStoreDir

export default function setup(project: TestProject): () => void {
  const tmp = tempDir('md-shared-stores-');
  project.provide('sharedStoreDir', tmp.dir);
  // Watch mode: a rerun may follow a change to the importer or the data, so it starts from no stores.
  project.onTestsRerun(() => {
    rmSync(tmp.dir, { recursive: true, force: true });
    mkdirSync(tmp.dir);
  });
  return () => rmSync(tmp.dir, { recursive: true, force: true });
}
