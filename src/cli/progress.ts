/**
 * Import progress on stderr, in every mode: a live bar with rows/s and ETA on a terminal, and plain
 * lines every few seconds otherwise (redirected output, CI, --json). stdout is never touched.
 * Ctrl-C during an import stops after the file in progress (each file is its own transaction) and
 * says what was committed and how to resume; a second Ctrl-C exits at once (the open transaction is
 * rolled back by the store).
 */
import { SingleBar } from 'cli-progress';
import type { ImportProgress } from '../store/ingest.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');

function eta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export interface ProgressReporter {
  onProgress: (p: ImportProgress) => void;
  stop: () => void;
}

/** Rows per second and seconds left, estimated from bytes (files vary from 1 KB to 9 MB). */
function rates(p: ImportProgress, startedMs: number): { rowsPerS: number; etaS: number } {
  const elapsed = Math.max((Date.now() - startedMs) / 1000, 1e-3);
  const bytesPerS = p.bytesDone / elapsed;
  return {
    rowsPerS: p.rowsRead / elapsed,
    etaS: bytesPerS > 0 ? (p.bytesTotal - p.bytesDone) / bytesPerS : Number.NaN,
  };
}

/**
 * A reporter for one import. `tty`: draw the bar (default: stderr is a terminal and
 * MARKETDASH_PROGRESS is not `plain`). `intervalMs`: plain-line period (MARKETDASH_PROGRESS_MS, default 5000).
 */
export function importProgress(
  label: string,
  opts: { tty?: boolean; intervalMs?: number } = {},
): ProgressReporter {
  const tty = opts.tty ?? (Boolean(process.stderr.isTTY) && process.env.MARKETDASH_PROGRESS !== 'plain');
  const envMs = process.env.MARKETDASH_PROGRESS_MS;
  // 0 is a valid period (a line after every file), so only a missing or non-numeric value means the default.
  const intervalMs =
    opts.intervalMs ?? (envMs && Number.isFinite(Number(envMs)) && Number(envMs) >= 0 ? Number(envMs) : 5000);
  const started = Date.now();
  if (tty) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {files} files | {rows} rows | {rate} rows/s | ETA {etaText} | {file}`,
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    });
    let begun = false;
    return {
      onProgress: (p) => {
        const r = rates(p, started);
        const payload = {
          files: `${p.filesDone}/${p.filesTotal}`,
          rows: int(p.rowsRead),
          rate: int(r.rowsPerS),
          etaText: eta(r.etaS),
          file: p.file.split('/').slice(-2).join('/'),
        };
        if (!begun) {
          bar.start(Math.max(p.bytesTotal, 1), p.bytesDone, payload);
          begun = true;
        } else bar.update(p.bytesDone, payload);
      },
      stop: () => {
        if (begun) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    onProgress: (p) => {
      const now = Date.now();
      const done = p.filesDone === p.filesTotal;
      if (p.filesDone !== 0 && !done && now - last < intervalMs) return;
      last = now;
      const r = rates(p, started);
      const pct = p.bytesTotal ? (100 * p.bytesDone) / p.bytesTotal : 100;
      const tail = done ? 'done' : `ETA ${eta(r.etaS)}, next ${p.file} (${int(p.filesCommitted)} committed)`;
      process.stderr.write(
        `${label}: ${p.filesDone}/${p.filesTotal} files (${pct.toFixed(0)}%), ${int(p.rowsRead)} rows, ${int(r.rowsPerS)} rows/s, ${tail}\n`,
      );
    },
    stop: () => {},
  };
}

/**
 * While `fn` runs, the first SIGINT asks the import to stop after the current file (shouldStop turns
 * true); a second one exits with code 130 at once.
 */
export async function withInterrupt<T>(fn: (shouldStop: () => boolean) => Promise<T>): Promise<T> {
  let stop = false;
  const onSigint = () => {
    if (stop) {
      process.stderr.write('\ninterrupted again: exiting now; the file in progress is rolled back\n');
      process.exit(130);
    }
    stop = true;
    process.stderr.write(
      '\ninterrupt: finishing the file in progress, then stopping (Ctrl-C again to exit at once)\n',
    );
  };
  process.on('SIGINT', onSigint);
  try {
    return await fn(() => stop);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
