/**
 * Scenario (issue 16): the first `main` is killed part-way through the import. The next `main` used
 * to say "already holds N imported file(s); not importing again" and fail with "unknown symbol". Now
 * every run imports the files not imported yet (by sha256) and shows progress on stderr; Ctrl-C says
 * what was committed and how to resume; the run after that completes and writes the report.
 *
 * The data folder is a temp folder of links to the real files (prices, factors, macro, constituents;
 * the 505-file panel is left out to keep the test short).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { listFiles } from '../../src/store/ingest.ts';
import { cliBin } from '../helpers/cli-build.ts';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';
import { cli, json } from './run-cli.ts';

const tmp = tempDir('md-firstrun-');
const data = join(tmp.dir, 'data');
const db = join(tmp.dir, 'store', 'md.duckdb');
const out = join(tmp.dir, 'out');
for (const d of ['prices', 'factors', 'macro', 'constituents']) {
  mkdirSync(join(data, d), { recursive: true });
  for (const name of readdirSync(join(DATA_DIR, d)))
    symlinkSync(join(DATA_DIR, d, name), join(data, d, name));
}
const dataFiles = listFiles([data]).files.length;
const env = { MARKETDASH_PROGRESS_MS: '0' };
afterAll(() => tmp.cleanup());

/**
 * Start `main --no-serve` and resolve once stderr reports at least `files` files done and at least
 * `committed` of them committed (the import writes many files per transaction: a file read is not
 * yet a file stored).
 */
function startMain(
  files: number,
  committed = 0,
): Promise<{
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}> {
  const child = spawn(
    process.execPath,
    [
      cliBin(),
      'main',
      '--no-serve',
      '--db',
      db,
      '--data',
      data,
      '--out',
      out,
    ],
    {
      env: { ...process.env, ...env },
    },
  );
  let stdout = '';
  let stderr = '';
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (res) => child.on('close', (code, signal) => res({ code, signal, stdout, stderr })),
  );
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const counts = [...stderr.matchAll(/main: import: (\d+)\/(\d+) files/g)].map((m) => Number(m[1]));
      const stored = [...stderr.matchAll(/\((\d+) committed\)/g)].map((m) => Number(m[1]));
      if (counts.length && Math.max(...counts) >= files && Math.max(0, ...stored) >= committed)
        resolve({ child, done });
    });
    done.then((r) => reject(new Error(`main ended before ${files} files: ${r.stderr.slice(-2000)}`)));
  });
}

const imported = async () => {
  const s = await DuckDbStore.open(db, { readOnly: true });
  try {
    return (await s.imports()).length;
  } finally {
    await s.close();
  }
};

describe('a killed first run, then main', () => {
  let afterKill = 0;

  it('killed (SIGKILL) part-way: some files are committed, the rest are not', async () => {
    const { child, done } = await startMain(4, 3);
    child.kill('SIGKILL');
    const r = await done;
    expect(r.signal).toBe('SIGKILL');
    afterKill = await imported();
    expect(afterKill).toBeGreaterThanOrEqual(3);
    expect(afterKill).toBeLessThan(dataFiles);
  }, 240_000);

  it('Ctrl-C (SIGINT) part-way: stops after the file in progress and says what was committed and how to resume', async () => {
    const { child, done } = await startMain(afterKill + 3);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: \d+ file\(s\) committed in this run/);
    expect(r.stderr).toContain('Resume with `marketdash main`');
    const committed = Number(/interrupted: (\d+) file/.exec(r.stderr)![1]);
    expect(await imported()).toBe(afterKill + committed);
    expect(r.stdout).not.toContain('Report:');
  }, 240_000);

  it('the next main imports only the files not imported yet, with plain progress lines, and writes the report', async () => {
    const before = await imported();
    const r = cli(['main', '--no-serve', '--db', db, '--data', data, '--out', out, '--json'], env);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const doc = json(r.stdout);
    expect(doc.import.imported).toBe(dataFiles - before);
    expect(doc.import.unchanged).toBe(before);
    expect(doc.import.failed).toBe(0);
    expect(await imported()).toBe(dataFiles);
    expect(r.stderr).toMatch(
      new RegExp(
        `main: import: ${dataFiles}/${dataFiles} files \\(100%\\), [\\d,]+ rows, [\\d,]+ rows/s, done`,
      ),
    );
    expect(r.stderr).toMatch(/ETA \d+/);
    for (const f of doc.files) expect(existsSync(f), f).toBe(true);
    expect(doc.headline).toMatch(/IWM|small/i);
  }, 300_000);

  it('on a terminal the import draws a live bar with rows/s and ETA (run under a pseudo-terminal)', () => {
    const tdb = join(tmp.dir, 'tty.duckdb');
    const cmd = `${process.execPath} ${cliBin()} import ${['IWM', 'SPY', 'QQQ'].map((x) => join(data, 'prices', `${x}.csv`)).join(' ')} --db ${tdb}`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, MARKETDASH_PROGRESS: '' },
    });
    expect(r.status, r.stdout.slice(-2000)).toBe(0);
    // How many frames the bar draws depends on how fast the files go by (it redraws at most 10 times a
    // second): one after the first file, at the latest the last one, with rows, rows/s and the ETA.
    expect(r.stdout).toMatch(/import \[[=-]+\] [123]\/3 files \| [1-9][\d,]* rows \| [\d,]+ rows\/s \| ETA /);
  }, 240_000);
});
