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

/** Examples per command (full command path). */
export const EXAMPLES: Record<string, string[]> = {
  marketdash: [
    'marketdash main',
    'marketdash streak IWM SPY --as-of 2026-01-22',
    'marketdash perf IWM SPY --period ytd --json',
    'marketdash completion bash > ~/.local/share/bash-completion/completions/marketdash',
  ],
  'marketdash import': [
    'marketdash import ../shared/data',
    'marketdash import my/IWM.csv',
    'marketdash import my/IWM.csv --prefer',
    'marketdash import my.csv --lenient --json',
  ],
  'marketdash db': ['marketdash db info', 'marketdash db info --symbol SPY --json'],
  'marketdash db info': [
    'marketdash db info',
    'marketdash db info --symbol IWM',
    'marketdash --db other.duckdb db info --json',
  ],
  'marketdash sources': [
    'marketdash sources list IWM',
    'marketdash sources compare IWM --b aurum',
    'marketdash sources prefer IWM market-lab',
  ],
  'marketdash sources list': ['marketdash sources list IWM', 'marketdash sources list ^GSPC --json'],
  'marketdash sources compare': [
    'marketdash sources compare IWM',
    'marketdash sources compare IWM --a market-lab --b aurum --tolerance 0.002',
  ],
  'marketdash sources prefer': [
    'marketdash sources prefer IWM aurum',
    'marketdash sources prefer IWM market-lab',
  ],
  'marketdash fetch': [
    'marketdash fetch SPY --provider stooq',
    'marketdash fetch IWM SPY --provider yahoo --from 2026-01-01',
    'marketdash fetch --french F-F_Research_Data_Factors_daily',
  ],
  'marketdash perf': [
    'marketdash perf IWM SPY --period ytd --as-of 2026-01-22',
    'marketdash perf IWM SPY MAGS --from 2026-01-02 --to 2026-03-31',
  ],
  'marketdash streak': [
    'marketdash streak IWM SPY --as-of 2026-01-22',
    'marketdash streak FF.SMB --positive',
    'marketdash streak IWM SPY --direction under --min 5',
  ],
  'marketdash records': [
    'marketdash records ^GSPC --basis close',
    'marketdash records SPY --as-of 2026-01-22',
  ],
  'marketdash analogs': [
    'marketdash analogs IWM SPY --min-streak 8',
    'marketdash analogs IWM SPY --min-streak 10 --horizons 21,63',
    'marketdash analogs --episodes my-episodes.csv',
  ],
  'marketdash contributions': [
    'marketdash contributions --fund IWM --as-of 2026-05-05 --period ytd',
    'marketdash contributions --input weights.csv --weights start',
  ],
  'marketdash breadth': [
    'marketdash breadth panel --as-of 2018-02-05',
    'marketdash breadth IWM --period ytd',
  ],
  'marketdash ladder': [
    'marketdash ladder --period ytd --as-of 2026-01-22',
    'marketdash ladder --ladder french --period 1m',
  ],
  'marketdash sectors': [
    'marketdash sectors etf --period ytd',
    'marketdash sectors IWM --vs etf --period ytd',
  ],
  'marketdash volatility': [
    'marketdash volatility SPY --period 1y',
    'marketdash volatility IWM --period max --window 63',
  ],
  'marketdash levels': ['marketdash levels ^RUT', 'marketdash levels IWM --as-of 2026-01-22 --lookback 504'],
  'marketdash valuation': [
    'marketdash valuation --a "sector:Information Technology" --b all',
    'marketdash valuation --input multiples.csv',
  ],
  'marketdash flows': ['marketdash flows SPY IWM --window 5', 'marketdash flows --json'],
  'marketdash highs-lows': [
    'marketdash highs-lows panel --window 252 --as-of 2018-02-07',
    'marketdash highs-lows IWM --window 63 --sessions 5 --as-of 2026-05-05',
  ],
  'marketdash main': [
    'marketdash main',
    'marketdash main --no-serve',
    'marketdash main --port 0 --out out/reports',
  ],
  'marketdash serve': ['marketdash serve', 'marketdash serve --port 0 --host 127.0.0.1'],
  'marketdash report': [
    'marketdash report --pair IWM:SPY',
    'marketdash report --symbol BE --format md',
    'marketdash report --pair IWM:SPY --as-of 2026-01-22 --out /tmp/reports',
  ],
  'marketdash check': [
    'marketdash check article.md',
    'marketdash check article.html --as-of 2026-01-22 --fail-on contradicted',
    'cat article.md | marketdash check - --json',
  ],
  'marketdash alerts': [
    "marketdash alerts replay --when 'streak IWM SPY >= 10' --from 2000-01-01 --to 2026-08-21",
    "marketdash alerts add --when 'streak IWM SPY >= 10' --frequency once",
    'marketdash alerts run --as-of 2026-01-15',
    'marketdash alerts log',
  ],
  'marketdash alerts add': [
    "marketdash alerts add --when 'streak IWM SPY >= 10' --frequency once --name 'IWM run'",
    "marketdash alerts add --when 'cross SPY below sma200' --email me@example.com --cooldown 5 --expires 2026-12-31",
    "marketdash alerts add --when 'record * close in watchlist:mylist' --frequency every-session",
  ],
  'marketdash alerts list': ['marketdash alerts list', 'marketdash alerts list --json'],
  'marketdash alerts show': ['marketdash alerts show 1', 'marketdash alerts show 1 --json'],
  'marketdash alerts pause': ['marketdash alerts pause 1'],
  'marketdash alerts resume': ['marketdash alerts resume 1'],
  'marketdash alerts rm': ['marketdash alerts rm 1'],
  'marketdash alerts replay': [
    "marketdash alerts replay --when 'streak IWM SPY >= 10' --from 2000-01-01 --to 2026-08-21",
    "marketdash alerts replay --when 'move IWM <= -2%' --frequency every-session --from 2026-01-01 --to 2026-08-21 --json",
    "marketdash alerts replay --when 'cross SPY below sma200' --cooldown 20 --from 2010-01-01 --to 2026-08-21",
  ],
  'marketdash alerts run': ['marketdash alerts run', 'marketdash alerts run --as-of 2026-01-15 --no-deliver'],
  'marketdash alerts deliver': ['marketdash alerts deliver', 'marketdash alerts deliver --json'],
  'marketdash alerts log': ['marketdash alerts log', 'marketdash alerts log --rule 1 --limit 10 --json'],
  'marketdash alerts watchlist': [
    'marketdash alerts watchlist mylist IWM SPY ^RUT',
    'marketdash alerts watchlist mylist',
  ],
  'marketdash subscribe': [
    'marketdash subscribe --email me@example.com --symbol IWM --weekly --alerts',
    'marketdash subscribe --email me@example.com --pair IWM:SPY --weekly --combined',
    'marketdash subscribe --sms +15551234567 --rule 1 --alerts --quiet 22-7 --daily-cap 3',
  ],
  'marketdash subscriptions': ['marketdash subscriptions list', 'marketdash subscriptions rm 1'],
  'marketdash subscriptions list': ['marketdash subscriptions list', 'marketdash subscriptions list --json'],
  'marketdash subscriptions confirm': [
    'marketdash subscriptions confirm "$TOKEN"   # TOKEN: the token= part of the emailed confirmation link',
  ],
  'marketdash subscriptions rm': ['marketdash subscriptions rm 1'],
  'marketdash digest': [
    'marketdash digest --week-ending 2026-08-21 --dry-run',
    'marketdash digest --week-ending 2026-08-21',
  ],
  'marketdash scheduler': ['marketdash scheduler', 'marketdash scheduler --once'],
  'marketdash worker': [
    'marketdash worker',
    'marketdash worker --queues import --concurrency 2',
    'MARKETDASH_REDIS=redis://127.0.0.1:6380 marketdash worker --queues reports --no-schedulers',
  ],
  'marketdash jobs': [
    'marketdash jobs add import ../shared/data/prices',
    'marketdash jobs list',
    'marketdash jobs retry',
  ],
  'marketdash jobs add': ['marketdash jobs add import ../shared/data/prices', 'marketdash jobs add report --pair IWM:SPY'],
  'marketdash jobs add import': [
    'marketdash jobs add import ../shared/data/prices',
    'marketdash jobs add import ../shared/data/prices/IWM.csv --lenient',
  ],
  'marketdash jobs add report': [
    'marketdash jobs add report --pair IWM:SPY',
    'marketdash jobs add report --symbol IWM BE --out /tmp/reports',
  ],
  'marketdash jobs list': ['marketdash jobs list', 'marketdash jobs list --queues import --limit 5 --json'],
  'marketdash jobs retry': ['marketdash jobs retry', 'marketdash jobs retry --queues reports'],
  'marketdash jobs clean': [
    'marketdash jobs clean',
    'marketdash jobs clean --queues import --state failed --grace 86400',
  ],
  'marketdash completion': [
    'marketdash completion bash > ~/.local/share/bash-completion/completions/marketdash',
    'marketdash completion zsh > ~/.zfunc/_marketdash   # with fpath+=(~/.zfunc) in .zshrc',
    'marketdash completion fish > ~/.config/fish/completions/marketdash.fish',
  ],
};

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
