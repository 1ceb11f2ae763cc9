/**
 * Output conventions: with --json, exactly one JSON document on stdout and nothing else there;
 * otherwise human text. Errors go to stderr (or, with --json, as {"error": ...} on stdout) and set a
 * non-zero exit code. User errors never print a stack trace.
 */
import { toJson } from '../format/json.ts';
import { table } from '../format/table.ts';
import { UserError } from '../model/errors.ts';

export { table, toJson };

export function printJson(doc: unknown): void {
  process.stdout.write(`${toJson(doc)}\n`);
}

export function exitCodeFor(e: unknown): number {
  if (e instanceof UserError) return e.code === 'not_found' ? 3 : 2;
  return 1;
}

/**
 * Print an error: one line on stderr (plus the command's usage line for a usage error), and under
 * --json also {"error": {code, message[, usage]}} on stdout. `usage`: the usage line, when the error
 * is about how the command was called.
 */
export function reportError(e: unknown, json: boolean, usage: string | null = null): void {
  const message = e instanceof Error ? e.message : String(e);
  const code = e instanceof UserError ? e.code : 'internal';
  if (json) printJson({ error: { code, message, ...(usage ? { usage } : {}) } });
  process.stderr.write(`error: ${message}\n${usage ? `${usage}\n` : ''}`);
  if (!(e instanceof UserError) && process.env.MARKETDASH_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = exitCodeFor(e);
}
