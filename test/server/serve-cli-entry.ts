/**
 * Test entry: the `marketdash` program with its global options and only the serve command, as
 * src/cli/main.ts registers it (run with `node --import tsx`).
 */
import { Command } from 'commander';
import { registerServe } from '../../src/cli/commands/serve.ts';
import { reportError } from '../../src/cli/output.ts';

const program = new Command();
program.name('marketdash').option('--db <file>').option('--data <dir>').option('--json');
registerServe(program);
try {
  await program.parseAsync(process.argv);
} catch (e) {
  reportError(e, process.argv.includes('--json'));
}
