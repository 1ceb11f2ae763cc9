/**
 * Scenario: `npm run lint` used to print 21 warnings and exit 0, so CI never failed on them. The lint
 * script (its biome half, `lint:code`; `lint:layers` is dependency-cruiser) must exit non-zero on a warning, and the project itself must have none.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp.ts';

const script: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts['lint:code'];
const biome = join(REPO_ROOT, 'node_modules', '.bin', 'biome');
const dir = join(REPO_ROOT, 'test-output', `lint-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The lint script's biome arguments with its paths replaced by `paths`. */
function runLint(paths: string[]) {
  const args = script
    .split(/\s+/)
    .slice(2)
    .filter((a) => a.startsWith('-'));
  return spawnSync(biome, ['lint', ...args, ...paths], { cwd: REPO_ROOT, encoding: 'utf8' });
}

describe('lint fails on warnings', () => {
  it('a file with one unused import (a warning, not an error) makes the lint script exit non-zero', () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'warn.ts');
    writeFileSync(file, "import { join } from 'node:path';\nexport const x = 1;\n");
    const r = runLint([file]);
    expect(`${r.stdout}${r.stderr}`).toMatch(/noUnusedImports/);
    expect(r.status).not.toBe(0);
  });

  it('the project lints with no warnings (the same script over src test bench exits 0)', () => {
    const r = runLint(['src', 'test', 'bench']);
    expect(r.status, `${r.stdout}${r.stderr}`.slice(0, 2000)).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/Found \d+ (warning|info)/);
  }, 60_000);
});
