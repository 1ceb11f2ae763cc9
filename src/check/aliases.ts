/**
 * Names → series. Each entry lists the names a writer may use and the symbols to try, in order; a
 * symbol marked `proxy` stands in for the named thing (an ETF for its index): its closes are total
 * returns and its price level is not the index level, so level claims are not checked on it and
 * return claims on it are at best `approximately` beyond rounding.
 *
 * "the Russell 2000" → ^RUT (price index) first, IWM as fallback; "IWM" → IWM itself. The table can be
 * extended or overridden by a JSON file (`--aliases FILE`, see `parseAliasFile`). Names match whole
 * words, longest first; a name starting with a lower-case letter ("small caps") matches in any case,
 * every other name (proper names, tickers) only as written, so "spy" or "meta" in prose are not series.
 * A ticker in parentheses after a company name ("Acme Corp (ACME)") resolves to that ticker.
 */
import { z } from 'zod';
import { UserError } from '../model/errors.ts';
import type { SubjectRef } from './types.ts';

export interface AliasEntry {
  label: string;
  names: string[];
  symbols: { symbol: string; proxy: boolean }[];
}

const idx = (label: string, names: string[], index: string | null, etf: string | null): AliasEntry => ({
  label,
  names,
  symbols: [
    ...(index ? [{ symbol: index, proxy: false }] : []),
    ...(etf ? [{ symbol: etf, proxy: index !== null }] : []),
  ],
});
const one = (label: string, names: string[], symbol: string): AliasEntry => ({
  label,
  names,
  symbols: [{ symbol, proxy: false }],
});

export const DEFAULT_ALIASES: readonly AliasEntry[] = [
  idx(
    'Russell 2000',
    [
      'Russell 2000',
      'Russell 2000 index',
      'Russell 2000 Index',
      'Russell',
      'small caps',
      'small-caps',
      'small-cap stocks',
      'small cap stocks',
      'small-cap index',
      'small-cap benchmark',
      'small companies',
      'smaller companies',
      'RTY',
      '^RUT',
      'RUT',
    ],
    '^RUT',
    'IWM',
  ),
  one('iShares Russell 2000 ETF (IWM)', ['IWM', 'iShares Russell 2000 ETF', 'iShares Russell 2000'], 'IWM'),
  idx(
    'S&P 500',
    [
      'S&P 500',
      'S&P 500 index',
      'S&P 500 Index',
      'S&P',
      'Standard & Poor’s 500',
      "Standard & Poor's 500",
      'SPX',
      '^GSPC',
      'GSPC',
      'large caps',
      'large-caps',
      'large-cap stocks',
      'large cap stocks',
      'large-cap index',
      'big caps',
      'blue chips',
      'the broader market',
      'the broad market',
    ],
    '^GSPC',
    'SPY',
  ),
  one('SPDR S&P 500 ETF (SPY)', ['SPY', 'SPDR S&P 500 ETF', 'SPDR S&P 500'], 'SPY'),
  one(
    'Roundhill Magnificent Seven ETF (MAGS)',
    [
      'Magnificent Seven',
      'Magnificent 7',
      'Mag Seven',
      'Mag 7',
      'Mag-7',
      'Mag7',
      'MAGS',
      'megacap tech',
      'megacaps',
    ],
    'MAGS',
  ),
  one('Invesco QQQ (Nasdaq 100)', ['Nasdaq 100', 'Nasdaq-100', 'NDX', 'QQQ', 'Invesco QQQ'], 'QQQ'),
  one(
    'SPDR Dow Jones Industrial Average ETF (DIA)',
    ['DIA', 'Dow Jones Industrial Average', 'Dow industrials', 'the Dow', 'blue-chip Dow'],
    'DIA',
  ),
  one(
    'Invesco S&P 500 Equal Weight ETF (RSP)',
    ['RSP', 'equal-weight S&P 500', 'equal-weighted S&P 500', 'equal-weight index'],
    'RSP',
  ),
  one(
    'iShares Core S&P Small-Cap ETF (IJR)',
    ['IJR', 'S&P 600', 'S&P SmallCap 600', 'S&P Small Cap 600'],
    'IJR',
  ),
  one(
    'iShares Core S&P Mid-Cap ETF (IJH)',
    ['IJH', 'S&P 400', 'S&P MidCap 400', 'mid caps', 'mid-caps', 'midcaps', 'mid-cap stocks'],
    'IJH',
  ),
  one('SPDR S&P MidCap 400 ETF (MDY)', ['MDY'], 'MDY'),
  one('iShares Micro-Cap ETF (IWC)', ['IWC', 'microcaps', 'micro-caps', 'micro-cap stocks'], 'IWC'),
  one('iShares Russell 2000 Value ETF (IWN)', ['IWN', 'Russell 2000 Value', 'small-cap value'], 'IWN'),
  one('iShares Russell 2000 Growth ETF (IWO)', ['IWO', 'Russell 2000 Growth', 'small-cap growth'], 'IWO'),
  one('Vanguard Small-Cap ETF (VB)', ['VB', 'Vanguard Small-Cap ETF'], 'VB'),
  one('Vanguard Small-Cap Value ETF (VBR)', ['VBR'], 'VBR'),
  one('Materials Select Sector SPDR (XLB)', ['XLB', 'materials sector'], 'XLB'),
  one('Communication Services Select Sector SPDR (XLC)', ['XLC', 'communication services sector'], 'XLC'),
  one('Energy Select Sector SPDR (XLE)', ['XLE', 'energy sector'], 'XLE'),
  one('Financial Select Sector SPDR (XLF)', ['XLF', 'financial sector', 'financials sector'], 'XLF'),
  one('Industrial Select Sector SPDR (XLI)', ['XLI', 'industrial sector', 'industrials sector'], 'XLI'),
  one('Technology Select Sector SPDR (XLK)', ['XLK', 'technology sector', 'tech sector'], 'XLK'),
  one('Consumer Staples Select Sector SPDR (XLP)', ['XLP', 'consumer staples sector'], 'XLP'),
  one('Real Estate Select Sector SPDR (XLRE)', ['XLRE', 'real estate sector'], 'XLRE'),
  one('Utilities Select Sector SPDR (XLU)', ['XLU', 'utilities sector'], 'XLU'),
  one('Health Care Select Sector SPDR (XLV)', ['XLV', 'health care sector', 'healthcare sector'], 'XLV'),
  one('Consumer Discretionary Select Sector SPDR (XLY)', ['XLY', 'consumer discretionary sector'], 'XLY'),
  one('Apple', ['Apple', 'AAPL'], 'AAPL'),
  one('Microsoft', ['Microsoft', 'MSFT'], 'MSFT'),
  one('Nvidia', ['Nvidia', 'NVIDIA', 'NVDA'], 'NVDA'),
  one('Amazon', ['Amazon', 'Amazon.com', 'AMZN'], 'AMZN'),
  one('Alphabet', ['Alphabet', 'Google', 'GOOGL', 'GOOG'], 'GOOGL'),
  one('Meta Platforms', ['Meta Platforms', 'Meta', 'META', 'Facebook'], 'META'),
  one('Tesla', ['Tesla', 'TSLA'], 'TSLA'),
];

