/** Shared final step of the price providers: validate, order, de-duplicate and flag bars. */
import type { ImportBatch } from '../../model/batch.ts';
import { isSession } from '../../model/calendar.ts';
import { Bar } from '../../model/types.ts';
import { inRange, isIntradayBar, remoteError } from './provider.ts';

export interface RawBar {
  /** CSV line or 1-based JSON index, stored as provenance. */
  line: number;
  bar: Bar;
}

export interface FinishContext {
  provider: string;
  /** Redacted request URL: provenance file. */
  url: string;
  from: string | null;
  to: string | null;
  lenient: boolean;
  nowMs: number;
}

/** Reject (throw) or, when lenient, skip a row. */
export function rowProblem(batch: ImportBatch, ctx: FinishContext, line: number, problem: string): void {
  if (!ctx.lenient) throw remoteError(ctx.provider, ctx.url, `malformed row ${line}: ${problem}`);
  batch.skipped.push({ file: ctx.url, line, reason: problem });
}

/** Check a bar against the canonical schema; a bad one is rejected (or skipped when lenient). */
export function acceptBar(batch: ImportBatch, ctx: FinishContext, raw: RawBar, into: RawBar[]): void {
  const parsed = Bar.safeParse(raw.bar);
  if (!parsed.success) {
    rowProblem(
      batch,
      ctx,
      raw.line,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'bar'}: ${i.message}`).join('; '),
    );
    return;
  }
  into.push(raw);
}

/**
 * Rows already passed `acceptBar`. Sort by date, drop exact duplicates (a conflicting
 * duplicate keeps the later row: providers append the freshest value), keep [from, to], warn about
 * dates that are not NYSE sessions, mark a last bar of today before the close as provisional, and
 * append everything to the batch with provenance.
 */
export function finishBars(batch: ImportBatch, rows: RawBar[], ctx: FinishContext): void {
  const valid = rows;
  let sorted = true;
  for (let i = 1; i < valid.length; i++) if (valid[i].bar.date < valid[i - 1].bar.date) sorted = false;
  if (!sorted) {
    valid.sort((a, b) => (a.bar.date < b.bar.date ? -1 : a.bar.date > b.bar.date ? 1 : a.line - b.line));
    batch.warnings.push({
      file: ctx.url,
      line: null,
      message: `${ctx.provider}: rows were not in date order; sorted`,
    });
  }
  const kept: RawBar[] = [];
  for (const r of valid) {
    const prev = kept[kept.length - 1];
    if (prev && prev.bar.date === r.bar.date) {
      const same = (['open', 'high', 'low', 'close', 'adjClose', 'volume'] as const).every(
        (k) => prev.bar[k] === r.bar[k],
      );
      batch.warnings.push({
        file: ctx.url,
        line: r.line,
        message: same
          ? `${r.bar.symbol}: row ${r.line} repeats ${r.bar.date} (row ${prev.line}) with identical values; kept one`
          : `${r.bar.symbol}: row ${r.line} repeats ${r.bar.date} (row ${prev.line}) with other values; kept the later row`,
      });
      kept[kept.length - 1] = r;
      continue;
    }
    kept.push(r);
  }
  const inWindow = kept.filter((r) => inRange(r.bar.date, ctx.from, ctx.to));

  const nonSessions = inWindow.filter((r) => {
    try {
      return !isSession(r.bar.date);
    } catch {
      return false; // outside the calendar's range: nothing to check against
    }
  });
  if (nonSessions.length > 0) {
    const sample = nonSessions
      .slice(0, 5)
      .map((r) => r.bar.date)
      .join(', ');
    batch.warnings.push({
      file: ctx.url,
      line: nonSessions[0].line,
      message: `${ctx.provider}: ${nonSessions.length} date(s) are not NYSE sessions: ${sample}${nonSessions.length > 5 ? ', …' : ''}`,
    });
  }

  const last = inWindow[inWindow.length - 1];
  if (last && isIntradayBar(last.bar.date, ctx.nowMs)) {
    last.bar = { ...last.bar, provisional: true };
    batch.warnings.push({
      file: ctx.url,
      line: last.line,
      message: `${last.bar.symbol}: ${last.bar.date} is today's bar fetched before the close; stored as provisional`,
    });
  }
  for (const r of inWindow)
    batch.bars.push({ ...r.bar, prov: { source: batch.source, file: ctx.url, line: r.line } });
}
