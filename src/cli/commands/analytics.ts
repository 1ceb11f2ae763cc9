/**
 * The analytics commands, generated from the capability registry: positional arguments and
 * `--kebab-case` options come from each capability's parameter schema (defaults shown from it),
 * the facts function computes, and the output is the JSON document (--json) or the capability's
 * human rendering.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CAPABILITIES } from '../../capabilities/registry.ts';
import type { Capability } from '../../capabilities/types.ts';
import { UserError } from '../../model/errors.ts';
import type { MarketStore } from '../../store/store.ts';
import { type GlobalOptions, withStore } from '../context.ts';
import { sharedOptionText } from '../help-text.ts';
import { printJson } from '../output.ts';

type Opts = Record<string, unknown>;
export type StoreRunner = <T>(g: GlobalOptions, fn: (store: MarketStore) => Promise<T>) => Promise<T>;

const kebab = (field: string) => field.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

function readUserFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'not_found');
  }
}

/** A schema field that takes no value: it accepts `true` and rejects a word and a number. */
function isFlag(cap: Capability<never>, field: string): boolean {
  const f = cap.params.shape[field];
  return f.safeParse(true).success && !f.safeParse('zzz').success && !f.safeParse('2').success;
}

/** The default the schema fills in when the field is left out, for the help text. */
function defaultOf(cap: Capability<never>, field: string): string | undefined {
  const r = cap.params.shape[field].safeParse(undefined);
  if (!r.success || r.data === undefined) return undefined;
  return Array.isArray(r.data) ? r.data.join(',') : String(r.data);
}

/** The raw parameters of one invocation: positional arguments and options, by schema field name. */
export function cliParams(cap: Capability<never>, positional: unknown[], o: Opts): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (o[k] !== undefined) raw[k] = o[k];
  (cap.args ?? []).forEach((a, i) => {
    const v = positional[i];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0 && a.optional)) raw[a.field] = v;
  });
  for (const m of cap.fileModes ?? []) delete raw[m.option];
  return cap.fromCli ? cap.fromCli(raw) : raw;
}

function register(program: Command, cap: Capability<never>, run: StoreRunner): void {
  const cmd = program.command(cap.name).description(cap.description ?? cap.summary);
  const argFields = new Set((cap.args ?? []).map((a) => a.field));
  for (const a of cap.args ?? []) {
    const name = `${a.field}${a.variadic ? '...' : ''}`;
    cmd.argument(a.optional ? `[${name}]` : `<${name}>`, a.help);
  }
  for (const field of Object.keys(cap.params.shape)) {
    if (argFields.has(field)) continue;
    // A flag with a shared meaning (--as-of) reads the same in every command (help-text.ts).
    const help = sharedOptionText(`--${kebab(field)}`) ?? cap.help?.[field] ?? '';
    if (isFlag(cap, field)) {
      cmd.option(`--${kebab(field)}`, help);
      continue;
    }
    const d = defaultOf(cap, field);
    const meta = ['asOf', 'from', 'to'].includes(field) ? 'date' : kebab(field);
    cmd.option(`--${kebab(field)} <${meta}>`, d === undefined ? help : `${help} (default: ${d})`.trim());
  }
  for (const x of cap.extraFlags ?? []) cmd.option(x.flags, x.help);
  for (const m of cap.fileModes ?? []) cmd.option(m.flags, m.help);
  cmd.action(async (...all: unknown[]) => {
    const c = all[all.length - 1] as Command;
    const o = all[all.length - 2] as Opts;
    const g = c.optsWithGlobals() as GlobalOptions;
    const file = (cap.fileModes ?? []).find((m) => o[m.option] !== undefined);
    const result = file
      ? file.run(readUserFile(String(o[file.option])), String(o[file.option]), o)
      : await run(g, (store) => cap.facts(store, cliParams(cap, all.slice(0, -2), o)));
    if (g.json) printJson(result);
    else process.stdout.write(`${cap.render(result as never)}\n`);
  });
}

/** Register one command per capability. `run` opens the store (tests pass one that reuses theirs). */
export function registerAnalytics(
  program: Command,
  run: StoreRunner = (g, fn) => withStore(g, fn),
): void {
  for (const cap of CAPABILITIES) register(program, cap, run);
}
