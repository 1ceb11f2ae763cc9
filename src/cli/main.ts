/**
 * The `marketdash` command line: a thin shell over the layers below. Exit codes: 0 ok, 1 internal
 * error, 2 bad input or usage, 3 unknown symbol/series, 4 `check --fail-on` matched, 130 interrupted.
 */
import { ParamError } from '../facts/params.ts';
import { UserError } from '../model/errors.ts';
import { reportError } from './output.ts';
import { buildProgram } from './program.ts';
import { activeCommand, flagNames, HelpShown, UsageError, usageLine } from './usage.ts';

const program = buildProgram();

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const json = Boolean(program.opts().json) || process.argv.includes('--json');
  if (e instanceof HelpShown) process.exitCode = e.exitCode;
  else if (e instanceof UsageError) reportError(e, json, e.usage);
  else if (e instanceof UserError) {
    // Errors name the flags of the command that ran (--as-of), not the API fields (asOf).
    const cmd = activeCommand();
    const named = new UserError(flagNames(e.message, cmd), e.code);
    reportError(named, json, e instanceof ParamError && cmd ? usageLine(cmd) : null);
  } else reportError(e, json);
}
