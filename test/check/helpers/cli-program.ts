/**
 * The CLI as src/cli/main.ts builds it, plus `check` (main.ts registers it once the lead wires it in),
 * so the command can be tested as users run it.
 */
import { Command } from 'commander';
import { registerCheck } from '../../../src/cli/commands/check.ts';
import { registerImport } from '../../../src/cli/commands/import.ts';
import { reportError } from '../../../src/cli/output.ts';

export async function runCli(argv: string[]): Promise<void> {
  const program = new Command();
  program.name('marketdash').option('--db <file>').option('--data <dir>').option('--json').exitOverride();
  registerImport(program);
  registerCheck(program);
  try {
    await program.parseAsync(['node', 'marketdash', ...argv]);
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('commander.')) {
      process.exitCode = 2;
      return;
    }
    reportError(e, argv.includes('--json'));
  }
}
