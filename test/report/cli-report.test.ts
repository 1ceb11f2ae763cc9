/** `marketdash report` as a command module: options → files written, one JSON document with --json. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReport } from '../../src/cli/commands/report.ts';
import { tempDir } from '../helpers/temp.ts';
import { realStore } from './helpers/store.ts';

async function run(args: string[]): Promise<string> {
  const program = new Command().exitOverride().option('--db <file>').option('--data <dir>').option('--json');
  registerReport(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    await program.parseAsync(['node', 'marketdash', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('marketdash report (command module)', () => {
  let db: string;
  let cleanup: () => Promise<void>;
  const out = tempDir('md-report-cli-');
  beforeAll(async () => {
    const s = await realStore(['prices/IWM.csv', 'prices/SPY.csv']);
    db = join(s.dir, 'store.duckdb');
    await s.store.close();
    cleanup = s.cleanup;
  });
  afterAll(async () => {
    out.cleanup();
    await cleanup();
  });

  it('--pair --as-of --out --format --json: writes the files and prints one JSON document', async () => {
    const text = await run([
      '--db',
      db,
      '--json',
      'report',
      '--pair',
      'iwm:spy',
      '--as-of',
      '2026-01-22',
      '--out',
      out.dir,
      '--format',
      'md,json',
    ]);
    const doc = JSON.parse(text);
    expect(doc.headline).toBe(
      'Small caps beat large caps for the 14th straight session, the longest run in data back to 2000',
    );
    expect(doc.files.map((f: string) => f.slice(out.dir.length + 1))).toEqual([
      'iwm-spy-2026-01-22-rs.svg',
      'iwm-spy-2026-01-22-streaks.svg',
      'iwm-spy-2026-01-22.json',
      'iwm-spy-2026-01-22.md',
    ]);
    for (const f of doc.files) expect(existsSync(f)).toBe(true);
    expect(existsSync(join(out.dir, 'iwm-spy-2026-01-22.html'))).toBe(false);
    expect(readFileSync(join(out.dir, 'iwm-spy-2026-01-22.md'), 'utf8')).toMatch(
      /^\*Small caps \(IWM\) vs large caps \(SPY\)\*\n\n# Small caps beat large caps/,
    );
  });

  it('rejects --pair with --symbol, and an unknown format', async () => {
    await expect(run(['--db', db, 'report', '--pair', 'IWM:SPY', '--symbol', 'BE'])).rejects.toThrow(
      /not both/,
    );
    await expect(run(['--db', db, 'report', '--format', 'pdf', '--out', out.dir])).rejects.toThrow(
      /unknown format 'pdf'/,
    );
  });
});
