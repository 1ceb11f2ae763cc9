/**
 * An independent check that every number printed in a Markdown report is one of the report's facts,
 * allowing only formatting: rounding to the printed decimals, a % sign (fractions × 100), bps,
 * "pts", thousands separators, a sign or its absence, ordinals, and dates written as
 * "Aug. 21, 2026", "Aug. 21", "August 2026", "2026" or "2026-08-21".
 * Not numbers: `code spans` (file names, series ids), link targets, and the proper names below.
 */
export interface FactLike {
  id: string;
  value: number | string;
  unit: string;
}

const NAMES = ['S&P 500', 'Russell 2000', 'Nasdaq-100', 'S&P MidCap 400', 'S&P SmallCap 600'];
const MONTHS: Record<string, number> = {
  'Jan.': 1,
  January: 1,
  'Feb.': 2,
  February: 2,
  March: 3,
  April: 4,
  May: 5,
  June: 6,
  July: 7,
  'Aug.': 8,
  August: 8,
  'Sept.': 9,
  September: 9,
  'Oct.': 10,
  October: 10,
  'Nov.': 11,
  November: 11,
  'Dec.': 12,
  December: 12,
};
const MONTH_RE = Object.keys(MONTHS)
  .map((m) => m.replace('.', '\\.'))
  .join('|');

export interface Problem {
  token: string;
  context: string;
}

export function numbersNotInFacts(
  markdown: string,
  facts: FactLike[],
): { checked: number; problems: Problem[] } {
  const dates = facts.filter((f) => f.unit === 'date').map((f) => String(f.value));
  const nums = facts.filter((f) => typeof f.value === 'number') as {
    id: string;
    value: number;
    unit: string;
  }[];
  const problems: Problem[] = [];
  let checked = 0;
  const lines = markdown.split('\n');
  for (const raw of lines) {
    let line = raw.replace(/`[^`]*`/g, ' ').replace(/\]\([^)]*\)/g, ']');
    for (const n of NAMES) line = line.split(n).join(' ');
    const fail = (token: string) => problems.push({ token, context: raw.slice(0, 160) });
    // Full dates, month-day, month-year.
    line = line.replace(new RegExp(`(${MONTH_RE}) (\\d{1,2}), (\\d{4})`, 'g'), (m, mo, d, y) => {
      checked++;
      const iso = `${y}-${String(MONTHS[mo]).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (!dates.includes(iso)) fail(m);
      return ' ';
    });
    line = line.replace(new RegExp(`(${MONTH_RE}) (\\d{4})`, 'g'), (m, mo, y) => {
      checked++;
      const ym = `${y}-${String(MONTHS[mo]).padStart(2, '0')}`;
      if (!dates.some((d) => d.startsWith(ym))) fail(m);
      return ' ';
    });
    line = line.replace(new RegExp(`(${MONTH_RE}) (\\d{1,2})\\b`, 'g'), (m, mo, d) => {
      checked++;
      const md = `-${String(MONTHS[mo]).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (!dates.some((x) => x.endsWith(md))) fail(m);
      return ' ';
    });
    line = line.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => {
      checked++;
      if (!dates.includes(m)) fail(m);
      return ' ';
    });
    // Other numbers.
    const re = /[+\u2212-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%| bps| pts|st|nd|rd|th)?/g;
    for (const m of line.matchAll(re)) {
      const tok = m[0];
      checked++;
      const body = tok.replace(/^[+\u2212-]/, '').replace(/(%| bps| pts|st|nd|rd|th)$/, '');
      const x = Number(body.replace(/,/g, ''));
      const decimals = body.includes('.') ? body.split('.')[1].length : 0;
      const tol = 0.5 * 10 ** -decimals + 1e-9;
      const pct = tok.endsWith('%');
      const cands = (f: { value: number; unit: string }) => {
        const v = Math.abs(f.value);
        if (pct) return f.unit === 'return' || f.unit === 'weight' ? [v * 100] : f.unit === 'pct' ? [v] : [];
        return f.unit === 'return' || f.unit === 'weight' ? [v * 100, v * 10_000] : [v];
      };
      const ok =
        nums.some((f) => cands(f).some((c) => Math.abs(c - x) <= tol)) ||
        (decimals === 0 && /^\d{4}$/.test(body) && dates.some((d) => d.startsWith(body)));
      if (!ok) fail(tok);
    }
  }
  return { checked, problems };
}
