/** Human renderings of fact results for the terminal (the JSON is the same object, printed whole). */
import type { AnalogsResult } from '../../analytics/analogs.ts';
import type { BreadthResult } from '../../analytics/breadth.ts';
import type { ContributionResult } from '../../analytics/contributions.ts';
import type { FlowsResult } from '../../analytics/flows.ts';
import type { LadderResult } from '../../analytics/ladder.ts';
import type { LevelsResult } from '../../analytics/levels.ts';
import type { PerfResult } from '../../analytics/perf.ts';
import type { RecordHighsResult } from '../../analytics/records.ts';
import type { SectorResult } from '../../analytics/sectors.ts';
import type { StreakResult } from '../../analytics/streak.ts';
import type { SpreadResult } from '../../analytics/valuation.ts';
import { bps, pct, price, pts, share } from '../../format/numbers.ts';
import { table } from '../output.ts';

const notes = (p: { formula?: string; notes?: string[] } | undefined) =>
  p ? [`formula: ${p.formula}`, ...(p.notes ?? []).map((n) => `note: ${n}`)].join('\n') : '';

export function perf(r: PerfResult): string {
  const out = [`Performance as of ${r.asOf} (${r.period}; ${r.provenance.returnType})`, ''];
  out.push(table(['symbol', 'base date', 'base', 'end date', 'end', 'return'], r.rows.map((x) => [x.symbol, x.start, price(x.startPrice), x.end, price(x.endPrice), pct(x.return)])));
  if (r.spreads.length) out.push('', ...r.spreads.map((s) => `${s.a} − ${s.b}: ${pts(s.spreadPts)}`));
  out.push('', notes(r.provenance));
  return out.join('\n');
}

export function streak(r: StreakResult): string {
  const vs = r.b === '0' ? 'zero' : r.b;
  const out: string[] = [];
  if (r.current.length === 0) out.push(`${r.a} vs ${vs} as of ${r.asOf}: no current streak (the last session did not qualify).`);
  else {
    out.push(`${r.a} vs ${vs} as of ${r.asOf}: ${r.current.length} straight session(s), ${r.current.start} to ${r.current.end}.`);
    if (r.longestSince) out.push(`Longest since the ${r.longestSince.length}-session streak that ended ${r.longestSince.end} (started ${r.longestSince.start}). Rank ${r.rank}.`);
    else out.push(`The longest streak in the data, which starts ${r.dataStart}. Rank ${r.rank}.`);
  }
  const top = [...r.history].sort((x, y) => y.length - x.length || (x.end < y.end ? 1 : -1)).slice(0, 10);
  out.push('', 'Longest streaks:', table(['sessions', 'start', 'end'], top.map((s) => [s.length, s.start, s.end])), '', notes(r.provenance));
  return out.join('\n');
}

export function records(r: RecordHighsResult): string {
  return [
    `${r.symbol} (${r.basis} basis) as of ${r.asOf}: ${r.current.length} straight record session(s)${r.current.length ? ` from ${r.current.start}` : ''}.`,
    `All-time high ${price(r.allTimeHigh.value)} on ${r.allTimeHigh.date}; distance from it ${pct(r.distanceFromHigh)}. Data from ${r.dataStart}.`,
    '',
    notes(r.provenance),
  ].join('\n');
}

export function analogs(r: AnalogsResult | Omit<AnalogsResult, 'a' | 'b'>): string {
  const out: string[] = [];
  if ('a' in r && r.a) out.push(`${r.a} over ${r.b}: episodes when a streak reached ${r.minStreak} sessions (${r.episodes.length})`, '');
  const horizons = r.summary.map((s) => s.horizon);
  if ('a' in r && r.a)
    out.push(table(['reached on', 'streak', ...horizons.map((h) => `${r.a}−${r.b} +${h}`)], r.episodes.map((e) => [e.reachedOn, `${e.streakLength}${e.ongoing ? '+' : ''}`, ...e.forward.map((f) => (f.spreadPts === null ? null : pts(f.spreadPts)))])), '');
  out.push(table(['horizon', 'count', 'mean', 'median', 'hit rate', 'min', 'max', 'left out'], r.summary.map((s) => [s.horizon ?? '—', s.count, pts(s.meanSpreadPts), pts(s.medianSpreadPts), s.hitRate === null ? null : `${(s.hitRate * 100).toFixed(0)}%`, pts(s.min), pts(s.max), s.excludedIncomplete])));
  out.push('', 'Few episodes: treat the averages as anecdotes, not forecasts.', notes(r.provenance));
  return out.join('\n');
}

export function contributions(r: ContributionResult & { top?: ContributionResult['rows']; bottom?: ContributionResult['rows'] }): string {
  const show = (rows: ContributionResult['rows']) => table(['symbol', 'w start', 'w end', 'return', 'contribution'], rows.map((x) => [x.symbol, pct(x.weightStart, 3), pct(x.weightEnd ?? null, 3), pct(x.return), bps(x.contributionBps)]));
  const out = [`Contributions (${r.weights} weights), total ${bps(r.totalBps)}${r.indexReturn !== null ? `; index return ${pct(r.indexReturn)}` : ''}`, ''];
  out.push('Top:', show(r.top ?? r.rows.slice(0, 10)), '', 'Bottom:', show(r.bottom ?? r.rows.slice(-10).reverse()), '', notes(r.provenance));
  return out.join('\n');
}

