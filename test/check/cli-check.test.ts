/**
 * `marketdash check <file|-> [--as-of D] [--json] [--fail-on contradicted] [--aliases FILE]` as users
 * run it, over a store file holding the real IWM, SPY, ^RUT and ^GSPC files. Articles on stdin go
 * to a child process (its stdin is the article); articles in files run the whole command tree
 * in-process (`cliInProcess`: same output and exit codes, no Node start-up per call).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_FILES } from '../alerts/helpers.ts';
import { cliInProcess } from '../cli/run-cli.ts';
import { copySharedStore } from '../helpers/shared-store.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const tmp = tempDir('md-check-cli-');
const db = join(tmp.dir, 'store.duckdb');
const ENTRY = join(REPO_ROOT, 'test', 'check', 'helpers', 'cli-entry.mjs');

beforeAll(async () => {
  // A private copy of the run's shared store of the alerts' files (IWM, SPY, ^GSPC, ^RUT).
  await copySharedStore(ALERT_FILES, db);
});
afterAll(() => tmp.cleanup());

function cli(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [ENTRY, '--db', db, ...args], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same command on a file argument, in-process. */
async function cliFile(args: string[]) {
  const r = await cliInProcess(['--db', db, ...args]);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const ARTICLE =
  'NEW YORK, Jan. 22, 2026 – The Russell 2000 is up 12.5% year-to-date. IWM beat SPY for 14 straight sessions.\n';

describe('marketdash check', () => {
  it('--json from stdin: { asOf, claims: [{ text, type, stated, computed, verdict, evidence }], summary }', () => {
    const r = cli(['check', '-', '--json'], ARTICLE);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.asOf).toBe('2026-01-22');
    expect(doc.summary).toMatchObject({ total: 2, supported: 1, contradicted: 1 });
    const ytd = doc.claims.find((c: { type: string }) => c.type === 'return');
    expect(ytd).toMatchObject({
      text: 'NEW YORK, Jan. 22, 2026 – The Russell 2000 is up 12.5% year-to-date.',
      type: 'return',
      stated: { value: 12.5, unit: 'pct' },
      computed: { text: '+9.54%' },
      verdict: 'contradicted',
      evidence: { series: [{ symbol: '^RUT' }], dates: { base: '2025-12-31', end: '2026-01-22' } },
    });
    expect(Object.keys(ytd)).toEqual(
      expect.arrayContaining(['text', 'type', 'stated', 'computed', 'verdict', 'evidence']),
    );
  });

  it('--fail-on contradicted sets exit code 4; human output lists each claim and the summary', async () => {
    const path = tmp.write('article.txt', ARTICLE);
    const r = await cliFile(['check', path, '--fail-on', 'contradicted']);
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/CONTRADICTED {2}\[return\] {2}"12\.5%"/);
    expect(r.out).toMatch(/stated: up 12\.5% {3}computed: \+9\.54%/);
    expect(r.out).toMatch(/2 claim\(s\): 1 supported, 1 contradicted, 0 approximately, 0 unverifiable/);
    const ok = await cliFile([
      'check',
      tmp.write('ok.txt', 'NEW YORK, Jan. 22, 2026 – The Russell 2000 is up 9.5% year-to-date.'),
      '--fail-on',
      'contradicted',
    ]);
    expect(ok.code).toBe(0);
  });

  it('--as-of and --aliases', () => {
    const aliases = tmp.write('aliases.json', JSON.stringify({ 'small caps': 'IWM' }));
    const r = cli(
      ['check', '-', '--json', '--as-of', '2026-01-22', '--aliases', aliases],
      'Small caps are up 9.6% year-to-date.',
    );
    const doc = JSON.parse(r.out);
    expect(doc.claims[0]).toMatchObject({ verdict: 'supported', evidence: { series: [{ symbol: 'IWM' }] } });
  });

  it('binary, over-size and bad options are clear errors (exit 2), never a crash', async () => {
    const bin = tmp.write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const b = await cliFile(['check', bin, '--json']);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.out).error.message).toMatch(/image\.png looks binary/);
    const big = tmp.write('big.txt', 'x'.repeat(2 * 1024 * 1024 + 1));
    const g = await cliFile(['check', big]);
    expect(g.code).toBe(2);
    expect(g.err).toMatch(/over the 2,097,152-byte limit/);
    const s = cli(['check', '-'], Buffer.alloc(3 * 1024 * 1024, 0x61));
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/stdin is over the 2,097,152-byte limit/);
    expect(cli(['check', '-', '--fail-on', 'supported'], 'x').err).toMatch(
      /--fail-on accepts only 'contradicted'/,
    );
    expect((await cliFile(['check', join(tmp.dir, 'missing.txt')])).err).toMatch(/cannot read .*missing\.txt/);
  });
});
