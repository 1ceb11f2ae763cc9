/**
 * Ken French data library ZIPs:
 *   GET {base}/F-F_Research_Data_Factors_daily_CSV.zip
 * Each ZIP holds one CSV (e.g. `F-F_Research_Data_Factors_daily.CSV`, often upper-case `.CSV`,
 * CRLF line endings, a free-text preamble and a copyright footer). The provider downloads the ZIP,
 * unzips it with fflate, decodes the CSV and hands it to the French file importer, injected as
 * `parse` (normally `src/sources/files/french.ts`) so both paths share one parser.
 *
 * The batch is the importer's, with:
 *  - `importer` 'french-zip', `source` as the importer set it (the publisher is the same);
 *  - `file` and each row's `prov.file` = `<URL>#<entry name>`, `prov.line` = line in that CSV;
 *  - `sha256` of the CSV bytes (equal to the sha of the same vintage imported from a file).
 * Dataset names are the library's file stems, e.g. `F-F_Research_Data_Factors_daily`,
 * `F-F_Momentum_Factor_daily`, `Portfolios_Formed_on_ME_daily`; `_CSV.zip` may be included.
 *
 * Base URL: option `baseUrl`, else env MARKETDASH_FRENCH_URL, else
 * https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp.
 */
import { unzipSync } from 'fflate';
import type { ImportBatch } from '../../model/batch.ts';
import { ImportError, UserError } from '../../model/errors.ts';
import type { FileInput, ParseOptions } from '../importer.ts';
import { decodeText, sha256 } from '../files/text.ts';
import { fetchWithRetry } from './http.ts';
import {
  type DatasetProvider,
  type FetchDatasetOptions,
  type HttpSettings,
  remoteError,
  resolveBaseUrl,
} from './provider.ts';

export const FRENCH_DEFAULT_URL = 'https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp';

export type FrenchParse = (input: FileInput, options: ParseOptions) => ImportBatch;

export interface FrenchZipOptions {
  /** The French CSV importer's parse (e.g. `frenchImporter.parse`). */
  parse: FrenchParse;
  baseUrl?: string;
  http?: HttpSettings;
}

const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/** `F-F_Research_Data_Factors_daily_CSV.zip` → `F-F_Research_Data_Factors_daily`; validates the name. */
export function frenchDatasetStem(name: string): string {
  const stem = name
    .trim()
    .replace(/_CSV\.zip$/i, '')
    .replace(/\.zip$/i, '');
  if (!DATASET_NAME.test(stem) || stem.includes('..')) {
    throw new UserError(
      `french: invalid dataset name ${JSON.stringify(name)} (expected e.g. F-F_Research_Data_Factors_daily)`,
      'bad_input',
    );
  }
  return stem;
}

/** Pick the CSV inside the archive: the only .csv/.txt file, or the one named like the dataset. */
function pickEntry(files: Record<string, Uint8Array>, stem: string, url: string): [string, Uint8Array] {
  const entries = Object.entries(files).filter(([n]) => !n.endsWith('/') && /\.(csv|txt)$/i.test(n));
  if (entries.length === 0) {
    const names = Object.keys(files);
    throw remoteError(
      'french',
      url,
      `the ZIP holds no CSV file${names.length ? ` (entries: ${names.slice(0, 5).join(', ')})` : ' (empty archive)'}`,
    );
  }
  if (entries.length === 1) return entries[0];
  const base = (n: string) =>
    n
      .split('/')
      .pop()!
      .replace(/\.(csv|txt)$/i, '')
      .toLowerCase();
  const match = entries.find(([n]) => base(n) === stem.toLowerCase());
  if (!match) {
    throw remoteError(
      'french',
      url,
      `the ZIP holds ${entries.length} CSV files and none is named ${stem}.csv: ${entries.map(([n]) => n).join(', ')}`,
    );
  }
  return match;
}

export class FrenchZipProvider implements DatasetProvider {
  readonly name = 'french';
  readonly baseUrl: string;
  private readonly parse: FrenchParse;
  private readonly http: HttpSettings | undefined;

  constructor(opts: FrenchZipOptions) {
    if (typeof opts?.parse !== 'function')
      throw new TypeError('FrenchZipProvider needs a parse function (the French importer)');
    this.parse = opts.parse;
    this.http = opts.http;
    this.baseUrl = resolveBaseUrl(opts.baseUrl, 'MARKETDASH_FRENCH_URL', FRENCH_DEFAULT_URL);
  }

  url(name: string): string {
    return `${this.baseUrl}/${frenchDatasetStem(name)}_CSV.zip`;
  }

  async fetchDataset(name: string, opts: FetchDatasetOptions = {}): Promise<ImportBatch> {
    const stem = frenchDatasetStem(name);
    const res = await fetchWithRetry(this.url(stem), {
      ...this.http,
      provider: this.name,
      headers: { accept: 'application/zip,application/octet-stream,*/*' },
    });
    const url = res.url;

    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(res.body);
    } catch (err) {
      const head = new TextDecoder().decode(res.body.subarray(0, 60)).replace(/\s+/g, ' ').trim();
      throw remoteError(
        this.name,
        url,
        `malformed response: not a valid ZIP archive (${err instanceof Error ? err.message : String(err)}${head ? `; body starts '${head}'` : ''})`,
      );
    }
    const [entryName, bytes] = pickEntry(files, stem, url);
    const file = `${url}#${entryName}`;

    let text: string;
    try {
      text = decodeText(file, bytes);
    } catch (err) {
      throw remoteError(
        this.name,
        url,
        `malformed response: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const input: FileInput = {
      path: file,
      relPath: entryName.split('/').pop()!,
      text,
      sha256: sha256(bytes),
    };

    let batch: ImportBatch;
    try {
      batch = this.parse(input, { lenient: opts.lenient ?? false });
    } catch (err) {
      if (err instanceof ImportError) {
        throw remoteError(this.name, file, `malformed dataset: line ${err.line ?? '?'}: ${err.problem}`);
      }
      throw err;
    }

    // Provenance points at the download, not at a local file.
    batch.importer = 'french-zip';
    batch.file = file;
    for (const o of batch.observations) o.prov = { ...o.prov, file };
    for (const b of batch.bars) b.prov = { ...b.prov, file };
    for (const w of batch.warnings) w.file = file;
    for (const s of batch.skipped) s.file = file;
    return batch;
  }
}