/** JSON accepted by `--aliases FILE`: `{ "name": "SYMBOL" | ["SYM", "FALLBACK"], ... }` or a list of entries. */
const AliasFile = z.union([
  z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])),
  z.array(
    z.object({
      label: z.string().min(1).optional(),
      names: z.array(z.string().min(1)).min(1),
      symbols: z
        .array(
          z.union([
            z.string().min(1),
            z.object({ symbol: z.string().min(1), proxy: z.boolean().optional() }),
          ]),
        )
        .min(1),
    }),
  ),
]);

/**
 * Parses an alias file. In the object form the first symbol is the named series itself and later
 * ones are proxies; in the list form `proxy` may be given per symbol. Errors are UserErrors.
 */
export function parseAliasFile(json: string, label = 'aliases file'): AliasEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new UserError(`${label}: not valid JSON (${(e as Error).message})`);
  }
  const r = AliasFile.safeParse(raw);
  if (!r.success)
    throw new UserError(
      `${label}: expected {"name": "SYMBOL" | ["SYMBOL", ...]} or [{names, symbols}] (${r.error.issues[0]?.message ?? 'bad shape'})`,
    );
  if (Array.isArray(r.data)) {
    return r.data.map((e) => ({
      label: e.label ?? e.names[0],
      names: e.names,
      symbols: e.symbols.map((s, i) =>
        typeof s === 'string' ? { symbol: s, proxy: i > 0 } : { symbol: s.symbol, proxy: s.proxy ?? i > 0 },
      ),
    }));
  }
  return Object.entries(r.data).map(([name, v]) => {
    const syms = typeof v === 'string' ? [v] : v;
    return { label: name, names: [name], symbols: syms.map((symbol, i) => ({ symbol, proxy: i > 0 })) };
  });
}

/** User entries first: a user name replaces a default entry's use of the same name. */
export function mergeAliases(base: readonly AliasEntry[], extra: readonly AliasEntry[]): AliasEntry[] {
  const taken = new Set(extra.flatMap((e) => e.names.map((n) => n.toLowerCase())));
  const kept = base
    .map((e) => ({ ...e, names: e.names.filter((n) => !taken.has(n.toLowerCase())) }))
    .filter((e) => e.names.length > 0);
  return [...extra, ...kept];
}

export interface AliasMention {
  start: number;
  end: number;
  text: string;
  entry: AliasEntry;
}

