/**
 * Help text the command files leave out: a description for every option and argument that has none
 * (by flag or argument name, the same meaning everywhere), and examples for every command, shown
 * at the end of its --help. Applied to the whole commander tree by usage.ts; the analytics commands
 * generated from the capabilities take the shared option texts from here too (sharedOptionText).
 */
import type { Command } from 'commander';

/** Descriptions of options by long flag, used where a command gives none. */
const OPTION_TEXT: Record<string, string> = {
  '--as-of':
    'use data up to and including this session (YYYY-MM-DD; a non-session names the sessions around it)',
  '--min-streak': 'streak length in sessions that defines an episode',
};

/**
 * The shared description of a flag (`--as-of`), or undefined. The capability generator uses it
 * before a capability's own `help`, so a flag reads the same in every command.
 */
export function sharedOptionText(long: string): string | undefined {
  return Object.hasOwn(OPTION_TEXT, long) ? OPTION_TEXT[long] : undefined;
}

/** Descriptions of arguments by name, used where a command gives none. */
const ARGUMENT_TEXT: Record<string, string> = {
  a: 'first symbol or series (e.g. IWM, ^RUT, FF.SMB)',
  b: 'second symbol or series, the benchmark (e.g. SPY)',
  symbol: 'a symbol or series (e.g. SPY, ^GSPC)',
  symbols: 'one or more symbols or series',
  universe: "'panel' (the 5-year S&P 500 panel) or a fund with stored holdings (e.g. IWM)",
  funds: 'funds with an imported flows file (default: all)',
  source: 'a source name as `sources list` shows it (e.g. market-lab, aurum)',
  paths: 'files or folders (recursive)',
  shell: 'bash, zsh or fish',
};

/** Descriptions of commands that have none. */
const COMMAND_TEXT: Record<string, string> = {
  'marketdash sources list': 'list the price sources stored for a symbol, the preferred one first',
  'marketdash sources compare': 'dates where two sources of a symbol disagree beyond a tolerance',
};

/**
 * Examples per command, as the words after `marketdash <command>` (command path without the program
 * name; '' is the program itself and '' as an example is the bare command). An example that does not
 * start with its command (a pipe, an environment variable, a global option) is written out whole
 * after a '!'.
 */
