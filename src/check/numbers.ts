/**
 * Numbers as written in market copy: "5.3%", "−1.6%", "+33", "1,980", "$3.2 billion", "2.4 percentage
 * points", "15.2 times", "54 bps", number words ("seven", "fourteen", "fifth").
 * Minus signs: "-", "−" (U+2212) and "–" (en dash) count as a sign only when attached to the digits
 * and not preceded by a letter or digit ("2020–2025" is a range, "LONDON – 6" is a dash).
 */

export type NumUnit = 'pct' | 'pts' | 'points' | 'bps' | 'times' | null;

export interface NumTok {
  start: number;
  end: number;
  text: string;
  /** Magnitude as written, without sign or scale. */
  abs: number;
  /** Explicit sign: −1 for "−1.6", +1 for "+33", 0 when none. */
  sign: -1 | 0 | 1;
  decimals: number;
  currency: boolean;
  unit: NumUnit;
  /** 1, 1e3, 1e6, 1e9 or 1e12 from a scale word ("billion", "bn", "m"). */
  scale: number;
}

const NUM_RE =
  /(?<![\w.,$])([+\-−–]?)(US\$|\$)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:(\s?%|\s?percent\b|\s?per cent\b)|\s?(percentage[ -]points?\b|points?\b|pts?\b|pp\b|bps\b|basis[ -]points?\b)|(x\b|\s?times\b|-times\b)|\s?(trillion\b|tn\b|billion\b|bn\b|million\b|mn\b|mln\b|m\b|k\b))?/gi;

const SCALES: Record<string, number> = {
  trillion: 1e12,
  tn: 1e12,
  billion: 1e9,
  bn: 1e9,
  million: 1e6,
  mn: 1e6,
  mln: 1e6,
  m: 1e6,
  k: 1e3,
};

/** The same, for cells that ran together ("2,106.00+5.3%"): a sign may follow a digit directly. */
const NUM_RE_GLUED = new RegExp(NUM_RE.source.replace('(?<![\\w.,$])', '(?<![A-Za-z_.,$])'), 'gi');

/** Every number in `s`, with `offset` added to its positions. `glued`: cells ran together (tables). */
export function findNumbers(s: string, offset = 0, glued = false): NumTok[] {
  const re = glued ? NUM_RE_GLUED : NUM_RE;
  const out: NumTok[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push(tokFromMatch(m, offset));
  }
  return out;
}

function tokFromMatch(m: RegExpExecArray, offset: number): NumTok {
  const signCh = m[1];
  const intPart = m[3].replace(/,/g, '');
  const frac = m[4] ?? '';
  const abs = Number(intPart + frac);
  let unit: NumUnit = null;
  if (m[5]) unit = 'pct';
  else if (m[6]) {
    const w = m[6].toLowerCase();
    if (w.startsWith('bps') || w.startsWith('basis')) unit = 'bps';
    else if (w.startsWith('percentage') || w.startsWith('pt') || w === 'pp') unit = 'pts';
    else unit = 'points';
  } else if (m[7]) unit = 'times';
  let scale = 1;
  if (m[8]) scale = SCALES[m[8].toLowerCase()] ?? 1;
  return {
    start: offset + m.index,
    end: offset + m.index + m[0].length,
    text: m[0],
    abs,
    sign: signCh === '+' ? 1 : signCh === '' ? 0 : -1,
    decimals: frac.length > 0 ? frac.length - 1 : 0,
    currency: Boolean(m[2]),
    unit,
    scale,
  };
}

/** Parses one cell / word as a number token, or null when it is not a number. */
export function parseNumberCell(s: string): NumTok | null {
  const trimmed = s.trim().replace(/^\((.*)\)$/, '-$1');
  if (trimmed === '' || trimmed === '—' || trimmed === '–' || trimmed === '-' || /^n\/?a$/i.test(trimmed))
    return null;
  const toks = findNumbers(trimmed);
  if (toks.length !== 1) return null;
  const t = toks[0];
  const rest = (trimmed.slice(0, t.start) + trimmed.slice(t.end)).trim();
  if (rest !== '' && !/^(?:pts?|bps|x|%|\$|USD|bn|mn|m|[a-z]{0,3})$/i.test(rest)) return null;
  return t;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  a: 1,
  an: 1,
  single: 1,
  dozen: 12,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};

/** Regex source matching a count written as digits, a word, or an ordinal ("14", "fourteen", "5th", "fifth"). */
export const COUNT_WORD =
  '(?:\\d{1,4}(?:st|nd|rd|th)?|(?:twenty|thirty|forty|fifty|sixty)[- ](?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)';

/** "seven" → 7, "14" → 14, "fifth" → 5, "21st" → 21, "twenty-one" → 21; null otherwise. */
export function wordToNumber(s: string): number | null {
  const w = s.trim().toLowerCase();
  const d = /^(\d{1,6})(?:st|nd|rd|th)?$/.exec(w);
  if (d) return Number(d[1]);
  if (w in UNITS) return UNITS[w];
  if (w in ORDINALS) return ORDINALS[w];
  const c = /^(twenty|thirty|forty|fifty|sixty)[- ](\w+)$/.exec(w);
  if (c) {
    const tail = UNITS[c[2]] ?? ORDINALS[c[2]];
    if (tail !== undefined && tail < 10) return UNITS[c[1]] + tail;
  }
  return null;
}

/** Formats a number with a fixed number of decimals and an explicit sign ("+9.60", "−1.56"). */
export function fmtSigned(x: number, decimals: number): string {
  const s = Math.abs(x).toFixed(decimals);
  if (Number(s) === 0) return s;
  return `${x < 0 ? '−' : '+'}${s}`;
}

export function fmtNum(x: number, decimals: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
