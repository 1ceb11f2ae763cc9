/**
 * Deterministic synthetic market data for the scale bench: N symbols × S sessions of daily bars on the
 * NYSE calendar (src/model/calendar.ts), ending on a given session, written in layouts the importers
 * already read:
 *   prices/<SYMBOL>.csv                         `date,open,high,low,close,volume` (one file per symbol)
 *   constituents/<FUND>_holdings_<asOf>.csv     an iShares holdings export listing every symbol once
 * so `breadth <FUND>` runs over all N members. The same seed gives byte-identical files.
 *
 * Prices: a geometric random walk per symbol (its own PRNG stream from the seed and the symbol's
 * number), daily log-return ~ N(drift, vol) with vol 1–3 % per symbol; open = previous close moved by a
 * small gap, high/low extend the open–close range; every price printed with 4 decimals and checked so
 * that low ≤ open, close ≤ high after rounding (the importer rejects rows outside the range).
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sessionsBetween } from '../../src/model/calendar.ts';

/** The 1× unit: rows read by importing the whole data folder ../shared/data (2,064,051: 982,897 bars, 1,078,219 observations, holdings, fundamentals), rounded. */
export const SAMPLE_ROWS = 2_060_000;

export interface ScaleSpec {
  /** Number of symbols (members of the generated fund). */
  symbols: number;
  /** Sessions per symbol, counted back from `end` (inclusive). */
  sessions: number;
  /** Last session (YYYY-MM-DD). */
  end: string;
  seed: number;
  /** Ticker of the generated holdings fund. */
  fund: string;
}

export const DEFAULT_SPEC: Omit<ScaleSpec, 'symbols' | 'sessions'> = { end: '2026-08-21', seed: 20261130, fund: 'SYNX' };

export interface Generated {
  dir: string;
  files: number;
  rows: number;
  bytes: number;
  symbols: string[];
  first: string;
  last: string;
}

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same stream on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from two uniforms (Box–Muller). */
function gauss(rand: () => number): number {
  const u = 1 - rand(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function symbolName(i: number, count: number): string {
  return `S${String(i + 1).padStart(Math.max(4, String(count).length), '0')}`;
}

/** The last `n` NYSE sessions up to and including `end`. */
export function lastSessions(end: string, n: number): string[] {
  const years = Math.ceil(n / 240) + 1;
  const from = `${Number(end.slice(0, 4)) - years}-01-01`;
  const all = sessionsBetween(from < '1926-01-01' ? '1926-01-01' : from, end);
  if (all.length < n) throw new Error(`only ${all.length} NYSE sessions up to ${end} in the calendar, asked for ${n}`);
  return all.slice(all.length - n);
}

/** The 4-decimal fraction of every n % 10000, as printed after the point ("0000".."9999"). */
const FRACTIONS: string[] = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));
/** Below this, `n / 1e4` printed from the integer n equals `(n / 1e4).toFixed(4)` (the double is far closer than 0.00005). */
const EXACT_BELOW = 1e13;

/** `(n / 1e4).toFixed(4)` for a non-negative integer n, without formatting a double. */
function fixed4(n: number): string {
  if (n >= EXACT_BELOW) return (n / 10_000).toFixed(4);
  const int = Math.floor(n / 10_000);
  return `${int}.${FRACTIONS[n - int * 10_000]}`;
}

/**
 * One symbol's CSV text. Each price is kept as the integer n = round(price × 10⁴) and printed from it:
 * the same digits `toFixed(4)` gives for the rounded price n / 10⁴, and the same comparisons (n / 10⁴
 * and n order alike), so the text is byte for byte what the one-value-at-a-time version wrote.
 */
