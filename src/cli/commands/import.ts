/** `marketdash import <path...>`: import files or folders into the store. */
import type { Command } from 'commander';
import { UserError } from '../../model/errors.ts';
import { type ImportOptions, importedKeys, importPaths, type ImportSummary } from '../../store/ingest.ts';
import type { MarketStore } from '../../store/store.ts';
import { dataDir, type GlobalOptions, withStore } from '../context.ts';
import { printJson, table } from '../output.ts';
import { importProgress, withInterrupt } from '../progress.ts';

const ADJUSTMENTS = ['split+dividend', 'split', 'none'] as const;

/** The one warning an import gives about files whose adjustment is unknown (empty when none). */
export function adjustmentWarning(s: ImportSummary): string {
  const f = s.adjustmentUnknown ?? [];
  if (f.length === 0) return '';
  const list = f.length <= 5 ? f.join(', ') : `${f.slice(0, 5).join(', ')} and ${f.length - 5} more`;
  return `warning: ${f.length} file(s) give no evidence of how their prices are adjusted (${list}); stored as adjustment 'unknown' — their returns read "price return (adjustment unknown)". Re-import with --adjustment split+dividend|split|none to say.`;
}

/**
 * Import with progress on stderr and Ctrl-C handling; files already imported (same path and sha256)
 * are skipped without parsing, so a second run resumes where an interrupted one stopped.
 */
export async function importWithProgress(store: MarketStore, paths: string[], opts: Omit<ImportOptions, 'known' | 'onProgress' | 'shouldStop'>, label = 'import'): Promise<ImportSummary> {
  const progress = importProgress(label);
  try {
    const known = await importedKeys(store);
    return await withInterrupt((shouldStop) => importPaths(store, paths, { ...opts, known, onProgress: progress.onProgress, shouldStop }));
  } finally {
    progress.stop();
  }
}

/** What an interrupted import committed, and how to resume it. */
export function interruptedText(s: ImportSummary, resume: string): string {
  const committed = s.files.filter((f) => f.status === 'imported').length;
  return `interrupted: ${committed} file(s) committed in this run (${s.totals.rowsNew} new rows), ${s.interrupted?.filesLeft ?? 0} not reached; nothing of a file in progress is stored.\nResume with \`${resume}\`: files already imported are recognised by their sha256 and skipped.`;
}

function sourcesSection(s: ImportSummary): string[] {
  const decisions = s.files.flatMap((f) => f.sources).filter((d) => d.outcome !== 'only');
  if (!decisions.length) return [];
  const conflicts = decisions.filter((d) => d.outcome === 'conflict');
  const lines = ['', `Sources (${decisions.length} new source(s) of symbols already stored; ${conflicts.length} conflict(s)):`];
  const shown = [...conflicts, ...decisions.filter((d) => d.outcome !== 'conflict')];
  for (const d of shown.slice(0, 40)) lines.push(`  ${d.message}`);
  if (shown.length > 40) lines.push(`  … and ${shown.length - 40} more (see --json)`);
  return lines;
}

/** Failed files, one line each (file:line: problem), for stderr. */
export function importFailures(s: ImportSummary): string[] {
  const failed = s.files.filter((f) => f.status === 'failed');
  return failed.length ? ['Failed (nothing stored from these files):', ...failed.map((f) => `  ${f.error}`)] : [];
}

/** The human summary for stdout; failures are left to importFailures (stderr) unless asked for. */
export function renderImportSummary(s: ImportSummary, opts: { failures?: boolean } = {}): string {
  const lines: string[] = [];
  const t = s.totals;
  lines.push(
    `${t.files} file(s): ${t.imported} imported, ${t.unchanged} unchanged (already imported), ${t.failed} failed, ${t.ignored} ignored`,
  );
  lines.push(`rows: ${t.rowsRead} read, ${t.rowsNew} new, ${t.rowsRevised} revised, ${t.rowsRead - t.rowsNew - t.rowsRevised} already stored, ${t.rowsSkipped} skipped`);
  if (opts.failures && importFailures(s).length) lines.push('', ...importFailures(s));
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
  lines.push(...sourcesSection(s));
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
    .option('--prefer', "make the imported files' price sources the preferred ones for their symbols")
    .option(
      '--adjustment <kind>',
      'how the closes of price files without evidence of their own are adjusted: split+dividend (total return), split or none (price return); default: unknown, with a warning',
    )
    .action(async (paths: string[], opts: { lenient?: boolean; prefer?: boolean; adjustment?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      if (opts.adjustment !== undefined && !(ADJUSTMENTS as readonly string[]).includes(opts.adjustment))
        throw new UserError(`--adjustment must be one of ${ADJUSTMENTS.join(', ')}, got '${opts.adjustment}'`, 'bad_input');
      const adjustment = opts.adjustment as (typeof ADJUSTMENTS)[number] | undefined;
      const summary = await withStore(g, (store) =>
        importWithProgress(store, paths, { dataRoot: dataDir(g), lenient: Boolean(opts.lenient), prefer: Boolean(opts.prefer), adjustment }),
        { readOnly: false, role: 'import' },
      );
      if (g.json) printJson(summary);
      else process.stdout.write(`${renderImportSummary(summary)}\n`);
      const failures = importFailures(summary);
      if (failures.length) process.stderr.write(`${failures.join('\n')}\n`);
      const warn = adjustmentWarning(summary);
      if (warn) process.stderr.write(`${warn}\n`);
      if (summary.interrupted) {
        process.stderr.write(`${interruptedText(summary, `marketdash import ${paths.join(' ')}`)}\n`);
        process.exitCode = 130;
      } else if (summary.totals.failed > 0) process.exitCode = 2;
    });
}
