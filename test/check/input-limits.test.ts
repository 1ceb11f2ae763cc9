/**
 * Malformed or huge input gets a clear error or a bounded run, never a crash or a hang: binary,
 * 10 MB of text, an HTML page with scripts, pathological single lines. Plus the normalisation itself.
 */
import { describe, expect, it } from 'vitest';
import { decodeInputBytes, MAX_INPUT_BYTES } from '../../src/check/limits.ts';
import { detectFormat, htmlToText, markdownToText, normalizeText } from '../../src/check/normalize.ts';
import { splitSentences } from '../../src/check/sentences.ts';
import { check } from './helpers/data.ts';

const ARTICLE = `NEW YORK – Jan. 22, 2026 – The Russell 2000 rose 0.8% on Thursday and is up 9.5% year-to-date. Small caps beat large caps for 14 straight sessions, the longest streak on record. The index closed at a record high. Analysts see it reaching 3,000, about 10% above its current 2,718.77.

| Index | YTD % |
|---|---|
| Russell 2000 | +9.5 |
| S&P 500 | +1.0 |

Small-cap funds took in $1.2 billion, $850 million and $1.3 billion, more than $3.2 billion in all.
`;

describe('normalisation', () => {
  it('HTML: scripts, styles, comments and JSON-LD dropped; entities decoded; paragraphs and table rows kept', () => {
    const html = `<!doctype html><html><head><title>t</title><style>p{}</style><script>var s = "The S&P 500 fell 40% on Monday";</script></head>
      <body><p>The S&amp;P&nbsp;500 rose 1.2%&mdash;its best day since&#160;March &#x2212;&#8722;</p><!-- fell 30% -->
      <script type="application/ld+json">{"a":"rose 99%"}</script><table><tr><th>A</th><th>B</th></tr><tr><td>x</td><td>1</td></tr></table></body></html>`;
    expect(detectFormat(html)).toBe('html');
    const t = htmlToText(html);
    expect(t).toBe('The S&P 500 rose 1.2%—its best day since March −−\n\n| A | B |\n| x | 1 |');
  });
  it('Markdown: links keep their text, emphasis and heading markers go, tables stay', () => {
    const md =
      '# Small caps\n\n**The [Russell 2000](https://x.test/rut)** rose *1.2%*.\n\n| a | b |\n|---|---|\n| **x** | 1 |';
    expect(detectFormat(md)).toBe('markdown');
    expect(markdownToText(md)).toBe(
      'Small caps\n\nThe Russell 2000 rose 1.2%.\n\n| a | b |\n|---|---|\n| x | 1 |',
    );
  });
  it('sentences: abbreviations (Jan., Corp., U.S.) and decimals do not end a sentence; soft-wrapped lines join', () => {
    const { text } = normalizeText(
      'Acme Corp. rose 1.5% on Jan. 22 in the U.S. market. The index fell.\nA second line, long enough to be wrapped by an editor at about sixty\ncharacters, continues the same paragraph. End.',
      'text',
    );
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Acme Corp. rose 1.5% on Jan. 22 in the U.S. market.',
      'The index fell.',
      'A second line, long enough to be wrapped by an editor at about sixty characters, continues the same paragraph.',
      'End.',
    ]);
  });
});

describe('input limits', () => {
  it('binary input is a clear error (NUL bytes, invalid UTF-8, control characters)', async () => {
    await expect(check('abc\u0000def')).rejects.toThrow(/looks binary \(it contains NUL bytes\)/);
    await expect(check('\u0001\u0002\u0003'.repeat(100))).rejects.toThrow(/looks binary \(300 control/);
    expect(() =>
      decodeInputBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'img.png'),
    ).toThrow(/img\.png looks binary/);
    expect(() => decodeInputBytes(Uint8Array.from([0x66, 0xff, 0xfe, 0x66]), 'latin.txt')).toThrow(
      /not valid UTF-8/,
    );
    expect(decodeInputBytes(new TextEncoder().encode('\ufeffhello'), 'bom.txt')).toBe('hello');
  });

  it('10 MB of text: a clear error, at once', async () => {
    const big = ARTICLE.repeat(Math.ceil(10_000_000 / ARTICLE.length));
    const t0 = performance.now();
    await expect(check(big)).rejects.toThrow(
      /characters, over the 2,000,000-character limit: check it in parts/,
    );
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(() => decodeInputBytes(new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x61), 'big.txt')).toThrow(
      /over the 2,097,152-byte limit/,
    );
  });

  it('2 MB of article text: a bounded run (claims capped at 2,000, with a note)', async () => {
    const big = ARTICLE.repeat(Math.floor(1_990_000 / ARTICLE.length));
    const t0 = performance.now();
    const r = await check(big);
    const ms = performance.now() - t0;
    // The article repeats itself: the 2,000 claims read are reported once each, with their counts.
    expect(r.claims.reduce((n, c) => n + c.count, 0)).toBe(2000);
    expect(r.claims.length).toBeLessThan(2000);
    expect(r.claims.every((c) => c.count === 1 || c.repeats?.length === c.count - 1)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/only the first 2000 claims were checked; \d+ more were left out/);
    expect(ms).toBeLessThan(20_000);
  });

  it('pathological input: one 2 MB line, 2 MB of "<", digits, pipes and percent signs all finish quickly', async () => {
    const cases: [string, string, 'text' | 'html' | undefined][] = [
      ['one line', 'small caps rose '.repeat(120_000), undefined],
      ['angle brackets', '<'.repeat(1_900_000), 'html'],
      ['unclosed tag', `<p class="${'x'.repeat(1_900_000)}`, 'html'],
      ['digits', '1.1,2%'.repeat(300_000), undefined],
      ['pipes', '| 1 | 2 |\n'.repeat(190_000), undefined],
      ['percents', 'rose 1% '.repeat(240_000), undefined],
    ];
    for (const [name, text, format] of cases) {
      const t0 = performance.now();
      const r = await check(text, [], { format });
      expect([name, performance.now() - t0 < 15_000]).toEqual([name, true]);
      expect(r.summary.total).toBeLessThanOrEqual(2000);
    }
  });
});