export function priceCsv(index: number, sessions: string[], seed: number): string {
  const rand = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const vol = 0.01 + 0.02 * rand();
  const drift = 0.0003 * (rand() - 0.4);
  let close = 10 + 190 * rand();
  let out = 'date,open,high,low,close,volume\n';
  for (let d = 0; d < sessions.length; d++) {
    const open = Math.round(close * (1 + 0.002 * gauss(rand)) * 10_000);
    close = Math.max(0.01, close * Math.exp(drift + vol * gauss(rand)));
    const c = Math.round(close * 10_000);
    const high = Math.round(((open > c ? open : c) / 10_000) * (1 + 0.01 * rand()) * 10_000);
    const low = Math.max(1, Math.round(((open < c ? open : c) / 10_000) * (1 - 0.01 * rand()) * 10_000));
    const volume = Math.floor(100_000 + 5_000_000 * rand());
    out += `${sessions[d]},${fixed4(open)},${fixed4(high)},${fixed4(low)},${fixed4(c)},${volume}\n`;
  }
  return out;
}

function usDate(iso: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[Number(iso.slice(5, 7)) - 1]} ${iso.slice(8, 10)}, ${iso.slice(0, 4)}`;
}

const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An iShares-layout holdings export listing every symbol once, equal weights. */
export function holdingsCsv(spec: ScaleSpec, symbols: string[]): string {
  const weight = money(100 / symbols.length);
  const lines = [
    `Synthetic Scale Fund ${spec.fund}`,
    `Fund Holdings as of,"${usDate(spec.end)}"`,
    `Shares Outstanding,"1,000,000.00"`,
    '\u00a0',
    'Ticker,Name,Sector,Asset Class,Market Value,Weight (%),Notional Value,Quantity,Price,Location,Exchange,Currency,FX Rate,Market Currency,Accrual Date',
  ];
  for (const s of symbols)
    lines.push(
      `"${s}","SYNTHETIC ${s}","Information Technology","Equity","1,000.00","${weight}","1,000.00","10.00","100.00","United States","NYSE","USD","1.00","USD","-"`,
    );
  return `${lines.join('\n')}\n\n`;
}

/** Files written at once: the libuv threads write while the main thread computes the next symbols. */
const WRITES_IN_FLIGHT = 8;

/** Write the data folder for `spec` into `dir` (created). */
export async function generate(dir: string, spec: ScaleSpec): Promise<Generated> {
  if (!Number.isInteger(spec.symbols) || spec.symbols < 1) throw new Error(`symbols must be a positive integer, got ${spec.symbols}`);
  if (!Number.isInteger(spec.sessions) || spec.sessions < 1) throw new Error(`sessions must be a positive integer, got ${spec.sessions}`);
  const sessions = lastSessions(spec.end, spec.sessions);
  mkdirSync(join(dir, 'prices'), { recursive: true });
  mkdirSync(join(dir, 'constituents'), { recursive: true });
  const symbols: string[] = [];
  let bytes = 0;
  const pending = new Set<Promise<void>>();
  const write = async (path: string, data: Buffer) => {
    while (pending.size >= WRITES_IN_FLIGHT) await Promise.race(pending);
    const p = writeFile(path, data).finally(() => pending.delete(p));
    pending.add(p);
  };
  for (let i = 0; i < spec.symbols; i++) {
    const sym = symbolName(i, spec.symbols);
    symbols.push(sym);
    const data = Buffer.from(priceCsv(i, sessions, spec.seed), 'latin1'); // ASCII text
    bytes += data.length;
    await write(join(dir, 'prices', `${sym}.csv`), data);
  }
  const holdings = Buffer.from(holdingsCsv(spec, symbols));
  bytes += holdings.length;
  await write(join(dir, 'constituents', `${spec.fund}_holdings_${spec.end}.csv`), holdings);
  await Promise.all(pending);
  return {
    dir,
    files: spec.symbols + 1,
    rows: spec.symbols * sessions.length,
    bytes,
    symbols,
    first: sessions[0],
    last: sessions[sessions.length - 1],
  };
}

/** The spec for `factor` × the sample's row count with `symbols` members (sessions rounded up). */
export function specForFactor(factor: number, symbols = 5_000): ScaleSpec {
  return { ...DEFAULT_SPEC, symbols, sessions: Math.ceil((factor * SAMPLE_ROWS) / symbols) };
}
