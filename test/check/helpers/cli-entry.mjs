// Spawnable entry for CLI tests: registers tsx and runs the program of cli-program.ts with the process arguments.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./cli-program.ts');
await runCli(process.argv.slice(2));
