/**
 * A capability is the unit of MarketDash: one descriptor (src/capabilities/<name>.ts) holds the
 * parameter schema, the facts function, the human renderer and the summary. The CLI command, the
 * GET /api/<name> endpoint and its OpenAPI entry, the bench case and the shared contract test are
 * all generated from the descriptors listed in registry.ts. To add one: write the file, add one
 * line to registry.ts, add one test with hand-checked values.
 */
import type { z } from 'zod';
import type { MarketStore } from '../store/store.ts';

// biome-ignore lint/suspicious/noExplicitAny: schemas differ per capability
export type ParamsSchema = z.ZodObject<any>;

/** A positional CLI argument, filled from one schema field. */
export interface CliArg {
  field: string;
  /** `<symbols...>`: the rest of the arguments, as a list. */
  variadic?: boolean;
  /** `[b]`: may be left out. */
  optional?: boolean;
  help?: string;
}

/** A CLI mode that reads a user's file instead of the store (e.g. `analogs --episodes FILE`). */
export interface FileMode<R> {
  /** The option's field name in commander's parsed options, e.g. `episodes` for `--episodes <file>`. */
  option: string;
  flags: string;
  help: string;
  run(text: string, path: string, opts: Record<string, unknown>): R;
}

export interface Capability<R = unknown> {
  /** CLI command name and API path segment (/api/<name>). */
  name: string;
  /** One line: the API summary and the bench label. */
  summary: string;
  /** The CLI description (defaults to the summary). */
  description?: string;
  params: ParamsSchema;
  /** Schema fields given as positional CLI arguments, in order. Every other field is an option. */
  args?: CliArg[];
  /**
   * Help text per option field (CLI); the schema gives names, defaults and validation. Flags with a
   * shared meaning (--as-of, --min-streak) take the shared text of cli/help-text.ts instead.
   */
  help?: Record<string, string>;
  /** CLI flags that are not schema fields, mapped in `fromCli` (e.g. `--negative`). */
  extraFlags?: { flags: string; help: string }[];
  /** Adapt the CLI's parsed options before validation (after positional arguments are set). */
  fromCli?(raw: Record<string, unknown>): Record<string, unknown>;
  fileModes?: FileMode<R>[];
  /** The computation: validates `raw` with `params`, reads the store, returns the JSON document. */
  facts(store: MarketStore, raw: unknown): Promise<R>;
  /** Human rendering for the terminal (the JSON is the document itself). */
  render(r: R): string;
  /** Examples for the contract test and the bench (API query strings, as a URL would carry them). */
  examples: {
    /** A valid query on the test store (the contract test runs it through the CLI and the API). */
    contract: Record<string, string>;
    /** The field that names a symbol, fund or universe (unknown-symbol case); null when none. */
    symbolField: string | null;
    /** Bench: queries on the full data; `slow` ones get fewer repetitions. */
    bench?: { query: Record<string, string>; slow?: boolean }[];
  };
}

/** Formula and notes of a result's provenance, for the human renderings. */
export const notes = (p: { formula?: string; notes?: string[] } | undefined): string =>
  p ? [`formula: ${p.formula}`, ...(p.notes ?? []).map((n) => `note: ${n}`)].join('\n') : '';

/** Identity with the types checked: `export default capability({...})`. */
export function capability<R>(c: Capability<R>): Capability<R> {
  return c;
}

/** Options shared by the period-based capabilities. */
export const PERIOD_HELP: Record<string, string> = {
  period: 'ytd|mtd|qtd|1w|1m|3m|6m|1y|3y|5y|max',
  from: 'period start (base = last close before it)',
  to: 'period end',
};
