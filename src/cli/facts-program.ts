/**
 * The command tree of a fact command or `report` run alone: the root and the commands generated from
 * the capability registry (or the report command), with the same conventions as the whole tree
 * (program.ts). main.ts builds it when the argv names one of them, so such a run loads no other
 * command's code (import, alerts, jobs, server…). Test: test/cli/fact-commands-lean-tree-same-as-whole.test.ts.
 */
import type { Command } from 'commander';
import { registerAnalytics } from './commands/analytics.ts';
import { registerReport } from './commands/report.ts';
import { rootCommand } from './root.ts';
import { applyConventions } from './usage.ts';

export function buildFactsProgram(command?: string): Command {
  const program = rootCommand();
  if (command === 'report') registerReport(program);
  else registerAnalytics(program);
  applyConventions(program);
  return program;
}
