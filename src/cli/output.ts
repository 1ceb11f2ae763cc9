/**
 * Output conventions: with --json, exactly one JSON document on stdout and nothing else there;
 * otherwise human text. Errors go to stderr (or, with --json, as {"error": ...} on stdout) and set a
 * non-zero exit code. User errors never print a stack trace.
 */
import { toJson } from '../format/json.ts';
import { UserError } from '../model/errors.ts';

export { toJson };

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

/** Format a table of rows as aligned plain text. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  const numeric = headers.map((_, i) => rows.every((r) => r[i] === null || typeof r[i] === 'number' || /^[-+]?[\d,.]+%?$/.test(String(r[i]))));
  return cells
    .map((r, ri) =>
      r.map((c, i) => (numeric[i] && ri > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd(),
    )
    .join('\n');
}
