/**
 * The `marketdash` command line: a thin shell over the layers below. Exit codes: 0 ok, 1 internal
 * error, 2 bad input or usage, 3 unknown symbol/series, 4 `check --fail-on` matched, 130 interrupted.
 */
import { buildProgram } from './program.ts';
import { runProgram } from './run.ts';

await runProgram(buildProgram(), process.argv);
