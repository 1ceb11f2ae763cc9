/**
 * Scenario (issue 16): CLI conventions as a new user meets them. Before: no --version; an unknown
 * option printed the whole help and exited 1 (and nothing on stdout under --json); errors named API
 * fields (asOf, minStreak); a Saturday --as-of said only "not a session"; a mistyped --db silently
 * created an empty store; `db info` on a CSV file "worked"; import failures went to stdout.
 * The commands run in-process (`cliInProcess`: same tree, stdout, stderr and exit codes as the bin),
 * except one real process per tree, where the exit code is the process's own: `--version` (the
 * whole tree) and an unknown option to `streak` (the lean tree of a fact command).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionScript } from '../../src/cli/completion.ts';
import { EXAMPLES } from '../../src/cli/help-text.ts';
import { buildProgram } from '../../src/cli/program.ts';
import { allCommands, commandPath } from '../../src/cli/usage.ts';
import { copySharedStore } from '../helpers/shared-store.ts';
import { DATA_DIR, REPO_ROOT, tempDir } from '../helpers/temp.ts';
import { cli, cliInProcess, json } from './run-cli.ts';

const tmp = tempDir('md-usage-');
const db = join(tmp.dir, 'small.duckdb');
const version = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version as string;

beforeAll(async () => {
  await copySharedStore(['prices/IWM.csv', 'prices/SPY.csv'], db);
}, 120_000);
afterAll(() => tmp.cleanup());

const lines = (s: string) => s.trimEnd().split('\n');

describe('version and usage errors', () => {
  it('--version and -V print the package version, exit 0', async () => {
    for (const [flag, run] of [
      ['--version', cli], // a real process: exit code and stdout of the whole tree
      ['-V', cliInProcess],
    ] as const) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });

  it('an unknown option: exit 2, one-line message and the usage line on stderr, nothing on stdout', () => {
    const r = cli(['streak', 'IWM', 'SPY', '--bogus', '--db', db]); // a real process: the lean tree's exit code
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      "error: unknown option '--bogus'",
      'usage: marketdash streak [options] <a> [b]',
    ]);
  });

  it('the same under --json: a JSON error document on stdout, the message on stderr', async () => {
    const r = await cliInProcess(['streak', 'IWM', 'SPY', '--bogus', '--json', '--db', db]);
    expect(r.code).toBe(2);
    expect(json(r.stdout)).toEqual({
      error: {
        code: 'bad_input',
        message: "unknown option '--bogus'",
        usage: 'usage: marketdash streak [options] <a> [b]',
      },
    });
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('a missing argument and an unknown command exit 2 with the usage line', async () => {
    const m = await cliInProcess(['perf', '--db', db]);
    expect(m.code).toBe(2);
    expect(lines(m.stderr)).toEqual([
      "error: missing required argument 'symbols'",
      'usage: marketdash perf [options] <symbols...>',
    ]);
    const u = await cliInProcess(['streek', 'IWM']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/unknown command 'streek'/);
  });

  it('a bad value names the flag (--min-streak), shows what was given, and the usage line', async () => {
    const r = await cliInProcess(['analogs', 'IWM', 'SPY', '--min-streak', 'x', '--db', db]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      "error: --min-streak: expected a number, got 'x'",
      'usage: marketdash analogs [options] [a] [b]',
    ]);
    expect(r.stderr).not.toMatch(/minStreak/);
    const p = await cliInProcess(['perf', 'IWM', '--period', 'yy', '--db', db]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/^error: --period: /);
  });

  it('a Saturday --as-of names the flag and the sessions before and after it', async () => {
    const dates = readFileSync(join(DATA_DIR, 'prices', 'IWM.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.slice(0, 10));
    const before = dates.filter((d) => d < '2026-01-24').pop();
    const after = dates.find((d) => d > '2026-01-24');
    expect([before, after]).toEqual(['2026-01-23', '2026-01-26']); // Friday and Monday
    for (const args of [
      ['streak', 'IWM', 'SPY'],
      ['perf', 'IWM', 'SPY'],
      ['records', 'IWM'],
    ]) {
      const r = await cliInProcess([...args, '--as-of', '2026-01-24', '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: --as-of 2026-01-24 is not a session/);
      expect(r.stderr).toContain(`sessions before and after: ${before}, ${after}`);
      expect(r.stderr).not.toMatch(/asOf/);
    }
  });
});

describe('read commands never create a store', () => {
  it('a mistyped --db: exit 2 naming the path and --db; no file or folder is created', async () => {
    const missing = join(tmp.dir, 'typo', 'nope.duckdb');
    for (const args of [
      ['db', 'info'],
      ['streak', 'IWM', 'SPY'],
      ['sources', 'list', 'IWM'],
    ]) {
      const r = await cliInProcess([...args, '--db', missing]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`no store at ${missing} (from --db)`);
    }
    expect(existsSync(join(tmp.dir, 'typo'))).toBe(false);
  });

  it('db info on a CSV file: exit 2 "not a DuckDB store", the file unchanged', async () => {
    const csv = tmp.write('prices.csv', 'date,close\n2026-01-02,1\n');
    const r = await cliInProcess(['db', 'info', '--db', csv, '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).error.message).toMatch(/is not a DuckDB store \(it starts 'date,close/);
    expect(readFileSync(csv, 'utf8')).toBe('date,close\n2026-01-02,1\n');
  });

  it('import failures go to stderr; stdout keeps the summary', async () => {
    const bad = tmp.write(
      'bad/ABC.csv',
      'date,open,high,low,close,volume\n2026-01-02,1,2,0.5,1.5,10\n2026-01-05,1,2\n',
    );
    const r = await cliInProcess(['import', bad, '--db', join(tmp.dir, 'w.duckdb')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ABC\.csv:3: /);
    expect(r.stdout).not.toMatch(/ABC\.csv:3: /);
    expect(r.stdout).toMatch(/1 failed/);
  });
});

describe('help: every command, option and argument described, every command with examples', () => {
  const program = buildProgram();
  it('descriptions and examples throughout the command tree', () => {
    const missing: string[] = [];
    for (const c of allCommands(program)) {
      const p = commandPath(c);
      if (!c.description()) missing.push(`${p}: no description`);
      if (!EXAMPLES[p]?.length) missing.push(`${p}: no examples`);
      for (const o of c.options) if (!o.description) missing.push(`${p} ${o.flags}: no description`);
      for (const a of c.registeredArguments)
        if (!a.description) missing.push(`${p} <${a.name()}>: no description`);
    }
    expect(missing).toEqual([]);
  });

  it('streak --help shows --as-of described and an example', async () => {
    const r = await cliInProcess(['streak', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--as-of <date>\s+use data up to and including this session/);
    expect(r.stdout).toContain('Examples:\n  $ marketdash streak IWM SPY --as-of 2026-01-22');
  });
});

describe('shell completion from the command tree', () => {
  const program = buildProgram();
  const complete = (line: string[]) => {
    const script = completionScript(program, 'bash');
    const words = line.map((w) => `'${w}'`).join(' ');
    const r = spawnSync(
      'bash',
      [
        '-c',
        `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _marketdash; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim().split('\n').filter(Boolean);
  };

  it('bash completes commands, subcommands and each command’s own flags', () => {
    expect(complete(['marketdash', 'st'])).toEqual(['streak']);
    expect(complete(['marketdash', 'sources', ''])).toEqual(
      expect.arrayContaining(['list', 'compare', 'prefer']),
    );
    expect(complete(['marketdash', 'sources', 'compare', 'IWM', '--t'])).toEqual(['--tolerance']);
    expect(complete(['marketdash', 'analogs', 'IWM', 'SPY', '--min'])).toEqual(['--min-streak']);
    expect(complete(['marketdash', 'import', '--pre'])).toEqual(['--prefer']);
  });

  it('the CLI prints the scripts; an unknown shell is a usage error', async () => {
    for (const sh of ['bash', 'zsh', 'fish']) {
      const r = await cliInProcess(['completion', sh]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('streak');
      expect(r.stdout).toContain(sh === 'fish' ? '-l min-streak' : '--min-streak');
    }
    const bad = await cliInProcess(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/<shell> must be bash, zsh or fish/);
  });

  for (const sh of ['zsh', 'fish'] as const) {
    const bin = `/usr/bin/${sh}`;
    it.skipIf(!existsSync(bin))(`${sh} parses the generated script (${sh} -n)`, () => {
      const file = tmp.write(`completion.${sh}`, completionScript(program, sh));
      const r = spawnSync(bin, ['-n', file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    });
  }

  it.skipIf(!existsSync('/usr/bin/fish'))('fish completes subcommands and flags', () => {
    const script = completionScript(program, 'fish');
    const run = (line: string) =>
      spawnSync('/usr/bin/fish', ['-c', `${script}\ncomplete -C '${line}'`], { encoding: 'utf8' })
        .stdout.split('\n')
        .map((l) => l.split('\t')[0]);
    expect(run('marketdash sources ')).toEqual(expect.arrayContaining(['list', 'compare', 'prefer']));
    expect(run('marketdash analogs --min')).toEqual(expect.arrayContaining(['--min-streak']));
  });
});
