import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyBatch, type ImportBatch } from '../../../src/model/batch.ts';
import { ImportError, UserError } from '../../../src/model/errors.ts';
import { frenchImporter } from '../../../src/sources/files/french.ts';
import type { FileInput, ParseOptions } from '../../../src/sources/importer.ts';
import { FrenchZipProvider, frenchDatasetStem } from '../../../src/sources/live/french-zip.ts';
import { FAST, type LocalServer, startServer } from './local-server.ts';

/** The CSV as the library ships it inside the ZIP: preamble, `,Mkt-RF,...` header, YYYYMMDD, CRLF, footer. */
const FF3_DAILY_CSV = [
  'This file was created by CMPT_ME_BEME_RETS_DAILY using the 202604 CRSP database.',
  'The Tbill return is the simple daily rate that, over the number of trading days',
  'in the month, compounds to 1-month TBill rate.',
  '',
  ',Mkt-RF,SMB,HML,RF',
  '19260701,    0.09,   -0.25,   -0.27,    0.01',
  '19260702,    0.45,   -0.33,   -0.06,    0.01',
  '19260706,    0.17,    0.30,   -0.39,    0.01',
  '',
  'Copyright 2026 Eugene F. Fama and Kenneth R. French',
  '',
].join('\r\n');

const ENTRY = 'F-F_Research_Data_Factors_daily.CSV';
const ZIP_PATH = '/F-F_Research_Data_Factors_daily_CSV.zip';

function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)])));
}

const ZIP_HEADERS = { 'content-type': 'application/x-zip-compressed' };

/** Tiny stand-in for the French importer: `YYYYMMDD, v1, v2, ...` rows under a `,A,B,...` header. */
const calls: { input: FileInput; options: ParseOptions }[] = [];
function standInParse(input: FileInput, options: ParseOptions): ImportBatch {
  calls.push({ input, options });
  const batch = emptyBatch('french', 'french', input.relPath, input.sha256);
  const lines = input.text.split(/\r?\n/);
  const h = lines.findIndex((l) => l.startsWith(',') || l.startsWith('Date,'));
  if (h < 0) throw new ImportError(input.relPath, null, 'no table');
  const cols = lines[h]
    .split(',')
    .slice(1)
    .map((c) => c.trim());
  for (let i = h + 1; i < lines.length && lines[i].trim() !== ''; i++) {
    const cells = lines[i].split(',');
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(cells[0].trim());
    if (!m) throw new ImportError(input.relPath, i + 1, `bad date '${cells[0]}'`);
    cols.forEach((c, k) => {
      batch.observations.push({
        series: `FF.${c}`,
        freq: 'D',
        date: `${m[1]}-${m[2]}-${m[3]}`,
        value: Number(cells[k + 1]) / 100,
        unit: 'fraction',
        prov: { source: 'french', file: input.relPath, line: i + 1 },
      });
    });
  }
  return batch;
}

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  calls.length = 0;
  delete process.env.MARKETDASH_FRENCH_URL;
});

async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a rejection');
}

describe('scenario: downloading the FF3 daily factors ZIP', () => {
  it('unzips the CSV, hands it to the parse function and points provenance at the download', async () => {
    server = await startServer([{ headers: ZIP_HEADERS, body: zipOf({ [ENTRY]: FF3_DAILY_CSV }) }]);
    const provider = new FrenchZipProvider({ parse: standInParse, baseUrl: server.baseUrl, http: FAST });
    const batch = await provider.fetchDataset('F-F_Research_Data_Factors_daily');

    expect(server.requests.map((r) => r.url)).toEqual([ZIP_PATH]);
    expect(calls).toHaveLength(1);
    expect(calls[0].input.relPath).toBe(ENTRY);
    expect(calls[0].input.text).toBe(FF3_DAILY_CSV);
    expect(calls[0].options).toEqual({ lenient: false });

    const file = `${server.baseUrl}${ZIP_PATH}#${ENTRY}`;
    expect(batch.importer).toBe('french-zip');
    expect(batch.source).toBe('french');
    expect(batch.file).toBe(file);
    expect(batch.sha256).toBe(createHash('sha256').update(FF3_DAILY_CSV).digest('hex'));
    expect(batch.observations).toHaveLength(12);
    expect(batch.observations[0]).toEqual({
      series: 'FF.Mkt-RF',
      freq: 'D',
      date: '1926-07-01',
      value: 0.0009,
      unit: 'fraction',
      prov: { source: 'french', file, line: 6 },
    });
  });

  it('with the real French importer (src/sources/files/french.ts)', async () => {
    server = await startServer([{ headers: ZIP_HEADERS, body: zipOf({ [ENTRY]: FF3_DAILY_CSV }) }]);
    const provider = new FrenchZipProvider({
      parse: frenchImporter.parse,
      baseUrl: server.baseUrl,
      http: FAST,
    });
    const batch = await provider.fetchDataset('F-F_Research_Data_Factors_daily_CSV.zip');
    const file = `${server.baseUrl}${ZIP_PATH}#${ENTRY}`;
    const mkt = batch.observations.filter((o) => o.series === 'FF.Mkt-RF');
    expect(mkt.map((o) => [o.date, o.value])).toEqual([
      ['1926-07-01', 0.0009],
      ['1926-07-02', 0.0045],
      ['1926-07-06', 0.0017],
    ]);
    expect(mkt[0].prov).toEqual({ source: 'french', file, line: 6 });
    expect(batch.seriesMeta.map((m) => m.series).sort()).toEqual(['FF.HML', 'FF.Mkt-RF', 'FF.RF', 'FF.SMB']);
    expect(batch.file).toBe(file);
  });

  it('picks the CSV named like the dataset when the ZIP holds several files', async () => {
    const zip = zipOf({ 'README.txt': 'notes', [ENTRY]: FF3_DAILY_CSV, 'docs/': '' });
    server = await startServer([{ headers: ZIP_HEADERS, body: zip }]);
    const batch = await new FrenchZipProvider({
      parse: standInParse,
      baseUrl: server.baseUrl,
      http: FAST,
    }).fetchDataset('F-F_Research_Data_Factors_daily');
    expect(calls[0].input.relPath).toBe(ENTRY);
    expect(batch.observations).toHaveLength(12);
  });

  it('reads the base URL from MARKETDASH_FRENCH_URL', async () => {
    server = await startServer([{ headers: ZIP_HEADERS, body: zipOf({ [ENTRY]: FF3_DAILY_CSV }) }]);
    process.env.MARKETDASH_FRENCH_URL = server.baseUrl;
    const provider = new FrenchZipProvider({ parse: standInParse, http: FAST });
    expect(provider.url('F-F_Research_Data_Factors_daily')).toBe(`${server.baseUrl}${ZIP_PATH}`);
    await provider.fetchDataset('F-F_Research_Data_Factors_daily');
    expect(server.requests).toHaveLength(1);
  });
});

