/**
 * Command-line conventions, applied once to the whole commander tree (so command files stay as they
 * are): `--version`/`-V`; usage errors (unknown option or command, missing argument, bad value) exit
 * 2 with a one-line message and the command's usage line on stderr, plus a JSON error document on
 * stdout under --json; messages name flags (`--as-of`), never API fields (`asOf`); every option,
 * argument and command carries a description and examples (see help-text.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { UserError } from '../model/errors.ts';
import { PACKAGE_ROOT } from './context.ts';
import { describeTree } from './help-text.ts';

/** A usage error of one command: message and that command's usage line. */
export class UsageError extends UserError {
  constructor(
    message: string,
    readonly usage: string,
    readonly command: string,
  ) {
    super(message, 'bad_input');
    this.name = 'UsageError';
  }
}

/** Help and version requests: printed already, exit 0. */
export class HelpShown extends Error {
  constructor(readonly exitCode: number) {
    super('(help)');
  }
}

declare const __MARKETDASH_VERSION__: string | undefined;

/** The version: compiled into dist/ by scripts/build.mjs; from package.json when run from the sources. */
export function packageVersion(): string {
  if (typeof __MARKETDASH_VERSION__ === 'string') return __MARKETDASH_VERSION__;
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `marketdash sources compare`: the command's full name. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function usageLine(cmd: Command): string {
  return `usage: ${commandPath(cmd)} ${cmd.usage()}`.trimEnd();
}

export function allCommands(root: Command): Command[] {
  const out: Command[] = [];
  const walk = (c: Command) => {
    out.push(c);
    for (const s of c.commands) walk(s);
  };
  walk(root);
  return out;
}

/** The command that is running (set before its action), for naming flags in its errors. */
let active: Command | null = null;

export function activeCommand(): Command | null {
  return active;
}

/**
 * Rewrite API field names in a message to the flags of `cmd` (and its parents): `asOf` → `--as-of`,
 * `minStreak: …` → `--min-streak: …`; a parameter that is an argument becomes `<symbols>`.
 */
export function flagNames(message: string, cmd: Command | null): string {
  if (!cmd) return message;
  const map = new Map<string, string>();
  for (let c: Command | null = cmd; c; c = c.parent) {
    for (const o of c.options)
      if (o.long && !o.negate && !map.has(o.attributeName())) map.set(o.attributeName(), o.long);
    for (const a of c.registeredArguments) if (!map.has(a.name())) map.set(a.name(), `<${a.name()}>`);
  }
  let out = message;
  for (const [attr, flag] of map) {
    const esc = attr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // camelCase names are unambiguous anywhere; plain words only where a message names a field ("period: …").
    const re = /[A-Z]/.test(attr)
      ? new RegExp(`(?<![\\w-])${esc}(?![\\w-])`, 'g')
      : new RegExp(`(^|; )${esc}(?=:)`, 'g');
    out = out.replace(re, (m, lead?: string) =>
      typeof lead === 'string' && m.startsWith(lead) ? `${lead}${flag}` : flag,
    );
  }
  return out;
}

/** Install the conventions on every command of the tree (call after all commands are registered). */
export function applyConventions(program: Command): void {
  program.version(packageVersion(), '-V, --version', 'print the version and exit');
  describeTree(program);
  for (const cmd of allCommands(program)) {
    cmd.showHelpAfterError(false);
    cmd.configureOutput({ outputError: () => {} });
    cmd.exitOverride((err: CommanderError) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') throw new HelpShown(0);
      if (err.code === 'commander.help')
        throw new UsageError(
          `${commandPath(cmd)} needs a subcommand (shown above)`,
          usageLine(cmd),
          commandPath(cmd),
        );
      const msg = err.message.replace(/^error: /, '');
      throw new UsageError(msg, usageLine(cmd), commandPath(cmd));
    });
  }
  program.hook('preAction', (_root, actionCommand) => {
    active = actionCommand;
  });
}

export { CommanderError };
