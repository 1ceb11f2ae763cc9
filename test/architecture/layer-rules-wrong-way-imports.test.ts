/**
 * `npm run lint` runs dependency-cruiser with .dependency-cruiser.cjs. These fixtures prove the rules
 * bite: a clean layered tree passes, and each wrong-way import in fixtures/wrong-way/ is reported
 * under the rule that forbids it (and the command exits non-zero). The real src/ passes.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp.ts';

const CONFIG = resolve(REPO_ROOT, '.dependency-cruiser.cjs');
const BIN = resolve(REPO_ROOT, 'node_modules', '.bin', 'depcruise');

/** Exit status of the command `npm run lint` runs (default `err` reporter). */
function lintStatus(cwd: string): number | null {
  return spawnSync(BIN, ['src', '--config', CONFIG], { cwd, encoding: 'utf8' }).status;
}

function cruise(cwd: string): { violations: { rule: string; from: string; to: string }[] } {
  const r = spawnSync(BIN, ['src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return {
    violations: out.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })),
  };
}

describe('layer rules (dependency-cruiser)', () => {
  it('a clean layered tree (type-only analytics import in report, values through facts) passes', () => {
    const r = cruise(join(REPO_ROOT, 'test/architecture/fixtures/clean'));
    expect(r.violations).toEqual([]);
    expect(lintStatus(join(REPO_ROOT, 'test/architecture/fixtures/clean'))).toBe(0);
  });

  it('each wrong-way import fails under its rule', () => {
    const dir = join(REPO_ROOT, 'test/architecture/fixtures/wrong-way');
    expect(lintStatus(dir)).not.toBe(0);
    const r = cruise(dir);
    const got = r.violations
      .filter((v) => v.rule !== 'no-circular')
      .map((v) => `${v.rule}: ${v.from} → ${v.to}`)
      .sort();
    expect(got).toEqual(
      [
        'analytics-is-pure: src/analytics/reads-report.ts → src/report/skips-facts.ts',
        'model-is-the-floor: src/model/uses-twin.ts → src/store/duckdb/sql-twins/twin.ts',
        'server-never-imports-cli: src/server/uses-cli.ts → src/cli/output.ts',
        'store-implementations-only-in-composition-roots: src/model/uses-twin.ts → src/store/duckdb/sql-twins/twin.ts',
        'sql-twins-only-for-tests-and-bench: src/model/uses-twin.ts → src/store/duckdb/sql-twins/twin.ts',
        'upper-layers-reach-analytics-through-facts: src/report/skips-facts.ts → src/analytics/calc.ts',
      ].sort(),
    );
  });

  it('the real src/ has no violations', () => {
    const r = cruise(REPO_ROOT);
    expect(r.violations.filter((v) => v.rule !== 'no-circular')).toEqual([]);
  });
});