const EXAMPLE_ARGS: Record<string, string[]> = {
  '': [
    'main',
    'streak IWM SPY --as-of 2026-01-22',
    'perf IWM SPY --period ytd --json',
    'completion bash > ~/.local/share/bash-completion/completions/marketdash',
  ],
  import: ['../shared/data', 'my/IWM.csv', 'my/IWM.csv --prefer', 'my.csv --lenient --json'],
  db: ['info', 'info --symbol SPY --json'],
  'db info': ['', '--symbol IWM', '!marketdash --db other.duckdb db info --json'],
  sources: ['list IWM', 'compare IWM --b aurum', 'prefer IWM market-lab'],
  'sources list': ['IWM', '^GSPC --json'],
  'sources compare': ['IWM', 'IWM --a market-lab --b aurum --tolerance 0.002'],
  'sources prefer': ['IWM aurum', 'IWM market-lab'],
  fetch: [
    'SPY --provider stooq',
    'IWM SPY --provider yahoo --from 2026-01-01',
    '--french F-F_Research_Data_Factors_daily',
  ],
  perf: ['IWM SPY --period ytd --as-of 2026-01-22', 'IWM SPY MAGS --from 2026-01-02 --to 2026-03-31'],
  streak: ['IWM SPY --as-of 2026-01-22', 'FF.SMB --positive', 'IWM SPY --direction under --min 5'],
  records: ['^GSPC --basis close', 'SPY --as-of 2026-01-22'],
  analogs: [
    'IWM SPY --min-streak 8',
    'IWM SPY --min-streak 10 --horizons 21,63',
    '--episodes my-episodes.csv',
  ],
  contributions: ['--fund IWM --as-of 2026-05-05 --period ytd', '--input weights.csv --weights start'],
  breadth: ['panel --as-of 2018-02-05', 'IWM --period ytd'],
  ladder: ['--period ytd --as-of 2026-01-22', '--ladder french --period 1m'],
  sectors: ['etf --period ytd', 'IWM --vs etf --period ytd'],
  volatility: ['SPY --period 1y', 'IWM --period max --window 63'],
  levels: ['^RUT', 'IWM --as-of 2026-01-22 --lookback 504'],
  valuation: ['--a "sector:Information Technology" --b all', '--input multiples.csv'],
  flows: ['SPY IWM --window 5', '--json'],
  'highs-lows': ['panel --window 252 --as-of 2018-02-07', 'IWM --window 63 --sessions 5 --as-of 2026-05-05'],
  main: ['', '--no-serve', '--port 0 --out out/reports'],
  serve: ['', '--port 0 --host 127.0.0.1'],
  report: [
    '--pair IWM:SPY',
    '--symbol BE --format md',
    '--pair IWM:SPY --as-of 2026-01-22 --out /tmp/reports',
  ],
  check: [
    'article.md',
    'article.html --as-of 2026-01-22 --fail-on contradicted',
    '!cat article.md | marketdash check - --json',
  ],
  alerts: [
    "replay --when 'streak IWM SPY >= 10' --from 2000-01-01 --to 2026-08-21",
    "add --when 'streak IWM SPY >= 10' --frequency once",
    'run --as-of 2026-01-15',
    'log',
  ],
  'alerts add': [
    "--when 'streak IWM SPY >= 10' --frequency once --name 'IWM run'",
    "--when 'cross SPY below sma200' --email me@example.com --cooldown 5 --expires 2026-12-31",
    "--when 'record * close in watchlist:mylist' --frequency every-session",
  ],
  'alerts list': ['', '--json'],
  'alerts show': ['1', '1 --json'],
  'alerts pause': ['1'],
  'alerts resume': ['1'],
  'alerts rm': ['1'],
  'alerts replay': [
    "--when 'streak IWM SPY >= 10' --from 2000-01-01 --to 2026-08-21",
    "--when 'move IWM <= -2%' --frequency every-session --from 2026-01-01 --to 2026-08-21 --json",
    "--when 'cross SPY below sma200' --cooldown 20 --from 2010-01-01 --to 2026-08-21",
  ],
  'alerts run': ['', '--as-of 2026-01-15 --no-deliver'],
  'alerts deliver': ['', '--json'],
  'alerts log': ['', '--rule 1 --limit 10 --json'],
  'alerts watchlist': ['mylist IWM SPY ^RUT', 'mylist'],
  subscribe: [
    '--email me@example.com --symbol IWM --weekly --alerts',
    '--email me@example.com --pair IWM:SPY --weekly --combined',
    '--sms +15551234567 --rule 1 --alerts --quiet 22-7 --daily-cap 3',
  ],
  subscriptions: ['list', 'rm 1'],
  'subscriptions list': ['', '--json'],
  'subscriptions confirm': ['"$TOKEN"   # TOKEN: the token= part of the emailed confirmation link'],
  'subscriptions rm': ['1'],
  digest: ['--week-ending 2026-08-21 --dry-run', '--week-ending 2026-08-21'],
  scheduler: ['', '--once'],
  worker: [
    '',
    '--queues import --concurrency 2',
    '!MARKETDASH_REDIS=redis://127.0.0.1:6380 marketdash worker --queues reports --no-schedulers',
  ],
  jobs: ['add import ../shared/data/prices', 'list', 'retry'],
  'jobs add': ['import ../shared/data/prices', 'report --pair IWM:SPY', 'alert --as-of 2026-01-15'],
  'jobs add import': ['../shared/data/prices', '../shared/data/prices/IWM.csv --lenient'],
  'jobs add report': ['--pair IWM:SPY', '--symbol IWM BE --out /tmp/reports'],
  'jobs add alert': ['--as-of 2026-01-15', '--as-of 2026-01-15 --rule 3 4'],
  'jobs list': ['', '--queues import --limit 5 --json'],
  'jobs retry': ['', '--queues reports'],
  'jobs clean': ['', '--queues import --state failed --grace 86400'],
  completion: [
    'bash > ~/.local/share/bash-completion/completions/marketdash',
    'zsh > ~/.zfunc/_marketdash   # with fpath+=(~/.zfunc) in .zshrc',
    'fish > ~/.config/fish/completions/marketdash.fish',
  ],
};

/** Examples per command (full command path), generated from EXAMPLE_ARGS. */
export const EXAMPLES: Record<string, string[]> = Object.fromEntries(
  Object.entries(EXAMPLE_ARGS).map(([cmd, args]) => {
    const prefix = cmd ? `marketdash ${cmd}` : 'marketdash';
    return [prefix, args.map((x) => (x.startsWith('!') ? x.slice(1) : x ? `${prefix} ${x}` : prefix))];
  }),
);

function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Fill in missing descriptions and add the examples, for every command of the tree. */
export function describeTree(root: Command): void {
  const walk = (cmd: Command) => {
    const path = pathOf(cmd);
    if (!cmd.description() && COMMAND_TEXT[path]) cmd.description(COMMAND_TEXT[path]);
    for (const o of cmd.options)
      if (!o.description && o.long && OPTION_TEXT[o.long]) o.description = OPTION_TEXT[o.long];
    for (const a of cmd.registeredArguments)
      if (!a.description && ARGUMENT_TEXT[a.name()]) a.description = ARGUMENT_TEXT[a.name()];
    const ex = EXAMPLES[path];
    if (ex) cmd.addHelpText('after', `\nExamples:\n${ex.map((e) => `  $ ${e}`).join('\n')}\n`);
    for (const s of cmd.commands) walk(s);
  };
  walk(root);
}
