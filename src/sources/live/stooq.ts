/**
 * Stooq daily history: `GET {base}/q/d/l/?s=spy.us&i=d[&d1=YYYYMMDD&d2=YYYYMMDD]`.
 *
 * Real response: CSV with header `Date,Open,High,Low,Close,Volume` (indices may lack Volume), one
 * row per session, oldest first, dates `YYYY-MM-DD`. An unknown symbol (or a range without data)
 * gives HTTP 200 with the plain text `No data` → UserError not_found. A quota refusal ("Exceeded
 * the daily hits limit") or any other non-CSV body → UserError unavailable.
 *
 * Adjustment 'split': Stooq restates its whole history after a split (a 2:1 split halves all
 * earlier prices), but its closes are the traded closes without dividend adjustment, and it
 * publishes no separate adjusted close, so adjClose is null. Stooq does not document this; it is
 * how its data compares with exchange closes. Index levels (symbols starting with ^) get 'none'.
 *
 * Base URL: option `baseUrl`, else env MARKETDASH_STOOQ_URL, else https://stooq.com.
 */
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { UserError } from '../../model/errors.ts';
import type { Adjustment } from '../../model/types.ts';
import { instrumentKind } from '../files/known-files.ts';
import { isMissingToken, parseDate, parseNumber, sha256, splitLines } from '../files/text.ts';
import { acceptBar, type FinishContext, finishBars, type RawBar, rowProblem } from './bars.ts';
import { fetchWithRetry } from './http.ts';
import {
  checkRange,
  type FetchDailyOptions,
  type LiveProvider,
  type ProviderConfig,
  remoteError,
  resolveBaseUrl,
} from './provider.ts';

export const STOOQ_DEFAULT_URL = 'https://stooq.com';

/** Yahoo-style index symbols → Stooq's names. */
const STOOQ_INDEX: Record<string, string> = {
  '^GSPC': '^spx',
  '^SPX': '^spx',
  '^DJI': '^dji',
  '^IXIC': '^ndq',
  '^NDX': '^ndx',
};

/** Map a ticker to Stooq's symbol: SPY → spy.us, BRK.B → brk-b.us, ^GSPC → ^spx; `x.uk` passes through. */
export function stooqSymbol(symbol: string): string {
  const s = symbol.trim().toUpperCase();
  if (STOOQ_INDEX[s]) return STOOQ_INDEX[s];
  if (s.startsWith('^')) return s.toLowerCase();
  if (/\.[A-Z]{2}$/.test(s)) return s.toLowerCase(); // already has a market suffix
  return `${s.replace(/\./g, '-').toLowerCase()}.us`;
}

interface ParseContext extends FinishContext {
  symbol: string;
  sha256: string;
}

const COLS = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;
type StooqCol = (typeof COLS)[number];

/** Map the Stooq CSV body to a batch (pure; exported for tests). */
export function parseStooqCsv(text: string, ctx: ParseContext): ImportBatch {
  const provider = ctx.provider;
  const trimmed = text.trim();
  if (/^no data/i.test(trimmed)) {
    throw new UserError(
      `${provider}: no data for ${ctx.symbol} (${stooqSymbol(ctx.symbol)}): unknown symbol, or nothing in the requested range (${ctx.url})`,
      'not_found',
    );
  }
  const lines = splitLines(text);
  const header = (lines[0] ?? '').split(',').map((c) => c.trim().toLowerCase());
  const idx: Partial<Record<StooqCol, number>> = {};
  header.forEach((c, i) => {
    if ((COLS as readonly string[]).includes(c) && idx[c as StooqCol] === undefined) idx[c as StooqCol] = i;
  });
  if (idx.date !== 0 || idx.close === undefined) {
    const what = trimmed === '' ? 'an empty body' : `'${trimmed.slice(0, 80).replace(/\s+/g, ' ')}'`;
    throw remoteError(
      provider,
      ctx.url,
      `unexpected response, not a Stooq CSV (expected header Date,Open,High,Low,Close,Volume, got ${what})`,
    );
  }

  const batch = emptyBatch('stooq', 'stooq', ctx.url, ctx.sha256);
  const symbol = ctx.symbol.trim().toUpperCase();
  const adjustment: Adjustment = symbol.startsWith('^') ? 'none' : 'split';
  const width = header.length;
  const rows: RawBar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const cells = raw.split(',');
    if (cells.length !== width) {
      rowProblem(batch, ctx, lineNo, `expected ${width} fields, got ${cells.length}: '${raw.slice(0, 80)}'`);
      continue;
    }
    const date = parseDate(cells[0]);
    if (!date) {
      rowProblem(batch, ctx, lineNo, `bad date '${cells[0]}'`);
      continue;
    }
    const num = (col: StooqCol): number | null | undefined => {
      const k = idx[col];
      if (k === undefined || isMissingToken(cells[k])) return null;
      const v = parseNumber(cells[k]);
      return Number.isNaN(v) ? undefined : v;
    };
    const values = {
      open: num('open'),
      high: num('high'),
      low: num('low'),
      close: num('close'),
      volume: num('volume'),
    };
    const badCol = (Object.keys(values) as (keyof typeof values)[]).find((k) => values[k] === undefined);
    if (badCol) {
      rowProblem(batch, ctx, lineNo, `column ${badCol}: '${cells[idx[badCol]!].trim()}' is not a number`);
      continue;
    }
    if (values.close === null || values.close === undefined) {
      rowProblem(batch, ctx, lineNo, 'missing close');
      continue;
    }
    acceptBar(
      batch,
      ctx,
      {
        line: lineNo,
        bar: {
          symbol,
          date,
          open: values.open ?? null,
          high: values.high ?? null,
          low: values.low ?? null,
          close: values.close,
          adjClose: null,
          volume: values.volume ?? null,
          adjustment,
          provisional: false,
        },
      },
      rows,
    );
  }
  finishBars(batch, rows, ctx);
  batch.instruments.push({ symbol, name: null, kind: instrumentKind(symbol) });
  return batch;
}

function compact(date: string): string {
  return date.replace(/-/g, '');
}

export class StooqProvider implements LiveProvider {
  readonly name = 'stooq';
  readonly baseUrl: string;

  constructor(private readonly config: ProviderConfig = {}) {
    this.baseUrl = resolveBaseUrl(config.baseUrl, 'MARKETDASH_STOOQ_URL', STOOQ_DEFAULT_URL);
  }

  url(symbol: string, from: string | null, to: string | null): string {
    let u = `${this.baseUrl}/q/d/l/?s=${encodeURIComponent(stooqSymbol(symbol)).replace(/%5E/gi, '^')}&i=d`;
    if (from) u += `&d1=${compact(from)}`;
    if (to) u += `&d2=${compact(to)}`;
    return u;
  }

  async fetchDaily(symbol: string, opts: FetchDailyOptions = {}): Promise<ImportBatch> {
    if (symbol.trim() === '') throw new UserError('stooq: empty symbol', 'bad_input');
    const { from, to } = checkRange(this.name, opts);
    const res = await fetchWithRetry(this.url(symbol, from, to), {
      ...this.config.http,
      provider: this.name,
      headers: { accept: 'text/csv,text/plain,*/*' },
    });
    return parseStooqCsv(res.text(), {
      provider: this.name,
      url: res.url,
      symbol,
      sha256: sha256(res.body),
      from,
      to,
      lenient: opts.lenient ?? false,
      nowMs: (this.config.now ?? Date.now)(),
    });
  }
}
