/**
 * The `marketdash` command line: a thin shell over the layers below. Exit codes: 0 ok, 1 internal
 * error, 2 bad input or usage, 3 unknown symbol/series, 4 `check --fail-on` matched, 130 interrupted.
 */
import { CAPABILITIES } from '../capabilities/registry.ts';
import { commandOf } from './root.ts';
import { runProgram } from './run.ts';

// A fact command or report builds only its part of the tree: no other command's code is loaded.
const name = commandOf(process.argv.slice(2));
const program =
  name !== null && (CAPABILITIES.some((c) => c.name === name) || name === 'report')
    ? (await import('./facts-program.ts')).buildFactsProgram(name)
    : (await import('./program.ts')).buildProgram();
await runProgram(program, process.argv);
