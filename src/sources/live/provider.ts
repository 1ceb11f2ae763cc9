/**
 * The contract of the live (network) data providers, and the helpers they share.
 *
 * A live provider maps one remote response into one canonical ImportBatch, exactly like a file
 * importer does for one file: the store writes it in one transaction. Batch fields for live data:
 *  - `source`  the provider name (`stooq`, `yahoo`; the French provider keeps the importer's `french`);
 *  - `file`    the request URL with secrets removed (see `redactUrl`);
 *  - `sha256`  of the response body (French: of the CSV inside the ZIP, so it matches a file import
 *              of the same vintage);
 *  - every row's `prov` = { source, file: URL, line } where `line` is the CSV line (Stooq, French)
 *    or the 1-based index in the JSON arrays (Yahoo).
 *
 * Errors are `UserError`s: code `not_found` for an unknown symbol/dataset, `bad_input` for bad
 * arguments, `unavailable` for everything the remote side got wrong (HTTP errors after retries,
 * time-outs, malformed bodies), always naming the provider and the URL.
 */
import type { ImportBatch } from '../../model/batch.ts';
import { UserError } from '../../model/errors.ts';
import { IsoDate } from '../../model/types.ts';
import type { FetchWithRetryOptions } from './http.ts';

export interface FetchDailyOptions {
  /** First date wanted, inclusive (YYYY-MM-DD). */
  from?: string;
  /** Last date wanted, inclusive (YYYY-MM-DD). */
  to?: string;
  /** Skip malformed rows (listed in batch.skipped) instead of failing the whole fetch. Default false. */
  lenient?: boolean;
}

/** A provider of daily price bars for a symbol. */
export interface LiveProvider {
  readonly name: string;
  fetchDaily(symbol: string, opts?: FetchDailyOptions): Promise<ImportBatch>;
}

export interface FetchDatasetOptions {
  lenient?: boolean;
}

/** A provider of named datasets (e.g. Ken French library files) rather than per-symbol bars. */
export interface DatasetProvider {
  readonly name: string;
  fetchDataset(name: string, opts?: FetchDatasetOptions): Promise<ImportBatch>;
}

/** HTTP settings shared by all providers (see fetchWithRetry). */
export type HttpSettings = Omit<FetchWithRetryOptions, 'provider' | 'accept' | 'headers'>;

/** Constructor options common to all providers. */
export interface ProviderConfig {
  /** Base URL (scheme + host [+ path prefix]); overrides the environment variable and the default. */
  baseUrl?: string;
  http?: HttpSettings;
  /** Clock, for deciding whether today's bar is still intraday (tests inject it). */
  now?: () => number;
}

/** Pick the base URL: explicit option, else the environment variable, else the real service. No trailing slash. */
export function resolveBaseUrl(explicit: string | undefined, envVar: string, fallback: string): string {
  const raw = explicit ?? process.env[envVar] ?? fallback;
  const trimmed = raw.trim().replace(/\/+$/, '');
  try {
    const u = new URL(trimmed);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new UserError(
      `invalid base URL ${JSON.stringify(raw)} (from ${explicit !== undefined ? 'options' : envVar})`,
      'bad_input',
    );
  }
  return trimmed;
}

/** Validate from/to (real ISO dates, from <= to). */
export function checkRange(
  provider: string,
  opts: FetchDailyOptions,
): { from: string | null; to: string | null } {
  const from = opts.from ?? null;
  const to = opts.to ?? null;
  for (const [k, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (v !== null && !IsoDate.safeParse(v).success) {
      throw new UserError(
        `${provider}: option ${k} must be a date as YYYY-MM-DD, got ${JSON.stringify(v)}`,
        'bad_input',
      );
    }
  }
  if (from !== null && to !== null && from > to) {
    throw new UserError(`${provider}: from ${from} is after to ${to}`, 'bad_input');
  }
  return { from, to };
}

export function inRange(date: string, from: string | null, to: string | null): boolean {
  return (from === null || date >= from) && (to === null || date <= to);
}

const NY_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const NY_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(epochMs: number, timeZone = 'America/New_York'): string {
  const fmt =
    timeZone === 'America/New_York'
      ? NY_DATE
      : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return fmt.format(new Date(epochMs));
}

/**
 * True when a daily bar dated `date` may still change: it is today in New York and the regular
 * session (plus 15 minutes for the closing auction to print) is not over yet.
 */
export function isIntradayBar(date: string, nowMs: number): boolean {
  if (date !== localDate(nowMs)) return false;
  const [h, m] = NY_TIME.format(new Date(nowMs)).split(':').map(Number);
  return h * 60 + m < 16 * 60 + 15;
}

/** A failure caused by the remote side (malformed body, error payload): UserError 'unavailable'. */
export function remoteError(provider: string, url: string, problem: string): UserError {
  return new UserError(`${provider}: ${problem} (from ${url})`, 'unavailable');
}
