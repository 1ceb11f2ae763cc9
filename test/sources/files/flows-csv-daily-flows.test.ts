/**
 * Simple fund-flows CSV. There is no real flows file in ../shared/data (checked: no CSV there has a
 * `fund,date,flow_usd` header), so every case is hand-written.
 */
import { describe, expect, it } from 'vitest';
import { Flow } from '../../../src/model/types.ts';
import { flowsCsv } from '../../../src/sources/files/flows-csv.ts';
import { expectImportError, inlineInput } from './helpers.ts';

const FILE = 'flows/etf_flows.csv';
const prov = (line: number) => ({ source: 'flows-csv', file: FILE, line });

describe('flows-csv: valid input', () => {
  it('with aum_usd: exact rows (quoted thousands, negative flow, blank aum)', () => {
    const text = [
      'fund,date,flow_usd,aum_usd',
      'SPY,2026-01-02,"1,250,000.50","600,000,000,000"',
      'IWM,2026-01-02,-35000000,',
      'SPY,2026-01-05,0,601000000000',
    ].join('\r\n');
    const b = flowsCsv.parse(inlineInput(FILE, text), { lenient: false });
    expect(b.flows).toEqual([
      { fund: 'SPY', date: '2026-01-02', flow: 1250000.5, aum: 600000000000, prov: prov(2) },
      { fund: 'IWM', date: '2026-01-02', flow: -35000000, aum: null, prov: prov(3) },
      { fund: 'SPY', date: '2026-01-05', flow: 0, aum: 601000000000, prov: prov(4) },
    ]);
    for (const f of b.flows) Flow.parse(f);
    expect(b.warnings).toEqual([]);
  });

  it('without aum_usd; header matched case-insensitively', () => {
    const b = flowsCsv.parse(inlineInput(FILE, 'Fund, Date, Flow_USD\nQQQ,20260102,12.5\n'), {
      lenient: false,
    });
    expect(b.flows).toEqual([{ fund: 'QQQ', date: '2026-01-02', flow: 12.5, aum: null, prov: prov(2) }]);
  });

  it('an identical duplicate (fund, date) is a warning and kept once', () => {
    const b = flowsCsv.parse(
      inlineInput(FILE, 'fund,date,flow_usd\nSPY,2026-01-02,100\nSPY,2026-01-02,100\nSPY,2026-01-05,7\n'),
      { lenient: false },
    );
    expect(b.flows.map((f) => [f.date, f.flow, f.prov.line])).toEqual([
      ['2026-01-02', 100, 2],
      ['2026-01-05', 7, 4],
    ]);
    expect(b.warnings).toEqual([
      { file: FILE, line: 3, message: 'SPY 2026-01-02 repeats line 2 with the same values; kept once' },
    ]);
  });

  it('detect', () => {
    expect(
      flowsCsv.detect({ relPath: 'x.csv', head: 'fund,date,flow_usd,aum_usd\nSPY,2026-01-02,1,2' }),
    ).toBe(true);
    expect(flowsCsv.detect({ relPath: 'x.csv', head: 'date,close\n2026-01-02,1' })).toBe(false);
  });
});

describe('flows-csv: malformed input', () => {
  const H = 'fund,date,flow_usd,aum_usd';
  const strict = (text: string) => () => flowsCsv.parse(inlineInput(FILE, text), { lenient: false });

  it('truncated row', () => {
    expectImportError(
      strict(`${H}\nSPY,2026-01-02,100,5\nSPY,2026-01-05`),
      FILE,
      3,
      /expected 4 cells .* found 2/,
    );
  });

  it('text in a number column; negative AUM; bad date; empty flow', () => {
    expectImportError(strict(`${H}\nSPY,2026-01-02,lots,5`), FILE, 2, /not a number in flow_usd: 'lots'/);
    expectImportError(strict(`${H}\nSPY,2026-01-02,1,big`), FILE, 2, /not a number in aum_usd: 'big'/);
    expectImportError(strict(`${H}\nSPY,2026-01-02,1,-5`), FILE, 2, /negative aum_usd/);
    expectImportError(strict(`${H}\nSPY,2026-02-30,1,5`), FILE, 2, /bad date '2026-02-30'/);
    expectImportError(strict(`${H}\nSPY,2026-01-02,,5`), FILE, 2, /empty flow_usd/);
  });

  it('wrong header', () => {
    expectImportError(strict('fund,day,flow\nSPY,2026-01-02,1'), FILE, 1, /not a flows header/);
  });

  it('empty file; header only', () => {
    expectImportError(strict(''), FILE, 1, /empty file/);
    expectImportError(strict(`${H}\n`), FILE, 1, /no data rows/);
  });

  it('duplicate (fund, date) with different values', () => {
    expectImportError(
      strict(`${H}\nSPY,2026-01-02,100,5\nIWM,2026-01-02,1,\nSPY,2026-01-02,101,5`),
      FILE,
      4,
      /SPY 2026-01-02 appears twice with different values \(first at line 2\)/,
    );
  });

  it('lenient mode skips bad rows and lists their lines', () => {
    const b = flowsCsv.parse(
      inlineInput(FILE, `${H}\nSPY,2026-01-02,100,5\nSPY,2026-01-02,101,5\nIWM,x,1,\nIWM,2026-01-02,1,`),
      { lenient: true },
    );
    expect(b.skipped.map((s) => [s.file, s.line])).toEqual([
      [FILE, 3],
      [FILE, 4],
    ]);
    expect(b.flows.map((f) => [f.fund, f.flow])).toEqual([
      ['SPY', 100],
      ['IWM', 1],
    ]);
  });
});
