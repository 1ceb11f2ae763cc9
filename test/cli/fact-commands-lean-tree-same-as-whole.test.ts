/**
 * A fact command run alone builds only its part of the command tree (cli/facts-program.ts): its help,
 * usage line and global options are those of the whole tree (cli/program.ts), and main.ts picks the
 * lean tree only when the argv's command is a capability.
 */
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/capabilities/registry.ts';
import { buildFactsProgram } from '../../src/cli/facts-program.ts';
import { buildProgram } from '../../src/cli/program.ts';
import { commandOf } from '../../src/cli/root.ts';
import { usageLine } from '../../src/cli/usage.ts';

describe('lean tree of the fact commands', () => {
  const whole = buildProgram();
  const lean = buildFactsProgram();

  it('every capability: the same help text and usage line as in the whole tree', () => {
    expect(lean.commands.map((c) => c.name())).toEqual(CAPABILITIES.map((c) => c.name));
    for (const cap of CAPABILITIES) {
      const a = whole.commands.find((c) => c.name() === cap.name)!;
      const b = lean.commands.find((c) => c.name() === cap.name)!;
      expect(b.helpInformation()).toBe(a.helpInformation());
      expect(usageLine(b)).toBe(usageLine(a));
    }
    expect(lean.options.map((o) => o.flags)).toEqual(whole.options.map((o) => o.flags));
  });

  it('report: the same help text and usage line as in the whole tree', () => {
    const b = buildFactsProgram('report').commands;
    expect(b.map((c) => c.name())).toEqual(['report']);
    const a = whole.commands.find((c) => c.name() === 'report')!;
    expect(b[0].helpInformation()).toBe(a.helpInformation());
    expect(usageLine(b[0])).toBe(usageLine(a));
  });

  it('the command of an argv: after the global options; none for a global flag', () => {
    expect(commandOf(['streak', 'IWM', 'SPY'])).toBe('streak');
    expect(commandOf(['--db', 'x.duckdb', '--json', 'perf', 'SPY'])).toBe('perf');
    expect(commandOf(['--db=x.duckdb', '--data', 'd', 'records', 'SPY'])).toBe('records');
    expect(commandOf(['--version'])).toBeNull();
    expect(commandOf(['--help', 'streak'])).toBeNull();
    expect(commandOf([])).toBeNull();
  });
});
