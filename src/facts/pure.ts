/**
 * Facts that need no store: the one door from the shells (report, check, cli, server) to the values
 * of src/analytics/. Everything else they need from analytics is a result *type* (type-only imports
 * are allowed directly, see ARCHITECTURE.md); dependency-cruiser rejects any other value import.
 *
 * Why each is here:
 * - reference tables the pages and articles label things with: SECTOR_ETFS, normalizeSector, DEFAULT_LADDER;
 * - the alerts layer's causal per-session tracks: returns, moving averages, period bounds, session
 *   search and calendar arithmetic over series it loaded through facts;
 * - computations on data a shell already holds and that no store can give: a user's CSV file
 *   (analogs / contributions / valuation spread from a table), two sources the `sources` command
 *   compares, the series the claim checker fetched through its data port (perf, streaks, records,
 *   contributions), and the pair series an article aligned (alignPair, streakRuns, summarize and the
 *   extremes of analytics/extremes.ts), and a return series the bars endpoint shows as growth of $1
 *   (returnsToIndex).
 */
export { alignedReturns, alignPair, bridgedMask, dailyReturns } from '../analytics/align.ts';
export { addDays, addMonthsClamped } from '../analytics/calendar-math.ts';
export { smaSeries, trailingMean } from '../analytics/moving-average.ts';
export { firstIndexOnOrAfter, indexOfDate, lastIndexOnOrBefore } from '../analytics/session-search.ts';
export { analogsFromTable, parseEpisodesCsv, summarize } from '../analytics/analogs.ts';
export { computeContributions, holdingsWeighting, parseContributionsCsv } from '../analytics/contributions.ts';
export {
  driftWeight,
  largestMoveSince,
  mostExtremeSince,
  ratioExtreme,
  recordRuns,
  sameDayByYear,
  winCount,
  yearsBetween,
} from '../analytics/extremes.ts';
export { DEFAULT_LADDER } from '../analytics/ladder.ts';
export { perf, periodBounds } from '../analytics/perf.ts';
export { recordHighs } from '../analytics/records.ts';
export { lastAtLeast } from '../analytics/since.ts';
export { returnsToIndex } from '../analytics/returns-index.ts';
export { normalizeSector, SECTOR_ETFS } from '../analytics/sectors.ts';
export { compareSources } from '../analytics/source-compare.ts';
export { streaks, streakVsZero } from '../analytics/streak.ts';
export { streakRuns } from '../analytics/streak-core.ts';
export { parseValuationCsv, spreadFromPairs } from '../analytics/valuation.ts';