export function breadth(r: BreadthResult): string {
  return [
    `${r.universe}, as of ${r.asOf}, period ${r.period.start} → ${r.period.end}`,
    `members ${r.members}, with data ${r.withData}, missing ${r.missing.length}`,
    `up over the period: ${r.up} (${share(r.shareUp)}); last session: ${r.advancers} advancers, ${r.decliners} decliners, ${r.unchanged} unchanged`,
    `above 50-session average: ${r.above50.count}/${r.above50.eligible} (${share(r.above50.share)}); above 200-session: ${r.above200.count}/${r.above200.eligible} (${share(r.above200.share)})`,
    `new 52-week highs: ${r.newHighs.count}; new lows: ${r.newLows.count}`,
    '',
    notes(r.provenance),
  ].join('\n');
}

export function ladder(r: LadderResult): string {
  return [
    `Size ladder ${r.period.start} → ${r.period.end}`,
    table(['segment', 'symbol', 'return'], r.rows.map((x) => [x.segment, x.symbol, pct(x.return)])),
    '',
    `Spearman rho (size rank vs return) = ${r.spearman.rho === null ? '—' : r.spearman.rho.toFixed(2)} (n=${r.spearman.n}): ${r.spearman.interpretation ?? r.spearman.reason ?? ''}`,
    '',
    notes(r.provenance),
  ].join('\n');
}

export function sectors(r: SectorResult & { divergence?: { sector: string; returnA: number; returnB: number; divergencePts: number }[] }): string {
  const out = [`Sectors (${r.method}, ${r.universe}) ${r.period.start} → ${r.period.end}`, table(['rank', 'sector', 'return', 'coverage'], r.rows.map((x) => [x.rank, x.sector, pct(x.return), share(x.coverage, 0)]))];
  if (r.divergence) out.push('', 'Divergence:', table(['sector', 'A', 'B', 'A − B'], r.divergence.map((d) => [d.sector, pct(d.returnA), pct(d.returnB), pts(d.divergencePts)])));
  out.push('', notes(r.provenance));
  return out.join('\n');
}

export function volatility(r: { symbol: string; volatility: { start: string; end: string; n: number; dailyStdev: number; annualised: number }; drawdown: { current: { drawdown: number; peak: { date: string } }; max: { drawdown: number; peak: { date: string }; trough: { date: string } } } }): string {
  const v = r.volatility;
  const d = r.drawdown;
  return [
    `${r.symbol} ${v.start} → ${v.end} (${v.n} daily returns): daily volatility ${(v.dailyStdev * 100).toFixed(3)}%, annualised ${(v.annualised * 100).toFixed(1)}%`,
    `drawdown now ${pct(d.current.drawdown)} from the ${d.current.peak.date} peak; maximum ${pct(d.max.drawdown)} (${d.max.peak.date} → ${d.max.trough.date})`,
  ].join('\n');
}

export function levels(r: LevelsResult): string {
  return [
    `${r.symbol} as of ${r.asOf}: close ${price(r.close)}`,
    `range over ${r.range.lookback} sessions (${r.range.from} → ${r.range.to}): high ${price(r.range.high)} (${r.range.highDate}), low ${price(r.range.low)} (${r.range.lowDate})`,
    r.breakout ? `breakout: ${r.breakout.date} above ${price(r.breakout.level)} after ${r.breakout.sessionsInsideBefore} sessions inside; measured-move target ${price(r.measuredMoveTarget)}` : 'no breakout in the window',
    `supports: ${r.supports.map((s) => price(s.level)).join(', ') || '—'}; resistances: ${r.resistances.map((s) => price(s.level)).join(', ') || '—'}`,
    `50-session average ${price(r.sma50)}, 200-session average ${price(r.sma200)}`,
    '',
    notes(r.provenance),
  ].join('\n');
}

export function valuation(r: SpreadResult): string {
  return [
    `${r.labels.a} vs ${r.labels.b}`,
    table(['metric', 'A', 'B', 'premium'], r.rows.map((x) => [x.metric, x.a === null ? null : x.a.toFixed(2), x.b === null ? null : x.b.toFixed(2), x.premiumPct === null ? (x.reason ?? null) : `${x.premiumPct >= 0 ? '+' : ''}${x.premiumPct.toFixed(1)}%`])),
  ].join('\n');
}

export function flows(r: FlowsResult): string {
  const usd = (x: number | null) => (x === null ? '—' : `${x < 0 ? '-' : ''}$${(Math.abs(x) / 1e6).toFixed(1)}m`);
  return [
    `Flows over ${r.window.sessions} sessions ${r.window.start} → ${r.window.end}`,
    table(['fund', 'total', 'largest since'], r.rows.map((x) => [x.fund, usd(x.total), x.largestSince ? `${x.largestSince.date} (${usd(x.largestSince.total)})` : 'largest in the data'])),
    `sum ${usd(r.sum.total)}`,
  ].join('\n');
}
