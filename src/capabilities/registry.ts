/**
 * Every capability, in the order the CLI help and the API list them. One line per capability: the
 * CLI commands (cli/commands/analytics.ts), the API endpoints and OpenAPI (server/endpoints.ts), the
 * bench cases (bench/analytics.ts) and the contract test (test/capabilities/contract.test.ts) are
 * generated from this list.
 */
import analogs from './analogs.ts';
import breadth from './breadth.ts';
import contributions from './contributions.ts';
import flows from './flows.ts';
import highsLows from './highs-lows.ts';
import ladder from './ladder.ts';
import levels from './levels.ts';
import perf from './perf.ts';
import records from './records.ts';
import sectors from './sectors.ts';
import streak from './streak.ts';
import type { Capability } from './types.ts';
import valuation from './valuation.ts';
import volatility from './volatility.ts';

export const CAPABILITIES: readonly Capability<never>[] = [
  perf,
  streak,
  records,
  analogs,
  contributions,
  breadth,
  ladder,
  sectors,
  volatility,
  levels,
  valuation,
  flows,
  highsLows,
] as Capability<never>[];
