/**
 * Run the command tree on an argv, with the exit-code conventions: 0 ok, 1 internal error, 2 bad
 * input or usage, 3 unknown symbol/series, 4 `check --fail-on` matched, 130 interrupted. Errors go to
 * stderr (and, under --json, one JSON error document to stdout). main.ts runs it on process.argv;
 * tests run it in-process.
 */
import type { Command } from 'commander';
import { ParamError } from '../facts/params.ts';
import { UserError } from '../model/errors.ts';
import { reportError } from './output.ts';
import { activeCommand, flagNames, HelpShown, UsageError, usageLine } from './usage.ts';

export async function runProgram(program: Command, argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const json = Boolean(program.opts().json) || argv.includes('--json');
    if (e instanceof HelpShown) process.exitCode = e.exitCode;
    else if (e instanceof UsageError) reportError(e, json, e.usage);
    else if (e instanceof UserError) {
      // Errors name the flags of the command that ran (--as-of), not the API fields (asOf).
      const cmd = activeCommand();
      const named = new UserError(flagNames(e.message, cmd), e.code);
      reportError(named, json, e instanceof ParamError && cmd ? usageLine(cmd) : null);
    } else reportError(e, json);
  }
}