export interface AliasMatcher {
  find(s: string, offset?: number): AliasMention[];
  entries: readonly AliasEntry[];
  /** The entry for a symbol or name (exact), if any. */
  lookup(nameOrSymbol: string): AliasEntry | null;
  /** The longest name `s` starts with, whatever follows it (for cells that ran together: "Russell 20002,106.00"). */
  prefix(s: string): { name: string; entry: AliasEntry } | null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Names starting with a lower-case letter ("small caps") match in any case; others as written. */
const foldKey = (s: string) => s.toLowerCase().replace(/[ -]+/g, ' ');
const caseFree = (s: string) => /^[a-z]/.test(s);

export function aliasMatcher(entries: readonly AliasEntry[] = DEFAULT_ALIASES): AliasMatcher {
  const exact = new Map<string, AliasEntry>();
  const folded = new Map<string, AliasEntry>();
  for (const e of entries) {
    for (const n of e.names) {
      if (caseFree(n)) {
        if (!folded.has(foldKey(n))) folded.set(foldKey(n), e);
      } else if (!exact.has(n)) exact.set(n, e);
    }
  }
  // A symbol not listed as anyone's name names the first entry that uses it.
  for (const e of entries) for (const s of e.symbols) if (!exact.has(s.symbol)) exact.set(s.symbol, e);
  const names = [...new Set([...exact.keys(), ...[...folded.keys()]])].sort((a, b) => b.length - a.length);
  // One alternation, longest names first; a name must not touch letters or digits on either side.
  const re = names.length
    ? new RegExp(
        `(?<![\\w^&.])(${names.map((n) => escapeRe(n).replace(/ /g, '[ -]')).join('|')})(?![\\w&]|-\\w)`,
        'gi',
      )
    : null;
  const entryFor = (word: string): AliasEntry | undefined => {
    const e = exact.get(word) ?? exact.get(word.replace(/-/g, ' '));
    if (e) return e;
    return folded.get(foldKey(word));
  };
  return {
    entries,
    lookup(n) {
      return exact.get(n) ?? folded.get(foldKey(n)) ?? null;
    },
    prefix(s) {
      for (const n of names) {
        if (n.length > s.length) continue;
        const head = s.slice(0, n.length);
        const e =
          exact.get(n) === undefined
            ? foldKey(head) === n
              ? folded.get(n)
              : undefined
            : head === n
              ? exact.get(n)
              : undefined;
        if (e) return { name: head, entry: e };
      }
      return null;
    },
    find(s, offset = 0) {
      const out: AliasMention[] = [];
      if (re) {
        re.lastIndex = 0;
        for (let m = re.exec(s); m !== null; m = re.exec(s)) {
          const word = m[1];
          const entry = entryFor(word);
          if (!entry) continue; // e.g. "spy" or "meta" in prose: tickers and proper names match as written
          const start = offset + m.index;
          out.push({ start, end: start + word.length, text: word, entry });
        }
      }
      // "Acme Corp (ACME)": a ticker in parentheses not in the table is its own symbol.
      const paren = /\(([A-Z][A-Z.]{0,5})\)/g;
      for (let m = paren.exec(s); m !== null; m = paren.exec(s)) {
        const start = offset + m.index + 1;
        if (out.some((o) => o.start <= start && start < o.end)) continue;
        const known = exact.get(m[1]);
        out.push({
          start,
          end: start + m[1].length,
          text: m[1],
          entry: known ?? { label: m[1], names: [m[1]], symbols: [{ symbol: m[1], proxy: false }] },
        });
      }
      out.sort((a, b) => a.start - b.start);
      // "SPDR S&P 500 ETF (SPY)": the ticker in parentheses repeats the name before it; keep the name.
      return out.filter((m, i) => {
        const prev = out[i - 1];
        if (!prev || prev.entry !== m.entry) return true;
        return !/^\s*\($/.test(s.slice(prev.end - offset, m.start - offset));
      });
    },
  };
}

/**
 * A category word ("small caps", "large caps", "the broader market") names no single series: the
 * index and its fund are equally fair readings. A named index ("the Russell 2000") or a benchmark
 * ("the small-cap benchmark", "small-cap index") is the index itself.
 */
function isGenericName(m: AliasMention): boolean {
  const k = foldKey(m.text);
  const name = m.entry.names.find((n) => foldKey(n) === k);
  return (
    name !== undefined &&
    caseFree(name) &&
    !/\b(?:index|benchmark)\b/i.test(name) &&
    m.entry.symbols.length > 1
  );
}

export function subjectFrom(m: AliasMention): SubjectRef {
  return {
    text: m.text,
    span: { start: m.start, end: m.end },
    label: m.entry.label,
    candidates: m.entry.symbols,
    ...(isGenericName(m) ? { generic: true } : {}),
  };
}
