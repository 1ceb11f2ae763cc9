/**
 * Size limits for src/: no file over 400 lines, no function over 120 lines (data tables excepted:
 * files listed in DATA_TABLES). Used by test/architecture/file-and-function-size.test.ts and
 * runnable alone: `node --import tsx test/architecture/size-limits.ts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const MAX_FILE_LINES = 400;
export const MAX_FUNCTION_LINES = 120;
/** Files that are mostly data (calendars, tables of facts), exempt from the file limit. */
export const DATA_TABLES = ['src/model/calendar.ts'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|js)$/.test(f) ? [p] : [];
  });
}

export interface Oversize {
  file: string;
  what: string;
  lines: number;
}

export function oversize(root: string): Oversize[] {
  const out: Oversize[] = [];
  for (const abs of files(join(root, 'src'))) {
    const file = relative(root, abs);
    const text = readFileSync(abs, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_FILE_LINES && !DATA_TABLES.includes(file)) out.push({ file, what: '(file)', lines });
    const sf = ts.createSourceFile(abs, text, ts.ScriptTarget.ES2022, true);
    const visit = (n: ts.Node) => {
      if (ts.isFunctionLike(n) && 'body' in n && n.body) {
        const a = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
        const b = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
        if (b - a + 1 > MAX_FUNCTION_LINES) {
          const name = (n as { name?: ts.Node }).name?.getText(sf) ?? `(anonymous at line ${a + 1})`;
          out.push({ file, what: name, lines: b - a + 1 });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const o = oversize(process.cwd());
  for (const x of o) console.log(`${x.file}: ${x.what} ${x.lines} lines`);
  process.exitCode = o.length ? 1 : 0;
}
