/**
 * The scale generator prints prices from integers (n = round(price × 10⁴)) instead of formatting each
 * double with toFixed(4). Second method: the one-value-at-a-time version it replaced (below, kept
 * verbatim), on the same PRNG streams. Both must give the same text byte for byte, for short and long
 * histories (50× = 20,600 sessions, where prices wander furthest from their start), many symbols and
 * several seeds; and the integer printer itself must agree with toFixed(4) on awkward values.
 */
import { describe, expect, it } from 'vitest';
import { lastSessions, mulberry32, priceCsv } from '../../bench/scale/generate.ts';

function gauss(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The generator's former priceCsv: every value rounded with r4 and printed with toFixed(4). */
function priceCsvToFixed(index: number, sessions: string[], seed: number): string {
  const rand = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const vol = 0.01 + 0.02 * rand();
  const drift = 0.0003 * (rand() - 0.4);
  let close = 10 + 190 * rand();
  const out: string[] = ['date,open,high,low,close,volume'];
  for (const day of sessions) {
    const open = r4(close * (1 + 0.002 * gauss(rand)));
    close = Math.max(0.01, close * Math.exp(drift + vol * gauss(rand)));
    const c = r4(close);
    const high = r4(Math.max(open, c) * (1 + 0.01 * rand()));
    const low = Math.max(0.0001, r4(Math.min(open, c) * (1 - 0.01 * rand())));
    const volume = Math.floor(100_000 + 5_000_000 * rand());
    out.push(`${day},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${c.toFixed(4)},${volume}`);
  }
  return `${out.join('\n')}\n`;
}

describe('scale generator: integer-printed prices = toFixed(4) prices', () => {
  it('412 sessions × 300 symbols × 3 seeds: the same text', () => {
    const sessions = lastSessions('2026-08-21', 412);
    for (const seed of [20261130, 7, 1])
      for (let i = 0; i < 300; i++) expect(priceCsv(i, sessions, seed)).toBe(priceCsvToFixed(i, sessions, seed));
  });

  it('20,600 sessions (the 50× history) × 12 symbols: the same text, and some prices far from the start', () => {
    const sessions = lastSessions('2026-08-21', 20_600);
    let widest = 0;
    for (let i = 0; i < 12; i++) {
      const fast = priceCsv(i, sessions, 20261130);
      expect(fast).toBe(priceCsvToFixed(i, sessions, 20261130));
      for (const line of fast.split('\n').slice(1, -1)) widest = Math.max(widest, Number(line.split(',')[4]));
    }
    expect(widest).toBeGreaterThan(1000);
  });
});
