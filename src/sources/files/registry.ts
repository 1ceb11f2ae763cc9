/** The file importers, in detection order: the first whose `detect` accepts a file parses it. */
import type { FileImporter } from '../importer.ts';
import { flowsCsvImporter } from './flows-csv.ts';
import { frenchImporter } from './french.ts';
import { fredImporter } from './fred.ts';
import { isharesHoldingsImporter } from './ishares-holdings.ts';
import { priceCsvImporter } from './price-csv.ts';
import { sp500ConstituentsImporter } from './sp500-constituents.ts';
import { sp500FinancialsImporter } from './sp500-financials.ts';

export const FILE_IMPORTERS: FileImporter[] = [
  isharesHoldingsImporter,
  sp500FinancialsImporter,
  sp500ConstituentsImporter,
  frenchImporter,
  fredImporter,
  flowsCsvImporter,
  priceCsvImporter,
];

export function detectImporter(relPath: string, head: string): FileImporter | null {
  return FILE_IMPORTERS.find((imp) => imp.detect({ relPath, head })) ?? null;
}
