/**
 * Yahoo Finance chart API v8:
 *   GET {base}/v8/finance/chart/SPY?period1=<epoch s>&period2=<epoch s>&interval=1d&events=div,split
 *
 * Real response (JSON):
 *   { chart: { result: [ { meta: { symbol, exchangeTimezoneName, instrumentType, longName?, ... },
 *                          timestamp: [epoch s, ...],
 *                          events?: { dividends?, splits? },
 *                          indicators: { quote: [ { open: [], high: [], low: [], close: [], volume: [] } ],
 *                                        adjclose: [ { adjclose: [] } ] } } ],
 *              error: null } }
 * The arrays run parallel to `timestamp` and may hold nulls (a day without a print). Daily
 * timestamps are the session's opening instant; the bar's date is that instant's date in the
 * exchange's time zone (meta.exchangeTimezoneName, America/New_York for US listings).
 * An unknown symbol: HTTP 404 with `{ chart: { result: null, error: { code: 'Not Found', description } } }`
 * → UserError not_found. Other `chart.error` payloads → unavailable.
 *
 * Bars: `close` is Yahoo's close, split-adjusted but not dividend-adjusted → adjustment 'split'
 * ('none' for indices); `adjClose` is the split+dividend adjusted close. A timestamp whose close is
 * null is skipped (listed in batch.skipped) - that is normal Yahoo output, not an error.
 * Provenance line = 1-based index into the arrays.
 *
 * Base URL: option `baseUrl`, else env MARKETDASH_YAHOO_URL, else https://query1.finance.yahoo.com.
 */
import { z } from 'zod';
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { UserError } from '../../model/errors.ts';
import type { Adjustment, InstrumentKind } from '../../model/types.ts';
import { instrumentKind } from '../files/known-files.ts';
import { sha256 } from '../files/text.ts';
import { acceptBar, type FinishContext, finishBars, type RawBar } from './bars.ts';
import { fetchWithRetry } from './http.ts';
import {
  checkRange,
  type FetchDailyOptions,
  type LiveProvider,
  localDate,
  type ProviderConfig,
  remoteError,
  resolveBaseUrl,
} from './provider.ts';

export const YAHOO_DEFAULT_URL = 'https://query1.finance.yahoo.com';

/** Yahoo asks for a browser-like agent; bare clients get 429s. */
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) marketdash/0.1';

/** Earliest period1 we ask for: 1900-01-01 (^GSPC history starts in 1927, before the epoch). */
const EARLIEST = Date.UTC(1900, 0, 1) / 1000;

const nums = z.array(z.number().nullable());

const ChartError = z.object({ code: z.string(), description: z.string().nullable().optional() });

const ChartResult = z.object({
  meta: z.object({
    symbol: z.string().optional(),
    exchangeTimezoneName: z.string().optional(),
    instrumentType: z.string().optional(),
    longName: z.string().optional(),
    shortName: z.string().optional(),
  }),
  timestamp: z.array(z.number()).optional(),
  indicators: z.object({
    quote: z
      .array(
        z.object({
          open: nums.optional(),
          high: nums.optional(),
          low: nums.optional(),
          close: nums.optional(),
          volume: nums.optional(),
        }),
      )
      .min(1),
    adjclose: z.array(z.object({ adjclose: nums.optional() })).optional(),
  }),
});

const ChartResponse = z.object({
  chart: z.object({
    result: z.array(ChartResult).nullable().optional(),
    error: ChartError.nullable().optional(),
  }),
});

function kindOf(instrumentType: string | undefined, symbol: string): InstrumentKind {
  switch ((instrumentType ?? '').toUpperCase()) {
    case 'EQUITY':
      return 'stock';
    case 'ETF':
    case 'MUTUALFUND':
      return 'etf';
    case 'INDEX':
      return 'index';
    default:
      return instrumentKind(symbol);
  }
}

interface ParseContext extends FinishContext {
  symbol: string;
  sha256: string;
}

