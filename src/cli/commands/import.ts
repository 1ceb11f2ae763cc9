/** `marketdash import <path...>`: import files or folders into the store. */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { importPaths, type ImportSummary } from '../../store/ingest.ts';
import { dataDir, type GlobalOptions, withStore } from '../context.ts';
import { printJson, table } from '../output.ts';

export function renderImportSummary(s: ImportSummary): string {
  const lines: string[] = [];
  const t = s.totals;
  lines.push(
    `${t.files} file(s): ${t.imported} imported, ${t.unchanged} unchanged (already imported), ${t.failed} failed, ${t.ignored} ignored`,
  );
  lines.push(`rows: ${t.rowsRead} read, ${t.rowsNew} new, ${t.rowsRevised} revised, ${t.rowsRead - t.rowsNew - t.rowsRevised} already stored, ${t.rowsSkipped} skipped`);
  const failed = s.files.filter((f) => f.status === 'failed');
  if (failed.length) {
    lines.push('', 'Failed (nothing stored from these files):');
    for (const f of failed) lines.push(`  ${f.error}`);
  }
  const skipped = s.files.flatMap((f) => f.skipped);
  if (skipped.length) {
    lines.push('', 'Skipped rows (known source errors, or bad rows with --lenient):');
    for (const r of skipped.slice(0, 50)) lines.push(`  ${r.file}:${r.line}: ${r.reason}`);
    if (skipped.length > 50) lines.push(`  … and ${skipped.length - 50} more (see --json)`);
  }
  const warnings = s.files.flatMap((f) => f.warnings);
  if (warnings.length) {
    lines.push('', `Notes (${warnings.length}):`);
    for (const w of warnings.slice(0, 40)) lines.push(`  ${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
    if (warnings.length > 40) lines.push(`  … and ${warnings.length - 40} more (see --json)`);
  }
  const ignored = s.files.filter((f) => f.status === 'ignored');
  if (ignored.length) lines.push('', `Ignored (not data files): ${ignored.map((f) => f.file).join(', ')}`);
  const done = s.files.filter((f) => f.status === 'imported' || f.status === 'unchanged');
  if (done.length && done.length <= 60) {
    lines.push('', table(['file', 'importer', 'status', 'read', 'new', 'revised'], done.map((f) => [f.file, f.importer, f.status, f.rowsRead, f.rowsNew, f.rowsRevised])));
  }
  return lines.join('\n');
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import data files or folders (recursive) into the store; each file is one transaction')
    .argument('<paths...>', 'files or folders')
    .option('--lenient', 'skip bad rows (each listed) instead of rejecting the file')
    .action(async (paths: string[], opts: { lenient?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const interactive = !g.json && process.stderr.isTTY;
      const bar = interactive ? new SingleBar({ format: 'importing [{bar}] {value}/{total} files  {file}', hideCursor: true, clearOnComplete: true }) : null;
      const summary = await withStore(g, (store) =>
        importPaths(store, paths, {
          dataRoot: dataDir(g),
          lenient: Boolean(opts.lenient),
          onFile: (done, total, file) => {
            if (!bar) return;
            if (done === 0) bar.start(total, 0, { file });
            bar.update(done, { file: file.split('/').slice(-2).join('/') });
            if (done === total) bar.stop();
          },
        }),
        { readOnly: false, role: 'import' },
      );
      if (g.json) printJson(summary);
      else process.stdout.write(`${renderImportSummary(summary)}\n`);
      if (summary.totals.failed > 0) process.exitCode = 2;
    });
}
