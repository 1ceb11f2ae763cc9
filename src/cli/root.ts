/** The root of the `marketdash` command tree: name, description and the global options every command shares. */
import { Command } from 'commander';

export function rootCommand(): Command {
  return new Command()
    .name('marketdash')
    .description('Market facts done right, from real daily data, with provenance.')
    .option(
      '--db <file|url>',
      'DuckDB store file or postgres://user@host:5432/db (env MARKETDASH_DB; default .marketdash/marketdash.duckdb in the project)',
    )
    .option('--data <dir>', 'data folder (env MARKETDASH_DATA; default ../shared/data beside the project)')
    .option('--json', 'print one JSON document on stdout and nothing else there');
}

/**
 * The command an argv runs (the first word after the global options), or null when it cannot be
 * told without the whole tree (a global flag such as --help or --version, or nothing).
 */
export function commandOf(args: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--db' || a === '--data') i++;
    else if (a === '--json' || a.startsWith('--db=') || a.startsWith('--data=')) continue;
    else return a.startsWith('-') ? null : a;
  }
  return null;
}