/** Map a chart API v8 body to a batch (pure; exported for tests). */
export function parseYahooChart(text: string, ctx: ParseContext): ImportBatch {
  const provider = ctx.provider;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const head = text.trim().slice(0, 80).replace(/\s+/g, ' ');
    throw remoteError(
      provider,
      ctx.url,
      `malformed response: not JSON${head ? ` ('${head}')` : ' (empty body)'}`,
    );
  }
  const parsed = ChartResponse.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw remoteError(
      provider,
      ctx.url,
      `malformed response: not a chart API v8 body (${issue.path.join('.') || 'root'}: ${issue.message})`,
    );
  }
  const { result, error } = parsed.data.chart;
  if (error) {
    const desc = error.description ? `: ${error.description}` : '';
    if (/not found/i.test(error.code)) {
      throw new UserError(`${provider}: symbol ${ctx.symbol} not found${desc} (${ctx.url})`, 'not_found');
    }
    throw remoteError(provider, ctx.url, `error ${error.code}${desc}`);
  }
  if (!result || result.length === 0)
    throw remoteError(provider, ctx.url, 'malformed response: chart.result is empty');
  const r = result[0];
  const symbol = ctx.symbol.trim().toUpperCase();
  const tz = r.meta.exchangeTimezoneName ?? 'America/New_York';
  const kind = kindOf(r.meta.instrumentType, symbol);
  const adjustment: Adjustment = kind === 'index' ? 'none' : 'split';
  const batch = emptyBatch('yahoo', 'yahoo', ctx.url, ctx.sha256);
  batch.instruments.push({ symbol, name: r.meta.longName ?? r.meta.shortName ?? null, kind });

  const ts = r.timestamp ?? [];
  const q = r.indicators.quote[0];
  const adj = r.indicators.adjclose?.[0]?.adjclose;
  const arrays = { open: q.open, high: q.high, low: q.low, close: q.close, volume: q.volume, adjclose: adj };
  for (const [k, arr] of Object.entries(arrays)) {
    if (arr && arr.length !== ts.length) {
      throw remoteError(
        provider,
        ctx.url,
        `malformed response: ${k} has ${arr.length} values for ${ts.length} timestamps`,
      );
    }
  }
  if (ts.length > 0 && !q.close) throw remoteError(provider, ctx.url, 'malformed response: no close prices');

  let tzOk = true;
  try {
    localDate(0, tz);
  } catch {
    tzOk = false;
  }
  if (!tzOk) throw remoteError(provider, ctx.url, `malformed response: unknown time zone '${tz}'`);

  const rows: RawBar[] = [];
  for (let i = 0; i < ts.length; i++) {
    const line = i + 1;
    const close = q.close?.[i] ?? null;
    const date = localDate(ts[i] * 1000, tz);
    if (close === null) {
      batch.skipped.push({ file: ctx.url, line, reason: `${date}: no close (null in Yahoo's arrays)` });
      continue;
    }
    acceptBar(
      batch,
      ctx,
      {
        line,
        bar: {
          symbol,
          date,
          open: q.open?.[i] ?? null,
          high: q.high?.[i] ?? null,
          low: q.low?.[i] ?? null,
          close,
          adjClose: adj?.[i] ?? null,
          volume: q.volume?.[i] ?? null,
          adjustment,
          provisional: false,
        },
      },
      rows,
    );
  }
  finishBars(batch, rows, ctx);
  return batch;
}

export class YahooProvider implements LiveProvider {
  readonly name = 'yahoo';
  readonly baseUrl: string;

  constructor(private readonly config: ProviderConfig = {}) {
    this.baseUrl = resolveBaseUrl(config.baseUrl, 'MARKETDASH_YAHOO_URL', YAHOO_DEFAULT_URL);
  }

  url(symbol: string, from: string | null, to: string | null, nowMs: number): string {
    const period1 = from ? Date.parse(`${from}T00:00:00Z`) / 1000 : EARLIEST;
    // period2 is exclusive: UTC midnight after `to`. Daily timestamps are the 09:30 New York open,
    // so the `to` session is inside and the next one is not; rows are filtered to [from, to] anyway.
    const period2 = to ? Date.parse(`${to}T00:00:00Z`) / 1000 + 86_400 : Math.floor(nowMs / 1000);
    return `${this.baseUrl}/v8/finance/chart/${encodeURIComponent(symbol.trim().toUpperCase())}?period1=${period1}&period2=${period2}&interval=1d&events=div,split`;
  }

  async fetchDaily(symbol: string, opts: FetchDailyOptions = {}): Promise<ImportBatch> {
    if (symbol.trim() === '') throw new UserError('yahoo: empty symbol', 'bad_input');
    const { from, to } = checkRange(this.name, opts);
    const nowMs = (this.config.now ?? Date.now)();
    const res = await fetchWithRetry(this.url(symbol, from, to, nowMs), {
      ...this.config.http,
      provider: this.name,
      headers: { accept: 'application/json', 'user-agent': USER_AGENT },
      // 400/404 carry a chart.error JSON body (e.g. 'Not Found' for an unknown symbol).
      accept: (s) => (s >= 200 && s <= 299) || s === 400 || s === 404,
    });
    const text = res.text();
    if (res.status !== 200 && !/^\s*\{/.test(text)) {
      throw remoteError(this.name, res.url, `HTTP ${res.status} without a chart API body`);
    }
    return parseYahooChart(text, {
      provider: this.name,
      url: res.url,
      symbol,
      sha256: sha256(res.body),
      from,
      to,
      lenient: opts.lenient ?? false,
      nowMs,
    });
  }
}
