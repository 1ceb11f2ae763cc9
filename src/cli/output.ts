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

export function reportError(e: unknown, json: boolean): void {
  const message = e instanceof Error ? e.message : String(e);
  const code = e instanceof UserError ? e.code : 'internal';
  if (json) printJson({ error: { code, message } });
  else process.stderr.write(`error: ${message}\n`);
  if (!(e instanceof UserError) && process.env.MARKETDASH_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = exitCodeFor(e);
}
