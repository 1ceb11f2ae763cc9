/**
 * `marketdash check <file|-> [--as-of D] [--format text|markdown|html] [--aliases FILE] [--fail-on contradicted]`:
 * find the claims of an article, check each against the stored data and against the article itself.
 * Input: a file or stdin (`-`), at most 2 MB of UTF-8 text (binary is rejected with a clear error).
 * Exit codes: 0 checked (whatever the verdicts), 4 with `--fail-on contradicted` when a claim is
 * contradicted, 2 bad input, 1 internal error.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { decodeInputBytes, MAX_INPUT_BYTES } from '../../check/limits.ts';
import { UserError } from '../../model/errors.ts';
import { type GlobalOptions, withStore } from '../context.ts';
import { printJson } from '../output.ts';

interface CheckOpts {
  asOf?: string;
  format?: string;
  aliases?: string;
  failOn?: string;
}

/** Reads stdin up to `max` bytes; more is an error (never buffered whole). */
async function readStdin(max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    n += b.length;
    if (n > max)
      throw new UserError(
        `stdin is over the ${max.toLocaleString('en-US')}-byte limit: check the article in parts`,
      );
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function readFileLimited(path: string, max: number): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new UserError(`${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (size > max)
    throw new UserError(
      `${path} is ${size.toLocaleString('en-US')} bytes, over the ${max.toLocaleString('en-US')}-byte limit: check it in parts`,
    );
  return readFileSync(path);
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'check the factual claims of an article (text, Markdown or HTML) against the data and against itself',
    )
    .argument('<file>', "the article, or '-' for stdin")
    .option(
      '--as-of <date>',
      'as-of date YYYY-MM-DD for relative periods (default: "as of <date>" in the text, else the dateline)',
    )
    .option('--format <format>', 'text, markdown or html (default: detected)')
    .option(
      '--aliases <file>',
      'JSON alias table: {"name": "SYMBOL" | ["SYMBOL", "FALLBACK"]} or [{names, symbols}]',
    )
    .option('--fail-on <verdict>', "exit with code 4 when a claim has this verdict (only 'contradicted')")
    .action(async (file: string, opts: CheckOpts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      if (opts.failOn !== undefined && opts.failOn !== 'contradicted')
        throw new UserError(`--fail-on accepts only 'contradicted', got '${opts.failOn}'`);
      if (opts.format !== undefined && !['text', 'markdown', 'html'].includes(opts.format))
        throw new UserError(`--format must be text, markdown or html, got '${opts.format}'`);
      const bytes = file === '-' ? await readStdin(MAX_INPUT_BYTES) : readFileLimited(file, MAX_INPUT_BYTES);
      const text = decodeInputBytes(bytes, file === '-' ? 'stdin' : file);
      // The checker loads for this command only.
      const { checkArticle, checkResultJson, parseAliasFile, renderCheckResult, storeCheckData } = await import('../../check/index.ts');
      const aliases = opts.aliases
        ? parseAliasFile(new TextDecoder().decode(readFileLimited(opts.aliases, 1024 * 1024)), opts.aliases)
        : undefined;
      const result = await withStore(g, (store) =>
        checkArticle(text, storeCheckData(store), {
          asOf: opts.asOf,
          format: opts.format as 'text' | 'markdown' | 'html' | undefined,
          aliases,
        }),
        { readOnly: true },
      );
      if (g.json) printJson(checkResultJson(result));
      else process.stdout.write(`${renderCheckResult(result)}\n`);
      if (opts.failOn === 'contradicted' && result.summary.contradicted > 0) process.exitCode = 4;
    });
}