describe('scenario: French download failures', () => {
  it('two 503s then the ZIP: succeeds after 3 requests', async () => {
    server = await startServer([
      { status: 503 },
      { status: 503 },
      { headers: ZIP_HEADERS, body: zipOf({ [ENTRY]: FF3_DAILY_CSV }) },
    ]);
    const batch = await new FrenchZipProvider({
      parse: standInParse,
      baseUrl: server.baseUrl,
      http: FAST,
    }).fetchDataset('F-F_Research_Data_Factors_daily');
    expect(batch.observations).toHaveLength(12);
    expect(server.requests).toHaveLength(3);
  });

  it('404 for an unknown dataset: not retried, error names provider, URL and status', async () => {
    server = await startServer([{ status: 404, body: 'Not Found' }]);
    const err = await rejection(
      new FrenchZipProvider({ parse: standInParse, baseUrl: server.baseUrl, http: FAST }).fetchDataset(
        'No_Such_Set',
      ),
    );
    expect(server.requests).toHaveLength(1);
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain(`french: HTTP 404`);
    expect(err.message).toContain(`${server.baseUrl}/No_Such_Set_CSV.zip`);
  });

  it('a body that is not a ZIP (an HTML error page) is a clear error', async () => {
    server = await startServer([
      { headers: { 'content-type': 'text/html' }, body: '<html><body>Maintenance</body></html>' },
    ]);
    const err = await rejection(
      new FrenchZipProvider({ parse: standInParse, baseUrl: server.baseUrl, http: FAST }).fetchDataset(
        'F-F_Research_Data_Factors_daily',
      ),
    );
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('french: malformed response: not a valid ZIP archive');
    expect(err.message).toContain("body starts '<html><body>Maintenance");
    expect(calls).toHaveLength(0);
  });

  it('a ZIP without a CSV, or with a binary entry, is a clear error', async () => {
    server = await startServer([
      { headers: ZIP_HEADERS, body: zipOf({ 'README.md': 'hello' }) },
      { headers: ZIP_HEADERS, body: zipSync({ [ENTRY]: new Uint8Array([0x50, 0x4b, 0, 1, 2, 0]) }) },
    ]);
    const provider = new FrenchZipProvider({ parse: standInParse, baseUrl: server.baseUrl, http: FAST });
    const e1 = await rejection(provider.fetchDataset('F-F_Research_Data_Factors_daily'));
    expect(e1.message).toContain('the ZIP holds no CSV file (entries: README.md)');
    const e2 = await rejection(provider.fetchDataset('F-F_Research_Data_Factors_daily'));
    expect(e2.code).toBe('unavailable');
    expect(e2.message).toContain('binary data');
  });

  it("a parse error becomes an 'unavailable' error naming the download and the line", async () => {
    const bad = FF3_DAILY_CSV.replace('19260702', '1926-7-2X');
    server = await startServer([{ headers: ZIP_HEADERS, body: zipOf({ [ENTRY]: bad }) }]);
    const err = await rejection(
      new FrenchZipProvider({ parse: standInParse, baseUrl: server.baseUrl, http: FAST }).fetchDataset(
        'F-F_Research_Data_Factors_daily',
      ),
    );
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('french: malformed dataset: line 7: bad date');
    expect(err.message).toContain(`${ZIP_PATH}#${ENTRY}`);
  });

  it('dataset names are validated before any request', () => {
    expect(frenchDatasetStem('F-F_Momentum_Factor_daily_CSV.zip')).toBe('F-F_Momentum_Factor_daily');
    expect(() => frenchDatasetStem('../etc/passwd')).toThrow(UserError);
    expect(() => frenchDatasetStem('a/b')).toThrow(/invalid dataset name/);
    expect(() => new FrenchZipProvider({} as never)).toThrow(/parse function/);
  });
});
