/** Writing a report's files: Markdown (+ chart SVGs beside it), HTML, JSON. Same inputs → same bytes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../model/errors.ts';
import { toHtml } from './html.ts';
import { toJson } from './json.ts';
import { chartFileName, toMarkdown } from './markdown.ts';
import type { Report } from './types.ts';
import { DEFAULT_OUT_DIR } from './defaults.ts';

export const FORMATS = ['md', 'html', 'json'] as const;
export type Format = (typeof FORMATS)[number];
export { DEFAULT_OUT_DIR };

export function parseFormats(s: string | string[] | undefined): Format[] {
  const list = (Array.isArray(s) ? s : (s ?? FORMATS.join(',')).split(','))
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  for (const f of list)
    if (!(FORMATS as readonly string[]).includes(f))
      throw new UserError(`unknown format '${f}' (expected ${FORMATS.join(', ')})`, 'bad_input');
  if (list.length === 0) throw new UserError('no output format given', 'bad_input');
  return FORMATS.filter((f) => list.includes(f));
}

/** Write the report; returns the written paths, sorted. */
export function writeReport(report: Report, opts: { outDir?: string; formats?: Format[] } = {}): string[] {
  const dir = resolve(opts.outDir ?? DEFAULT_OUT_DIR);
  const formats = opts.formats ?? [...FORMATS];
  mkdirSync(dir, { recursive: true });
  const { article, facts } = report;
  const written: string[] = [];
  const put = (name: string, content: string) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    written.push(p);
  };
  if (formats.includes('md')) {
    put(`${article.slug}.md`, toMarkdown(article, facts));
    for (const s of article.sections)
      for (const b of s.blocks) if (b.kind === 'chart') put(chartFileName(article, b.id), `${b.svg}\n`);
  }
  if (formats.includes('html')) put(`${article.slug}.html`, toHtml(article, facts));
  if (formats.includes('json')) put(`${article.slug}.json`, toJson(article, facts));
  return written.sort();
}
